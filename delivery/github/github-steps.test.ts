import { describe, expect, it } from 'vitest';
import { commentMarker, driftMarker } from '../reports/reports';
import { fakeGitHub } from '../test-support/fake-github';
import { BOT, labelAtMerge, syncDriftIssue, upsertPlanComment } from './github-steps';

const context = { repo: { owner: 'o', repo: 'r' }, sha: 'abc1234def', issue: { number: 7 } };
const ev = (event: string, at: string, name = 'allow-destroy') => ({ event, created_at: at, label: { name } });
const MERGED = '2026-11-20T10:00:00Z';

describe('the label\'s history at merge', () => {
  it('follows the label\'s history up to the merge, whatever came after', () => {
    expect(labelAtMerge([ev('labeled', '2026-11-20T09:00:00Z')], MERGED)).toBe(true);
    expect(labelAtMerge([ev('labeled', '2026-11-20T09:00:00Z'), ev('unlabeled', '2026-11-20T09:30:00Z')], MERGED)).toBe(false);
    // Added after the merge, then "Re-run all jobs": still no override.
    expect(labelAtMerge([ev('labeled', '2026-11-20T11:00:00Z')], MERGED)).toBe(false);
    // Removed after the merge: the reviewed override stands, on a re-run too.
    expect(labelAtMerge([ev('labeled', '2026-11-20T09:00:00Z'), ev('unlabeled', '2026-11-20T12:00:00Z')], MERGED)).toBe(true);
    expect(labelAtMerge([ev('labeled', '2026-11-20T09:00:00Z', 'other')], MERGED)).toBe(false);
    // Out of order in the list: time decides.
    expect(labelAtMerge([ev('unlabeled', '2026-11-20T09:30:00Z'), ev('labeled', '2026-11-20T09:00:00Z')], MERGED)).toBe(false);
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
