// What the workflows' actions/github-script steps do, as tested functions: the step only calls
// `require('./ci/tools/github.cjs')` (built by delivery/ci-tools/build.mjs) with its own `github` and `context`.
import { allowDestroySettings, type AllowDestroySettings } from '../../environments/allow-destroy';
import { OVERRIDE_LABEL } from '../plan-guard/plan-guard';
import { commentMarker, driftMarker, driftTitle } from '../reports/reports';
import { freshApproval, labelInForce, labellerMayAllow, teamMembership, type IssueEvent, type Review, type Verdict } from './allow-destroy';

export { teamMembership } from './allow-destroy';

/** The part of actions/github-script's Octokit these steps use. */
export interface GitHub {
  paginate<T>(method: unknown, params: Record<string, unknown>): Promise<T[]>;
  rest: {
    repos: { listPullRequestsAssociatedWithCommit(p: Record<string, unknown>): Promise<{ data: Pull[] }> };
    pulls: { get(p: Record<string, unknown>): Promise<{ data: Pull }>; listReviews: unknown };
    git: { getRef(p: Record<string, unknown>): Promise<{ data: { ref: string; object: { sha: string; type: string } } }> };
    issues: {
      listEvents: unknown; listComments: unknown; listForRepo: unknown;
      createComment(p: Record<string, unknown>): Promise<unknown>;
      updateComment(p: Record<string, unknown>): Promise<unknown>;
      create(p: Record<string, unknown>): Promise<{ data: { number: number } }>;
      update(p: Record<string, unknown>): Promise<unknown>;
    };
  };
}
export interface Context { repo: { owner: string; repo: string }; sha: string; ref?: string; issue: { number: number } }
interface Pull {
  number: number; merged_at: string | null; merge_commit_sha: string | null; labels: { name: string }[];
  user?: { login: string } | null; head?: { sha: string };
}
interface Comment { id: number; user?: { login: string } | null; body?: string }
interface Issue { number: number; user?: { login: string } | null; body?: string | null; pull_request?: unknown }

/** Comments and issues this workflow wrote: anybody can copy a marker into their own. */
export const BOT = 'github-actions[bot]';

/** What the override steps may use beyond `github`: the settings, and a token that may read team membership. */
export interface OverrideOptions { settings?: AllowDestroySettings; teamToken?: string; apiUrl?: string; now?: () => number }

const teamCheckOf = (settings: AllowDestroySettings, options: OverrideOptions) =>
  (settings.team ? teamMembership(settings.team, options.teamToken, options.apiUrl) : undefined);

/**
 * The deploy's override: true only when the pushed commit is the merge of a pull request that carried the
 * label when it merged, put there by someone allowDestroy authorises (never its author), and approved again
 * after that on the merged head commit. Read from the API's history, so labelling after the merge and "Re-run
 * all jobs" change nothing; a direct push never overrides.
 */
export async function allowDestroyForPush(github: GitHub, context: Context, options: OverrideOptions = {}): Promise<Verdict> {
  const settings = options.settings ?? allowDestroySettings();
  const { owner, repo } = context.repo;
  const { data: pulls } = await github.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: context.sha });
  const merged = pulls.find((p) => p.merged_at && p.merge_commit_sha === context.sha);
  if (!merged) return { allow: false, why: `${context.sha.slice(0, 7)} is not the merge of a pull request: no override` };
  const mergedAt = Date.parse(merged.merged_at!);
  const events = await github.paginate<IssueEvent>(github.rest.issues.listEvents, { owner, repo, issue_number: merged.number, per_page: 100 });
  const labelled = labelInForce(events, mergedAt);
  if (!labelled) return { allow: false, why: `#${merged.number} did not carry ${OVERRIDE_LABEL} when it merged` };
  const labeller = await labellerMayAllow(labelled, merged.user?.login, settings, teamCheckOf(settings, options));
  if (!labeller.allow) return { allow: false, why: `#${merged.number}: ${labeller.why}` };
  const reviews = await github.paginate<Review>(github.rest.pulls.listReviews, { owner, repo, pull_number: merged.number, per_page: 100 });
  const approval = freshApproval(reviews, Date.parse(labelled.created_at), mergedAt, merged.user?.login, merged.head?.sha);
  if (!approval.allow) return { allow: false, why: `#${merged.number}: ${approval.why}` };
  return { allow: true, why: `#${merged.number} carried ${OVERRIDE_LABEL} when it merged: ${labeller.why}; ${approval.why}` };
}

/**
 * A pull request's own plans: the label as it is now (not the event's copy, which a re-run repeats), put on
 * by someone allowDestroy authorises, never the author. The fresh approval is checked at merge.
 */
export async function allowDestroyForPullRequest(github: GitHub, context: Context, options: OverrideOptions = {}): Promise<Verdict> {
  const settings = options.settings ?? allowDestroySettings();
  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  const { data: pull } = await github.rest.pulls.get({ owner, repo, pull_number: issue_number });
  if (!pull.labels.some((l) => l.name === OVERRIDE_LABEL)) return { allow: false, why: `#${issue_number} does not carry ${OVERRIDE_LABEL}` };
  const events = await github.paginate<IssueEvent>(github.rest.issues.listEvents, { owner, repo, issue_number, per_page: 100 });
  const labelled = labelInForce(events, (options.now ?? Date.now)());
  if (!labelled) return { allow: false, why: `#${issue_number} carries ${OVERRIDE_LABEL} but its history shows no labelling: not authorised` };
  const labeller = await labellerMayAllow(labelled, pull.user?.login, settings, teamCheckOf(settings, options));
  return labeller.allow
    ? { allow: true, why: `#${issue_number}: ${labeller.why}; the deploy of its merge also needs an approval given after the label went on` }
    : { allow: false, why: `#${issue_number}: ${labeller.why}` };
}

/**
 * Refuses a run whose commit is no longer the head of its branch: "Re-run all jobs" of an older run, or an
 * older run still going when a newer push landed, must not roll an environment back.
 */
export async function headOfBranch(github: GitHub, context: Context): Promise<Verdict> {
  const ref = context.ref ?? '';
  if (!ref.startsWith('refs/heads/')) return { allow: false, why: `this run is for ${ref || 'no ref'}, not a branch: nothing is applied` };
  const branch = ref.slice('refs/heads/'.length);
  const { data } = await github.rest.git.getRef({ owner: context.repo.owner, repo: context.repo.repo, ref: ref.slice('refs/'.length) });
  const head = data.object.sha;
  if (head === context.sha) return { allow: true, why: `${context.sha.slice(0, 7)} is the head of ${branch}` };
  return {
    allow: false,
    why: `This run is for ${context.sha.slice(0, 7)}, but ${branch} is now at ${head.slice(0, 7)}: a newer run deploys that commit, which includes this one. Nothing was applied, so no environment goes back to an older commit. If the newest run of ${branch} failed or was cancelled, re-run that run (docs/operations.md, "A run refused as not the head of main").`,
  };
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
