// The plan guard: reads `terraform show -json` of a saved plan and refuses one that deletes or
// replaces a resource whose loss cannot be undone (the key would orphan every ciphertext; the instance,
// the number and the state bucket hold configuration, a claimed number or the state itself).

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

export interface ResourceChange {
  address: string;
  type: string;
  change: { actions: string[] };
}

export interface TerraformPlanJson {
  format_version?: string;
  resource_changes?: ResourceChange[];
}

export interface GuardResult {
  ok: boolean;
  overridden: boolean;
  violations: { address: string; kind: 'delete' | 'replace'; what: string }[];
  counts: Record<ChangeKind, number>;
  byType: Record<string, Partial<Record<ChangeKind, number>>>;
}

/** What a change does; replace in either order (delete then create, or create_before_destroy). */
export function kindOf(actions: readonly string[]): ChangeKind {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  for (const k of ['create', 'update', 'delete', 'read', 'forget'] as const) if (actions.includes(k)) return k;
  return 'no-op';
}

export function guardPlan(plan: TerraformPlanJson, override = false): GuardResult {
  if (!plan || typeof plan !== 'object' || !Array.isArray(plan.resource_changes ?? [])) throw new Error('not the JSON of `terraform show -json <planfile>`');
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, delete: 0, read: 0, 'no-op': 0, forget: 0 };
  const byType: GuardResult['byType'] = {};
  const violations: GuardResult['violations'] = [];
  for (const rc of plan.resource_changes ?? []) {
    const kind = kindOf(rc.change?.actions ?? []);
    counts[kind]++;
    const row = (byType[rc.type] ??= {});
    row[kind] = (row[kind] ?? 0) + 1;
    if ((kind === 'delete' || kind === 'replace') && rc.type in PROTECTED_TYPES) {
      violations.push({ address: rc.address, kind, what: PROTECTED_TYPES[rc.type]! });
    }
  }
  return { ok: violations.length === 0 || override, overridden: override && violations.length > 0, violations, counts, byType };
}

const KINDS: ChangeKind[] = ['create', 'update', 'replace', 'delete', 'read'];

/** The Markdown summary for the pull-request comment. */
export function summaryMarkdown(result: GuardResult, title: string): string {
  const verdict = result.violations.length === 0
    ? '**Plan guard: passed.** No protected resource is deleted or replaced.'
    : result.overridden
      ? `**⚠️ Plan guard: OVERRIDDEN.** ${result.violations.length} protected resource(s) will be deleted or replaced because \`${OVERRIDE_VARIABLE}\` is set.`
      : `**❌ Plan guard: refused.** ${result.violations.length} protected resource(s) would be deleted or replaced.`;
  const lines = [`### ${title}`, '', verdict, ''];
  if (result.violations.length) {
    for (const v of result.violations) lines.push(`- \`${v.address}\`: **${v.kind}** of ${v.what}`);
    lines.push('');
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
