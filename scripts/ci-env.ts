// Prints one environment's CI facts as GITHUB_OUTPUT lines, read from the validated config, so the
// workflows never restate account ids or role ARNs:  node scripts/run-ts.mjs scripts/ci-env.ts -- dev
import { loadAllEnvironments, stateKey } from '../environments';

const name = process.argv[2];
const env = loadAllEnvironments().find((e) => e.name === name);
if (!env) {
  console.error(`ci-env: unknown environment "${name ?? ''}"`);
  process.exit(2);
}
const facts = {
  account: env.account, region: env.region, plan_role_arn: env.planRoleArn, deploy_role_arn: env.deployRoleArn,
  state_bucket: env.state.bucket, state_key: stateKey(env),
};
for (const [k, v] of Object.entries(facts)) console.log(`${k}=${v}`);
