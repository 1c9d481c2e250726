// What a plan will do, as one digest: for every resource (and root output) change that changes something,
// its address, its actions and its known after-values (plus which values are still unknown). Two plans with the same
// digest make the same changes; the preview's digest is what the reviewer approved, and the plan made
// behind the approval gate may apply only if its digest is the same.
import { createHash } from 'node:crypto';
import { assertPlan, kindOf } from '../plan-guard/plan-guard';

export interface ResourceFingerprint {
  actions: string[];
  /** sha256 of the change's canonical JSON (address, actions, after, after_unknown, previous_address) */
  hash: string;
}

export interface PlanFingerprint {
  digest: string;
  resources: Record<string, ResourceFingerprint>;
}

/** JSON with object keys sorted at every level, so equal values always serialize alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The fingerprint of a plan (`terraform show -json`). No-op changes are left out: they change nothing,
 * and their after-values are whatever the refresh read, which may differ between two plans of the same
 * config. Timestamps, variables and the prior state are not part of it.
 */
export function planFingerprint(plan: unknown): PlanFingerprint {
  assertPlan(plan);
  const resources: Record<string, ResourceFingerprint> = {};
  for (const rc of plan.resource_changes ?? []) {
    const change = (rc as { change: Record<string, unknown> }).change;
    if (kindOf(rc.change.actions) === 'no-op') continue;
    // A deposed object (left by a failed create_before_destroy) shares its resource's address.
    const deposed = (rc as { deposed?: string }).deposed;
    const key = deposed ? `${rc.address} (deposed ${deposed})` : rc.address;
    const entry = {
      address: key,
      previous_address: (rc as { previous_address?: string }).previous_address ?? null,
      actions: rc.change.actions,
      after: change.after ?? null,
      after_unknown: change.after_unknown ?? null,
    };
    resources[key] = { actions: [...rc.change.actions], hash: sha256(canonicalJson(entry)) };
  }
  // Root outputs too: an apply would write them to the state just as well.
  for (const [name, change] of Object.entries((plan as { output_changes?: Record<string, Record<string, unknown>> }).output_changes ?? {})) {
    const actions = change.actions as string[];
    if (kindOf(actions) === 'no-op') continue;
    const key = `output.${name}`;
    const entry = { address: key, actions, after: change.after ?? null, after_unknown: change.after_unknown ?? null };
    resources[key] = { actions: [...actions], hash: sha256(canonicalJson(entry)) };
  }
  const digest = sha256(canonicalJson(Object.keys(resources).sort().map((a) => [a, resources[a]!.hash])));
  return { digest, resources };
}

/** One line per resource whose change differs between the approved preview and this plan. */
export function differences(preview: PlanFingerprint, now: PlanFingerprint): string[] {
  const lines: string[] = [];
  const show = (a: string[]) => a.join('+');
  for (const address of [...new Set([...Object.keys(preview.resources), ...Object.keys(now.resources)])].sort()) {
    const before = preview.resources[address];
    const after = now.resources[address];
    if (!before) lines.push(`${address}: ${show(after!.actions)} is new since the preview`);
    else if (!after) lines.push(`${address}: ${show(before.actions)} was in the preview and is no longer planned`);
    else if (show(before.actions) !== show(after.actions)) lines.push(`${address}: ${show(before.actions)} in the preview, ${show(after.actions)} now`);
    else if (before.hash !== after.hash) lines.push(`${address}: ${show(after.actions)} with different values than in the preview`);
  }
  return lines;
}

export const RERUN = 'Nothing was applied. Re-run all jobs of this workflow run: a new preview is made from the current state, and it must be approved again.';
