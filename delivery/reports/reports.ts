// The text CI posts: one pull-request comment per stack, the run's job summary, and one drift issue per
// stack. Each is found again by a hidden marker (and by its author, in the workflow).
import { ACTIONS } from '../plan-guard/plan-guard';

/** GitHub refuses a comment or issue body over 65,536 characters; keep a margin for the rest of the body. */
export const BODY_LIMIT = 60_000;

/**
 * GitHub's cap on one step's job summary: 1 MiB. Over it the summary is dropped with the annotation
 * "$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k" (docs: "Adding a job
 * summary", workflow commands for GitHub Actions).
 */
export const SUMMARY_LIMIT = 1024 * 1024;
/** What one summary body may take, in UTF-8 bytes: the cap less a margin for anything else the step writes. */
export const SUMMARY_BUDGET = SUMMARY_LIMIT - 32 * 1024;

type Size = (text: string) => number;
const chars: Size = (text) => text.length;
export const utf8Bytes: Size = (text) => Buffer.byteLength(text, 'utf8');

/**
 * The end of a long text: Terraform prints the `Plan: …` line and errors last, so the start is what goes.
 * Cuts at a line break and says how much was cut and where the whole text is. `size` measures the limit
 * (characters for comments, UTF-8 bytes for job summaries).
 */
export function keepEnd(text: string, max: number, whereWhole: string, size: Size = chars): string {
  if (size(text) <= max) return text;
  let start = Math.max(0, text.length - max);
  while (start < text.length && size(text.slice(start)) > max) start += Math.max(1, Math.ceil((size(text.slice(start)) - max) / 4));
  let tail = text.slice(start);
  const newline = tail.indexOf('\n');
  if (newline >= 0 && newline < tail.length - 1) tail = tail.slice(newline + 1);
  return `… ${text.length - tail.length} characters cut from the start; the whole text is in ${whereWhole}\n${tail}`;
}

/** One planned change: what Terraform will do to which address (no-ops are not changes). */
export interface PlannedChange { address: string; action: string }

/** Every change in a plan's JSON (`terraform show -json`), in Terraform's order; a deposed object says so. */
export function plannedChanges(plan: unknown): PlannedChange[] {
  const list = (plan as { resource_changes?: unknown })?.resource_changes;
  if (!Array.isArray(list)) return [];
  return list.flatMap((rc: any) => {
    const actions = Array.isArray(rc?.change?.actions) ? rc.change.actions.join(',') : '?';
    if (actions === 'no-op' || typeof rc?.address !== 'string') return [];
    return [{ address: `${rc.address}${typeof rc.deposed === 'string' ? ` (deposed ${rc.deposed})` : ''}`, action: ACTIONS[actions] ?? actions }];
  });
}

/** The changes as a Markdown table, cut to `max` with a count of what is left and where it is. */
function changeTable(changes: readonly PlannedChange[], max: number, whereWhole: string, size: Size): string {
  const lines = [`**Every change in this plan (${changes.length}), from its JSON:**`, '', '| action | address |', '|---|---|'];
  const rows = changes.map((c) => `| ${c.action} | \`${c.address.replaceAll('`', "'").replaceAll('|', '\\|')}\` |`);
  let used = size(lines.join('\n'));
  let shown = 0;
  for (const row of rows) {
    if (used + size(row) + 1 > max - 200) break;
    used += size(row) + 1;
    shown++;
  }
  const more = rows.length - shown;
  return [...lines, ...rows.slice(0, shown), ...(more > 0 ? ['', `… and ${more} more changes: the whole list is in ${whereWhole}.`] : [])].join('\n');
}

export const commentMarker = (env: string) => `<!-- secure-lex-input plan: ${env} -->`;
export const driftMarker = (env: string) => `<!-- secure-lex-input drift: ${env} -->`;
export const driftTitle = (env: string) => `Drift in ${env}: the deployed resources differ from main`;

const fence = (text: string) => `\`\`\`\n${text.replaceAll('```', '`\u200b``')}\n\`\`\``;

export interface PlanOutcome {
  env: string;
  /** the guard's Markdown summary, when the plan finished */
  guard?: string;
  /** `terraform show -no-color` of the plan, when it finished */
  plan?: string;
  /** every change, from `terraform show -json` of the same plan: kept whole when the rendered plan is cut */
  changes?: readonly PlannedChange[];
  /** what terraform printed when init or plan failed */
  error?: string;
  /** where the whole text is kept (an artifact name) */
  artifact: string;
  /** the artifact's download link (upload-artifact's `artifact-url` output), when known */
  artifactUrl?: string;
}

function planSection({ env, guard, plan, changes, error, artifact, artifactUrl }: PlanOutcome, limit: number, size: Size = chars): string[] {
  if (error !== undefined || plan === undefined) {
    const tail = keepEnd((error ?? '').trim() || '(terraform printed nothing)', Math.min(limit, 20_000), `the run's log`, size);
    return [`### ${env}`, '', `**❌ terraform plan failed.** The last lines of its output:`, '', fence(tail)];
  }
  const head = guard?.trim() ? guard.trim() : `### ${env}\n\n**❌ The plan guard gave no verdict** (it did not run, or refused to read the plan): see the run's log.`;
  const details = (text: string) => ['', `<details><summary>terraform plan: ${env}</summary>`, '', fence(text), '</details>'];
  const whole = [head, ...details(plan.trim())];
  if (size(whole.join('\n')) <= limit) return whole;
  // Too long for one body: every address and action first (short), then as much of the plan's end as fits.
  const where = artifactUrl ? `the artifact [${artifact}](${artifactUrl})` : `the artifact ${artifact}`;
  const list = changes?.length ? changeTable(changes, Math.floor((limit - size(head)) * 0.6), where, size) : '';
  const room = Math.max(1_000, limit - size(head) - size(list) - 400);
  return [head, ...(list ? ['', list] : []), ...details(keepEnd(plan.trim(), room, where, size))];
}

/** The pull-request comment of one stack: what the latest push's plan says, or how it failed. */
export function commentBody(outcome: PlanOutcome): string {
  return [commentMarker(outcome.env), ...planSection(outcome, BODY_LIMIT)].join('\n');
}

/**
 * The job summary of a plan (the deploy preview the approver reads, and the pull-request and drift jobs):
 * the whole rendered plan up to GitHub's 1 MiB summary cap; beyond it, every address and action and the
 * plan's end, with a link to the artifact that holds all of it.
 */
export function summaryBody(outcome: PlanOutcome): string {
  return planSection(outcome, SUMMARY_BUDGET, utf8Bytes).join('\n');
}

/** The drift issue of one environment: the plan of main against what is deployed, and the run that found it. */
export function driftIssueBody(outcome: PlanOutcome & { runUrl: string }): string {
  return [
    driftMarker(outcome.env),
    `The daily drift check planned \`${outcome.env}\` from \`main\` with the read-only plan role and found changes: what is deployed differs from what \`main\` describes (a change made outside Terraform, or a merge that was not deployed). Found by ${outcome.runUrl}.`,
    '',
    'Deploy `main` again to put it back, or bring the change into the code. The next clean check closes this issue.',
    '',
    ...planSection(outcome, BODY_LIMIT - 600),
  ].join('\n');
}
