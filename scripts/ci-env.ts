// What the workflows read from the environment configs (delivery/ci-facts.ts), so that no workflow lists
// an environment, an account id, a role ARN or the Terraform version:
//   npm run --silent ci-env -- <env>       that environment's facts as GITHUB_OUTPUT lines
//   npm run --silent ci-env -- --matrix    environments=<JSON list, in deploy order> and terraform_version=<x.y.z>
//   npm run --silent ci-env -- --json      every environment's facts as one JSON object (for jobs without npm)
import { ciFacts, ciMatrix } from '../delivery/ci-facts';
import { loadAllEnvironments } from '../environments';

const arg = process.argv[2];
const envs = loadAllEnvironments();
if (arg === '--matrix') {
  for (const [k, v] of Object.entries(ciMatrix(envs))) console.log(`${k}=${v}`);
} else if (arg === '--json') {
  console.log(JSON.stringify(Object.fromEntries(envs.map((e) => [e.name, ciFacts(e)])), null, 1));
} else {
  const env = envs.find((e) => e.name === arg);
  if (!env) {
    console.error(`ci-env: unknown environment "${arg ?? ''}" (known: ${envs.map((e) => e.name).join(', ')}; or --matrix, --json)`);
    process.exit(2);
  }
  for (const [k, v] of Object.entries(ciFacts(env))) console.log(`${k}=${v}`);
}
