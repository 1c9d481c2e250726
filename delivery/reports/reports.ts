// The text CI posts: one pull-request comment per environment, the run's job summary, and one drift issue
// per environment. Each is found again by a hidden marker (and by its author, in the workflow).

/** GitHub refuses a comment or issue body over 65,536 characters; keep a margin for the rest of the body. */
export const BODY_LIMIT = 60_000;

/**
 * The end of a long text: Terraform prints the `Plan: …` line and errors last, so the start is what goes.
 * Cuts at a line break and says how much was cut and where the whole text is.
 */
export function keepEnd(text: string, max: number, whereWhole: string): string {
  if (text.length <= max) return text;
  let tail = text.slice(text.length - max);
  const newline = tail.indexOf('\n');
  if (newline >= 0 && newline < tail.length - 1) tail = tail.slice(newline + 1);
  return `… ${text.length - tail.length} characters cut from the start; the whole text is in ${whereWhole}\n${tail}`;
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
  /** what terraform printed when init or plan failed */
  error?: string;
  /** where the whole text is kept (an artifact name) */
  artifact: string;
}

function planSection({ env, guard, plan, error, artifact }: PlanOutcome, limit: number): string[] {
  if (error !== undefined || plan === undefined) {
    const tail = keepEnd((error ?? '').trim() || '(terraform printed nothing)', Math.min(limit, 20_000), `the run's log`);
    return [`### ${env}`, '', `**❌ terraform plan failed.** The last lines of its output:`, '', fence(tail)];
  }
  const head = guard?.trim() ? guard.trim() : `### ${env}\n\n**❌ The plan guard gave no verdict** (it did not run, or refused to read the plan): see the run's log.`;
  const room = Math.max(1_000, limit - head.length - 200);
  return [head, '', `<details><summary>terraform plan: ${env}</summary>`, '', fence(keepEnd(plan.trim(), room, `the artifact ${artifact}`)), '</details>'];
}

/** The pull-request comment of one environment: what the latest push's plan says, or how it failed. */
export function commentBody(outcome: PlanOutcome): string {
  return [commentMarker(outcome.env), ...planSection(outcome, BODY_LIMIT)].join('\n');
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
