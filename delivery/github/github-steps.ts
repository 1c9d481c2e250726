// What the workflows' actions/github-script steps do, as tested functions: the step only calls
// `require('./ci/tools/github.cjs')` (built by delivery/ci-tools/build.mjs) with its own `github` and `context`.
import { OVERRIDE_LABEL } from '../plan-guard/plan-guard';
import { commentMarker, driftMarker, driftTitle } from '../reports/reports';

/** The part of actions/github-script's Octokit these steps use. */
export interface GitHub {
  paginate<T>(method: unknown, params: Record<string, unknown>): Promise<T[]>;
  rest: {
    repos: { listPullRequestsAssociatedWithCommit(p: Record<string, unknown>): Promise<{ data: Pull[] }> };
    pulls: { get(p: Record<string, unknown>): Promise<{ data: Pull }> };
    issues: {
      listEvents: unknown; listComments: unknown; listForRepo: unknown;
      createComment(p: Record<string, unknown>): Promise<unknown>;
      updateComment(p: Record<string, unknown>): Promise<unknown>;
      create(p: Record<string, unknown>): Promise<{ data: { number: number } }>;
      update(p: Record<string, unknown>): Promise<unknown>;
    };
  };
}
export interface Context { repo: { owner: string; repo: string }; sha: string; issue: { number: number } }
interface Pull { number: number; merged_at: string | null; merge_commit_sha: string | null; labels: { name: string }[] }
interface IssueEvent { event: string; created_at: string; label?: { name: string } }
interface Comment { id: number; user?: { login: string } | null; body?: string }
interface Issue { number: number; user?: { login: string } | null; body?: string | null; pull_request?: unknown }

/** Comments and issues this workflow wrote: anybody can copy a marker into their own. */
export const BOT = 'github-actions[bot]';

/** Whether the label was on the pull request at the moment it merged: its last (un)labeling before then. */
export function labelAtMerge(events: readonly IssueEvent[], mergedAt: string, label = OVERRIDE_LABEL): boolean {
  const merged = Date.parse(mergedAt);
  let on = false;
  for (const e of [...events].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at))) {
    if (e.label?.name !== label || Date.parse(e.created_at) > merged) continue;
    if (e.event === 'labeled') on = true;
    if (e.event === 'unlabeled') on = false;
  }
  return on;
}

/**
 * The deploy's override: true only when the pushed commit is the merge of a pull request that carried the
 * label when it merged. Read from the label's history, so labelling after the merge and "Re-run all jobs"
 * change nothing; a direct push never overrides.
 */
export async function allowDestroyForPush(github: GitHub, context: Context): Promise<{ allow: boolean; why: string }> {
  const { owner, repo } = context.repo;
  const { data: pulls } = await github.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: context.sha });
  const merged = pulls.find((p) => p.merged_at && p.merge_commit_sha === context.sha);
  if (!merged) return { allow: false, why: `${context.sha.slice(0, 7)} is not the merge of a pull request: no override` };
  const events = await github.paginate<IssueEvent>(github.rest.issues.listEvents, { owner, repo, issue_number: merged.number, per_page: 100 });
  const allow = labelAtMerge(events, merged.merged_at!);
  return { allow, why: `#${merged.number} ${allow ? 'carried' : 'did not carry'} ${OVERRIDE_LABEL} when it merged` };
}

/** The pull request's labels now (not the event's copy, which a re-run repeats). */
export async function allowDestroyForPullRequest(github: GitHub, context: Context): Promise<boolean> {
  const { owner, repo } = context.repo;
  const { data } = await github.rest.pulls.get({ owner, repo, pull_number: context.issue.number });
  return data.labels.some((l) => l.name === OVERRIDE_LABEL);
}

/** One comment per environment on the pull request, updated in place. */
export async function upsertPlanComment(github: GitHub, context: Context, env: string, body: string): Promise<'created' | 'updated'> {
  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  const comments = await github.paginate<Comment>(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => c.user?.login === BOT && c.body?.startsWith(commentMarker(env)));
  if (mine) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
    return 'updated';
  }
  await github.rest.issues.createComment({ owner, repo, issue_number, body });
  return 'created';
}

/**
 * One open drift issue per environment: drift opens it or updates it (and says so in a comment, which
 * notifies its watchers); a clean plan closes it.
 */
export async function syncDriftIssue(github: GitHub, context: Context, env: string, drift: boolean, body: string, runUrl: string):
Promise<'opened' | 'updated' | 'closed' | 'clean'> {
  const { owner, repo } = context.repo;
  const open = await github.paginate<Issue>(github.rest.issues.listForRepo, { owner, repo, state: 'open', creator: BOT, per_page: 100 });
  const mine = open.find((i) => !i.pull_request && i.user?.login === BOT && i.body?.startsWith(driftMarker(env)));
  if (drift) {
    if (mine) {
      await github.rest.issues.update({ owner, repo, issue_number: mine.number, body });
      await github.rest.issues.createComment({ owner, repo, issue_number: mine.number, body: `Still drifting: ${runUrl}` });
      return 'updated';
    }
    await github.rest.issues.create({ owner, repo, title: driftTitle(env), body });
    return 'opened';
  }
  if (!mine) return 'clean';
  await github.rest.issues.createComment({ owner, repo, issue_number: mine.number, body: `A clean plan of \`${env}\` found no drift: ${runUrl}` });
  await github.rest.issues.update({ owner, repo, issue_number: mine.number, state: 'closed', state_reason: 'completed' });
  return 'closed';
}
