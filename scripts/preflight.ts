// npm run preflight -- --env <environment>: before an environment's first deploy, checks with your own
// credentials that every principal its stack names exists and that the account's quotas allow it.
// See docs/operations.md ("Principals and preflight").
import { runPreflight } from '../delivery/preflight/preflight';
import { EnvironmentConfigError } from '../environments';

// Keep the promised one-line answers free of the SDK's notice about future Node versions.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

runPreflight(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => {
  process.exitCode = code;
}, (err: unknown) => {
  // A config error is one line naming environment and field; anything else only by name (no stack trace).
  console.error(err instanceof EnvironmentConfigError ? `preflight stopped: ${err.message}` : `preflight failed: ${(err as Error)?.name ?? 'unknown error'}`);
  process.exitCode = 1;
});
