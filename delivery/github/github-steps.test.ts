import { describe, expect, it } from 'vitest';
import { commentMarker, driftMarker } from '../reports/reports';
import { fakeGitHub } from '../test-support/fake-github';
import { BOT, syncDriftIssue, upsertPlanComment } from './github-steps';

const context = { repo: { owner: 'o', repo: 'r' }, sha: 'abc1234def', issue: { number: 7 } };

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
