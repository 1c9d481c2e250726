// npm run --silent ci-env -- <env> >> "$GITHUB_OUTPUT": one environment's CI facts (delivery/ci-facts.ts).
import { ciFacts } from '../delivery/ci-facts';
import { loadAllEnvironments } from '../environments';

const name = process.argv[2];
const env = loadAllEnvironments().find((e) => e.name === name);
if (!env) {
  console.error(`ci-env: unknown environment "${name ?? ''}"`);
  process.exit(2);
}
for (const [k, v] of Object.entries(ciFacts(env))) console.log(`${k}=${v}`);
