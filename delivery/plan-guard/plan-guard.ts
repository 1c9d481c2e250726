// The plan guard: reads `terraform show -json` of a saved plan and refuses one that deletes, replaces or
// forgets a resource whose loss cannot be undone (the key would orphan every ciphertext; the instance,
// the number and the state bucket hold configuration, a claimed number or the state itself). It fails
// closed: whatever it cannot judge is refused (exit 2), never passed: input that is not a plan, a format
// major version it does not know, a plan that errored, is incomplete or deferred changes, an entry without
// an address or type, one address twice, and action names it does not know.
// It judges resources the stack owns: an existing Connect instance or number is none (the stack names it by
// id), so it is never in this list (test/bot-plans/contact-center-modes-plans.test.ts).
// It also refuses an in-place update that Cloud Control cannot apply (cloud-control-updates.ts).
import { refusedInPlaceUpdates, type CloudControlChange, type RefusedUpdate } from './cloud-control-updates';

export const PROTECTED_TYPES: Record<string, string> = {
  aws_kms_key: 'the KMS key (every stored ciphertext needs it)',
  aws_connect_instance: 'the Connect instance',
  aws_connect_phone_number: 'the claimed phone number (releases count against the claim quota)',
  aws_s3_bucket: "an S3 bucket of records (the Terraform state, or the Decrypt invoke trail's logs)",
};

/** Set from a pull-request label in CI only: turns a refusal into a loud warning. */
export const OVERRIDE_VARIABLE = 'PLAN_GUARD_ALLOW_DESTROY';
/** The pull-request label that sets it: on the pull request's plans, and on the deploy of its merge. */
export const OVERRIDE_LABEL = 'allow-destroy';

export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'no-op' | 'forget';

/**
 * Every action list Terraform writes into a plan's JSON, and what it means here. Source: the JSON output
 * format (https://developer.hashicorp.com/terraform/internals/json-format, "change representation") and
 * hashicorp/terraform internal/command/jsonplan/plan.go (`actionString`), which also passes any other
 * action through by name: that is refused, never guessed at.
 */
export const ACTIONS: Record<string, ChangeKind> = {
  'no-op': 'no-op',
  create: 'create',
  read: 'read',
  update: 'update',
  'delete,create': 'replace',
  'create,delete': 'replace',
  delete: 'delete',
  // A `removed` block with `lifecycle { destroy = false }` (Terraform >= 1.7): the object stays in AWS but
  // leaves the state, so nothing manages or protects it any more. With `create` first: replaced, and the
  // old object forgotten instead of destroyed.
  forget: 'forget',
  'create,forget': 'forget',
};

/** Kinds that lose a protected resource (from Terraform's hands at least), and so are refused. */
const LOSSES: readonly ChangeKind[] = ['delete', 'replace', 'forget'];

export type ResourceChange = CloudControlChange & {
  /** Set on a deposed object (the old half of a create-before-destroy): the same address, another object. */
  deposed?: string;
};

export interface TerraformPlanJson {
  format_version?: string;
  errored?: boolean;
  complete?: boolean;
  deferred_changes?: unknown[];
  resource_changes?: ResourceChange[];
  planned_values?: object;
}

export interface GuardResult {
  ok: boolean;
  overridden: boolean;
  violations: { address: string; kind: 'delete' | 'replace' | 'forget'; what: string }[];
  /** In-place updates Cloud Control cannot apply: refused whatever the override says (it allows destroys only). */
  refusedUpdates: RefusedUpdate[];
  counts: Record<ChangeKind, number>;
  byType: Record<string, Partial<Record<ChangeKind, number>>>;
}

/** Input the guard will not judge (exit 2): not a plan, an errored plan, an action it does not know. */
export class NotAPlanError extends Error {}

export const NOT_A_PLAN = 'not a Terraform plan in JSON form: it must have format_version and resource_changes or planned_values (`terraform show -json <planfile>`)';

/** What a change does, or an error naming an action list Terraform does not document. */
export function kindOf(actions: readonly string[]): ChangeKind {
  const kind = Array.isArray(actions) ? ACTIONS[actions.join(',')] : undefined;
  if (!kind) throw new NotAPlanError(`unknown change actions ${String(JSON.stringify(actions)).slice(0, 60)}: refused, the guard judges only Terraform's documented actions`);
  return kind;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The one major version of Terraform's JSON plan format this guard reads ("1.x"). */
export const FORMAT_MAJOR = 1;

/**
 * Refuses anything but the JSON of a plan that Terraform finished making, in a format version it knows.
 * Terraform's JSON output format (https://developer.hashicorp.com/terraform/internals/json-format): a new
 * major version is not backward compatible, and consumers must "reject any input which reports an
 * unsupported major version"; `errored`, `complete` and `deferred_changes` as
 * hashicorp/terraform internal/command/jsonplan/plan.go writes them (booleans, and a list only when
 * something was deferred).
 */
export function assertPlan(plan: unknown): asserts plan is TerraformPlanJson {
  if (!isObject(plan) || typeof plan.format_version !== 'string'
    || !(Array.isArray(plan.resource_changes) || isObject(plan.planned_values))) throw new NotAPlanError(NOT_A_PLAN);
  const major = /^(\d+)\.\d+$/.exec(plan.format_version)?.[1];
  if (major === undefined) throw new NotAPlanError('format_version is not a version number (major.minor): refused, the guard cannot tell which format it reads');
  if (Number(major) !== FORMAT_MAJOR) throw new NotAPlanError(`format_version's major version is not ${FORMAT_MAJOR}: refused, the guard reads only the JSON plan format ${FORMAT_MAJOR}.x (Terraform: reject an unsupported major version)`);
  for (const flag of ['errored', 'complete'] as const) {
    if (plan[flag] !== undefined && typeof plan[flag] !== 'boolean') throw new NotAPlanError(`\`${flag}\` is not a boolean: refused, the guard cannot tell whether Terraform finished the plan`);
  }
  if (plan.errored === true) throw new NotAPlanError('the plan errored (`errored: true`): Terraform could not finish it, so it says nothing about what an apply would do');
  if (plan.complete === false) throw new NotAPlanError('the plan is incomplete (`complete: false`): Terraform left changes for a later plan, which the guard cannot see');
  for (const list of ['deferred_changes', 'deferred_action_invocations'] as const) {
    const value = plan[list];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) throw new NotAPlanError(`the plan has \`${list}\`: Terraform deferred changes it could not plan yet, so the guard cannot judge them`);
  }
  if (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes)) throw new NotAPlanError(NOT_A_PLAN);
  assertChangeEntries(plan.resource_changes ?? []);
}

/** Every entry names its address and type, once (a deposed object is another object at the same address). */
function assertChangeEntries(changes: readonly unknown[]): void {
  const seen = new Map<string, number>();
  changes.forEach((rc, i) => {
    if (!isObject(rc)) throw new NotAPlanError(`resource_changes[${i}] is not an object: refused`);
    if (typeof rc.address !== 'string' || rc.address === '') throw new NotAPlanError(`resource_changes[${i}] has no address: refused, the guard cannot say what it changes`);
    if (typeof rc.type !== 'string' || rc.type === '') throw new NotAPlanError(`resource_changes[${i}] has no type: refused, the guard cannot tell whether it is protected`);
    if (rc.deposed !== undefined && typeof rc.deposed !== 'string') throw new NotAPlanError(`resource_changes[${i}] has a deposed key that is not a string: refused`);
    const key = `${rc.address}\u0000${rc.deposed ?? ''}`;
    if (seen.has(key)) throw new NotAPlanError(`resource_changes[${i}] repeats the address of resource_changes[${seen.get(key)}]: refused, the guard cannot tell which entry Terraform would act on`);
    seen.set(key, i);
  });
}

export function guardPlan(plan: unknown, override = false): GuardResult {
  assertPlan(plan);
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, delete: 0, read: 0, 'no-op': 0, forget: 0 };
  const byType: GuardResult['byType'] = {};
  const violations: GuardResult['violations'] = [];
  for (const rc of plan.resource_changes ?? []) {
    const kind = kindOf(rc?.change?.actions);
    counts[kind]++;
    const row = (byType[rc.type] ??= {});
    row[kind] = (row[kind] ?? 0) + 1;
    if (LOSSES.includes(kind) && rc.type in PROTECTED_TYPES) {
      violations.push({ address: rc.address, kind: kind as 'delete' | 'replace' | 'forget', what: PROTECTED_TYPES[rc.type]! });
    }
  }
  const refusedUpdates = refusedInPlaceUpdates(plan.resource_changes ?? []);
  return { ok: (violations.length === 0 || override) && refusedUpdates.length === 0, overridden: override && violations.length > 0, violations, refusedUpdates, counts, byType };
}

const KINDS: ChangeKind[] = ['create', 'update', 'replace', 'delete', 'forget', 'read'];

/** The Markdown summary for the pull-request comment and the job summary. */
export function summaryMarkdown(result: GuardResult, title: string): string {
  const verdict = result.violations.length === 0
    ? (result.refusedUpdates.length ? 'No protected resource is deleted, replaced or forgotten.' : '**Plan guard: passed.** No protected resource is deleted, replaced or forgotten.')
    : result.overridden
      ? `**⚠️ Plan guard: OVERRIDDEN.** ${result.violations.length} protected resource(s) will be deleted, replaced or forgotten because \`${OVERRIDE_VARIABLE}\` is set.`
      : `**❌ Plan guard: refused.** ${result.violations.length} protected resource(s) would be deleted, replaced or forgotten.`;
  const lines = [`### ${title}`, '', verdict, ''];
  if (result.violations.length) {
    for (const v of result.violations) lines.push(`- \`${v.address}\`: **${v.kind}** of ${v.what}`);
    lines.push('');
  }
  if (result.refusedUpdates.length) {
    lines.push(`**❌ Plan guard: refused.** ${result.refusedUpdates.length} Cloud Control resource(s) would be updated in place, which Cloud Control cannot do for their type; they must be replaced (docs/operations.md, "A bot change that plans an in-place update").`, '');
    for (const u of result.refusedUpdates) lines.push(`- \`${u.address}\`: **in-place update**: ${u.why}`);
    lines.push('');
  }
  if (result.counts.forget > 0) {
    lines.push(`${result.counts.forget} resource(s) will be forgotten: they stay in AWS but leave Terraform's state, and nothing manages them afterwards.`, '');
  }
  lines.push(`| | ${KINDS.join(' | ')} |`, `|---|${KINDS.map(() => '---:').join('|')}|`);
  lines.push(`| **all** | ${KINDS.map((k) => result.counts[k]).join(' | ')} |`);
  for (const type of Object.keys(result.byType).sort()) {
    const row = result.byType[type]!;
    if (KINDS.every((k) => !row[k])) continue;
    lines.push(`| \`${type}\` | ${KINDS.map((k) => row[k] ?? 0).join(' | ')} |`);
  }
  return lines.join('\n');
}
