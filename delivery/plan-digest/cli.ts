// node plan-digest.cjs <plan.json> --write <fingerprint.json>       prints digest=<hex> (for GITHUB_OUTPUT)
// node plan-digest.cjs <plan.json> --expect <hex> [--preview <fingerprint.json>]
//   exit 0 when the plan's digest is the approved one; 1 with the differences and what to do; 2 not a plan.
import { readFileSync, writeFileSync } from 'node:fs';
import { NotAPlanError, NOT_A_PLAN } from '../plan-guard/plan-guard';
import { differences, planFingerprint, RERUN, type PlanFingerprint } from './plan-digest';

const fail = (code: number, ...lines: string[]): never => {
  for (const l of lines) console.error(`plan-digest: ${l}`);
  process.exit(code);
};
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const write = option('--write');
const expect = option('--expect');
const previewFile = option('--preview');
if (args.length !== 1 || (!write && !expect)) fail(2, 'usage: plan-digest <plan.json> (--write <fingerprint.json> | --expect <digest> [--preview <fingerprint.json>])');

let now: PlanFingerprint;
try {
  now = planFingerprint(JSON.parse(readFileSync(args[0]!, 'utf8')));
} catch (err) {
  fail(2, err instanceof NotAPlanError ? err.message : NOT_A_PLAN);
}
if (write) {
  writeFileSync(write, JSON.stringify(now!, null, 1));
  console.log(`digest=${now!.digest}`);
} else if (now!.digest === expect) {
  console.log(`plan-digest: the plan is the approved preview (${Object.keys(now!.resources).length} change(s), digest ${now!.digest.slice(0, 12)})`);
} else {
  let detail: string[] = ['(the preview\'s details are not available)'];
  if (previewFile) {
    try {
      const preview = JSON.parse(readFileSync(previewFile, 'utf8')) as PlanFingerprint;
      if (preview.digest === expect) detail = differences(preview, now!);
    } catch { /* keep the generic line */ }
  }
  fail(1, `refused: this plan differs from the preview that was approved (digest ${now!.digest.slice(0, 12)}, approved ${String(expect).slice(0, 12)}):`, ...detail.map((d) => `  ${d}`), RERUN);
}
