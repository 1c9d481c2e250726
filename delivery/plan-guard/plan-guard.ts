// The plan guard: reads `terraform show -json` of a saved plan and refuses one that deletes, replaces or
// forgets a resource whose loss cannot be undone (the key would orphan every ciphertext; the instance,
// the number and the state bucket hold configuration, a claimed number or the state itself). It fails
// closed: input that is not a plan, a plan that errored, and action names it does not know are refused.
// It also refuses an in-place update that Cloud Control cannot apply (cloud-control-updates.ts).
import { refusedInPlaceUpdates, type CloudControlChange, type RefusedUpdate } from './cloud-control-updates';

export const PROTECTED_TYPES: Record<string, string> = {
  aws_kms_key: 'the KMS key (every stored ciphertext needs it)',
  aws_connect_instance: 'the Connect instance',
  aws_connect_phone_number: 'the claimed phone number (releases count against the claim quota)',
  aws_s3_bucket: 'the Terraform state bucket',
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

export type ResourceChange = CloudControlChange;

export interface TerraformPlanJson {
  format_version?: string;
  errored?: boolean;
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

/** Refuses anything but the JSON of a plan that Terraform finished making. */
export function assertPlan(plan: unknown): asserts plan is TerraformPlanJson {
  if (!isObject(plan) || typeof plan.format_version !== 'string'
    || !(Array.isArray(plan.resource_changes) || isObject(plan.planned_values))) throw new NotAPlanError(NOT_A_PLAN);
  if (plan.errored === true) throw new NotAPlanError('the plan errored (`errored: true`): Terraform could not finish it, so it says nothing about what an apply would do');
  if (plan.resource_changes !== undefined && !Array.isArray(plan.resource_changes)) throw new NotAPlanError(NOT_A_PLAN);
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
