// What the workflows read from the environment configs (delivery/ci-facts.ts), so that no workflow lists
// an environment, a stack, an account id, a role ARN or the Terraform version:
//   npm run --silent ci-env -- <stack>     that stack's facts as GITHUB_OUTPUT lines (dev, bootstrap-dev, ...)
//   npm run --silent ci-env -- --matrix    environments=<JSON list, in deploy order>, stacks=<JSON list>, terraform_version=<x.y.z>
//   npm run --silent ci-env -- --json      every stack's facts as one JSON object (for jobs without npm)
import { ciMatrix, ciStackFacts } from '../delivery/ci-facts';
import { loadAllEnvironments } from '../environments';
import { allowDestroySettings } from '../environments/allow-destroy';

// Who may authorise a destroy is read by the CI tools at run time; a bad value stops the build here instead.
try {
  allowDestroySettings();
} catch (err) {
  for (const line of (err as Error).message.split('\n')) console.error(`ci-env: ${line}`);
  process.exit(2);
}

const arg = process.argv[2];
const envs = loadAllEnvironments();
const stacks = ciStackFacts(envs);
if (arg === '--matrix') {
  for (const [k, v] of Object.entries(ciMatrix(envs))) console.log(`${k}=${v}`);
} else if (arg === '--json') {
  console.log(JSON.stringify(stacks, null, 1));
} else {
  const facts = arg === undefined ? undefined : stacks[arg];
  if (!facts) {
    console.error(`ci-env: unknown stack "${arg ?? ''}" (known: ${Object.keys(stacks).join(', ')}; or --matrix, --json)`);
    process.exit(2);
  }
  for (const [k, v] of Object.entries(facts)) console.log(`${k}=${v}`);
}
