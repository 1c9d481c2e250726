// ci/tools/smoke.cjs (delivery/ci-tools/build.mjs): the smoke test's live mode only, run by the apply job
// as the smoke role: `node ci/tools/smoke.cjs --env <env> --alias-arn <arn>`. It reads the environment from
// ci/ci-facts.json (delivery/ci-facts.ts, written by the build job from the validated configs), since a
// bundle cannot validate configs (the region check reads the SDK's own files). `npm run smoke`
// (scripts/smoke.ts) is the same CLI with the configs and --local.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runSmokeCli } from './cli';
import type { LiveEnvironment } from './live-target';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export function environmentFromFacts(factsFile: string, name: string): LiveEnvironment | undefined {
  const facts = JSON.parse(readFileSync(factsFile, 'utf8'))[name] as Record<string, string> | undefined;
  if (!facts) return undefined;
  return { name, region: facts.region!, account: facts.account!, locale: facts.smoke_locale!, decryptFunction: facts.smoke_decrypt_function! };
}

const factsFile = path.resolve(__dirname, '..', 'ci-facts.json');
runSmokeCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }, { environment: (name) => environmentFromFacts(factsFile, name) }).then((code) => {
  process.exitCode = code;
});
