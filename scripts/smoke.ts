// npm run smoke -- --env <environment> [--local]: see smoke/cli.ts and docs/operations.md ("Smoke test").
import { runSmokeCli } from '../smoke/cli';
import { knownEnvironments, stackEnvironment } from '../smoke/stack-environment';

// Keep the SDK's Node-version notice out of the one-line answers.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const local = async (envName: string) => (await import('../smoke/local-target')).localTarget(envName);

runSmokeCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }, { local, environment: stackEnvironment, knownEnvironments }).then((code) => {
  process.exitCode = code;
});
