// node scripts/run-ts.mjs delivery/provider-locks/place.ts <outdir> [--locks <dir>] [--allow-missing]
// Puts each stack's dependency lock file, `delivery/provider-locks/<stack>.terraform.lock.hcl` (written by the
// hand-run provider-locks workflow: `terraform providers lock -platform=linux_amd64 -platform=darwin_arm64`),
// into `<outdir>/stacks/<stack>/.terraform.lock.hcl`, where `terraform init` reads it. The workflows then
// init with `-lockfile=readonly`, so a provider package whose checksum is not in the lock is refused.
// While no lock file exists (this machine has no registry to make one) it places nothing and says so. Once
// one exists, every stack must have its own: a stack without one stops the build (exit 1), except with
// --allow-missing, which the provider-locks workflow's own build uses to make the missing ones.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadExampleEnvironments } from '../../environments';
import { bootstrapStackName } from '../../stacks/naming';

export const LOCK_SUFFIX = '.terraform.lock.hcl';

export interface Placement { placed: string[]; missing: string[]; stale: string[] }

/**
 * `neverInitialised`: stacks no workflow runs `terraform init` on (the examples' stacks, which the workflows'
 * matrix leaves out and the provider-locks workflow so never locks): they need no lock file.
 */
export function placeLockFiles(outdir: string, locksDir: string, allowMissing = false, neverInitialised: readonly string[] = []): Placement {
  const stacksDir = path.join(outdir, 'stacks');
  const stacks = readdirSync(stacksDir).filter((s) => existsSync(path.join(stacksDir, s, 'cdk.tf.json')) && !neverInitialised.includes(s)).sort();
  const locks = existsSync(locksDir) ? readdirSync(locksDir).filter((f) => f.endsWith(LOCK_SUFFIX)).map((f) => f.slice(0, -LOCK_SUFFIX.length)) : [];
  if (locks.length === 0) return { placed: [], missing: [], stale: [] };
  const missing = stacks.filter((s) => !locks.includes(s));
  const placed = missing.length && !allowMissing ? [] : stacks.filter((s) => locks.includes(s));
  for (const stack of placed) copyFileSync(path.join(locksDir, `${stack}${LOCK_SUFFIX}`), path.join(stacksDir, stack, '.terraform.lock.hcl'));
  return { placed, missing, stale: locks.filter((l) => !stacks.includes(l)) };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--locks');
  const locksDir = at >= 0 ? args.splice(at, 2)[1]! : 'delivery/provider-locks';
  const allowAt = args.indexOf('--allow-missing');
  const allowMissing = allowAt >= 0 && args.splice(allowAt, 1).length === 1;
  if (args.length !== 1) {
    console.error('usage: place.ts <outdir> [--locks <dir>] [--allow-missing]');
    process.exit(2);
  }
  const examples = loadExampleEnvironments().flatMap((e) => [e.name, bootstrapStackName(e)]);
  const { placed, missing, stale } = placeLockFiles(args[0]!, locksDir, allowMissing, examples);
  for (const s of stale) console.error(`provider-locks: warning: ${s}${LOCK_SUFFIX} names no synthesized stack`);
  if (missing.length && allowMissing) console.error(`provider-locks: no lock file yet for ${missing.join(', ')} (--allow-missing)`);
  else if (missing.length) {
    console.error(`provider-locks: no lock file for ${missing.join(', ')}: run the provider-locks workflow and merge its pull request`);
    process.exit(1);
  }
  console.log(placed.length
    ? `provider-locks: placed the lock files of ${placed.join(', ')}; init runs with -lockfile=readonly`
    : 'provider-locks: no lock files yet (run the provider-locks workflow): init runs without -lockfile=readonly');
}
