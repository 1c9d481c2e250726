import { describe, expect, it } from 'vitest';
import { commentMarker, driftMarker } from '../reports/reports';
import { allowDestroyForPullRequest, allowDestroyForPush, BOT, labelAtMerge, syncDriftIssue, upsertPlanComment, type GitHub } from './github-steps';

/** A stand-in for github-script's Octokit that records every write. */
function fakeGitHub(data: { pulls?: any[]; events?: any[]; comments?: any[]; issues?: any[]; pull?: any } = {}) {
  const calls: [string, Record<string, unknown>][] = [];
  const record = (name: string, result: unknown = {}) => async (p: Record<string, unknown>) => {
    calls.push([name, p]);
    return { data: result };
  };
  const lists = new Map<unknown, any[]>();
  const github: GitHub = {
    paginate: async (method: unknown, params: Record<string, unknown>) => {
      calls.push(['paginate', params]);
      return lists.get(method) ?? [];
    },
    rest: {
      repos: { listPullRequestsAssociatedWithCommit: record('listPulls', data.pulls ?? []) as any },
      pulls: { get: record('getPull', data.pull) as any },
      issues: {
        listEvents: Symbol('listEvents'), listComments: Symbol('listComments'), listForRepo: Symbol('listForRepo'),
        createComment: record('createComment'), updateComment: record('updateComment'),
        create: record('create', { number: 9 }) as any, update: record('update'),
      },
    },
  };
  lists.set(github.rest.issues.listEvents, data.events ?? []);
  lists.set(github.rest.issues.listComments, data.comments ?? []);
  lists.set(github.rest.issues.listForRepo, data.issues ?? []);
  return { github, writes: () => calls.filter(([n]) => !['paginate', 'listPulls', 'getPull'].includes(n)) };
}
const context = { repo: { owner: 'o', repo: 'r' }, sha: 'abc1234def', issue: { number: 7 } };
const ev = (event: string, at: string, name = 'allow-destroy') => ({ event, created_at: at, label: { name } });
const MERGED = '2026-11-20T10:00:00Z';

describe('the allow-destroy override of a deploy', () => {
  it('follows the label\'s history up to the merge, whatever came after', () => {
    expect(labelAtMerge([ev('labeled', '2026-11-20T09:00:00Z')], MERGED)).toBe(true);
    expect(labelAtMerge([ev('labeled', '2026-11-20T09:00:00Z'), ev('unlabeled', '2026-11-20T09:30:00Z')], MERGED)).toBe(false);
    // Added after the merge, then "Re-run all jobs": still no override.
    expect(labelAtMerge([ev('labeled', '2026-11-20T11:00:00Z')], MERGED)).toBe(false);
    // Removed after the merge: the reviewed override stands, on a re-run too.
    expect(labelAtMerge([ev('labeled', '2026-11-20T09:00:00Z'), ev('unlabeled', '2026-11-20T12:00:00Z')], MERGED)).toBe(true);
    expect(labelAtMerge([ev('labeled', '2026-11-20T09:00:00Z', 'other')], MERGED)).toBe(false);
  });

  it('applies only to the pull request merged as the pushed commit', async () => {
    const merged = { number: 3, merged_at: MERGED, merge_commit_sha: context.sha, labels: [] };
    const events = [ev('labeled', '2026-11-20T09:00:00Z')];
    expect(await allowDestroyForPush(fakeGitHub({ pulls: [merged], events }).github, context)).toEqual({ allow: true, why: '#3 carried allow-destroy when it merged' });
    const other = { ...merged, merge_commit_sha: 'fff' };
    expect((await allowDestroyForPush(fakeGitHub({ pulls: [other], events }).github, context)).allow).toBe(false);
    expect((await allowDestroyForPush(fakeGitHub({ pulls: [{ ...merged, merged_at: null }], events }).github, context)).allow).toBe(false);
  });

  it('reads a pull request\'s labels as they are now', async () => {
    expect(await allowDestroyForPullRequest(fakeGitHub({ pull: { labels: [{ name: 'allow-destroy' }] } }).github, context)).toBe(true);
    expect(await allowDestroyForPullRequest(fakeGitHub({ pull: { labels: [{ name: 'docs' }] } }).github, context)).toBe(false);
  });
});

describe('the plan comment', () => {
  it('updates this workflow\'s own comment of that environment, and no one else\'s', async () => {
    const comments = [
      { id: 1, user: { login: 'someone' }, body: `${commentMarker('dev')}\nfake` },
      { id: 2, user: { login: BOT }, body: `${commentMarker('prod')}\n...` },
      { id: 3, user: { login: BOT }, body: `${commentMarker('dev')}\n...` },
    ];
    const { github, writes } = fakeGitHub({ comments });
    expect(await upsertPlanComment(github, context, 'dev', 'new')).toBe('updated');
    expect(writes()).toEqual([['updateComment', { owner: 'o', repo: 'r', comment_id: 3, body: 'new' }]]);
  });

  it('creates it the first time', async () => {
    const { github, writes } = fakeGitHub({ comments: [{ id: 1, user: { login: 'someone' }, body: `${commentMarker('dev')}` }] });
    expect(await upsertPlanComment(github, context, 'dev', 'new')).toBe('created');
    expect(writes()).toEqual([['createComment', { owner: 'o', repo: 'r', issue_number: 7, body: 'new' }]]);
  });
});

describe('the drift issue, one per environment', () => {
  const issue = (number: number, env: string, login = BOT) => ({ number, user: { login }, body: `${driftMarker(env)}\nold` });
  const run = 'https://github.com/o/r/actions/runs/5';

  it('is opened on drift when none is open', async () => {
    const { github, writes } = fakeGitHub({ issues: [issue(1, 'prod'), issue(2, 'dev', 'someone')] });
    expect(await syncDriftIssue(github, context, 'dev', true, 'body', run)).toBe('opened');
    expect(writes()).toEqual([['create', { owner: 'o', repo: 'r', title: expect.stringContaining('dev'), body: 'body' }]]);
  });

  it('is updated, with a comment, when it is open already', async () => {
    const { github, writes } = fakeGitHub({ issues: [issue(4, 'dev')] });
    expect(await syncDriftIssue(github, context, 'dev', true, 'body', run)).toBe('updated');
    expect(writes().map(([n, p]) => [n, p.issue_number])).toEqual([['update', 4], ['createComment', 4]]);
  });

  it('is closed by a clean plan, and a clean plan with no issue writes nothing', async () => {
    const open = fakeGitHub({ issues: [issue(4, 'dev'), issue(5, 'stage')] });
    expect(await syncDriftIssue(open.github, context, 'dev', false, '', run)).toBe('closed');
    expect(open.writes()).toEqual([
      ['createComment', expect.objectContaining({ issue_number: 4 })],
      ['update', { owner: 'o', repo: 'r', issue_number: 4, state: 'closed', state_reason: 'completed' }],
    ]);
    const none = fakeGitHub({ issues: [issue(5, 'stage')] });
    expect(await syncDriftIssue(none.github, context, 'dev', false, '', run)).toBe('clean');
    expect(none.writes()).toEqual([]);
  });
});
