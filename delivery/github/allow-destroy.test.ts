// Who may authorise a destroy, and whether a run may still apply, against API responses shaped from
// GitHub's documentation (delivery/github/fixtures/README.md): one thing changed at a time.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllowDestroy, type AllowDestroySettings } from '../../environments/allow-destroy';
import { fakeGitHub } from '../test-support/fake-github';
import { freshApproval, labelInForce, teamMembership } from './allow-destroy';
import { allowDestroyForPullRequest, allowDestroyForPush, headOfBranch } from './github-steps';

const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));
const [PULL] = fixture('pulls-associated-with-commit.json');
const EVENTS = fixture('issue-events.json') as any[];
const REVIEWS = fixture('pull-reviews.json') as any[];
const REF = fixture('git-ref-heads-main.json');
const MERGE_SHA: string = PULL.merge_commit_sha;
const HEAD_SHA: string = PULL.head.sha;

const settings: AllowDestroySettings = { users: ['mo-maintainer'] };
const pushContext = { repo: { owner: 'example-org', repo: 'secure-lex-input' }, sha: MERGE_SHA, ref: 'refs/heads/main', issue: { number: 0 } };
const prContext = { ...pushContext, sha: HEAD_SHA, issue: { number: PULL.number } };
const clone = <T>(v: T): T => structuredClone(v);
const byId = (list: any[], id: number) => list.find((x) => x.id === id);
const push = (data: { events?: any[]; reviews?: any[]; pulls?: any[] } = {}, s = settings) =>
  allowDestroyForPush(fakeGitHub({ pulls: data.pulls ?? [PULL], events: data.events ?? EVENTS, reviews: data.reviews ?? REVIEWS }).github, pushContext, { settings: s });

describe('the fixtures tell the documented story', () => {
  it('are the documented shapes: labeled events with actor, label and created_at; reviews with state, submitted_at and commit_id', () => {
    for (const e of EVENTS) expect(e).toEqual(expect.objectContaining({ id: expect.any(Number), event: expect.any(String), created_at: expect.any(String), actor: expect.objectContaining({ login: expect.any(String), type: 'User' }) }));
    for (const e of EVENTS.filter((x) => x.event.endsWith('labeled'))) expect(e.label).toEqual({ name: expect.any(String), color: expect.stringMatching(/^[0-9a-f]{6}$/) });
    for (const r of REVIEWS) expect(r).toEqual(expect.objectContaining({ user: expect.objectContaining({ login: expect.any(String) }), state: expect.any(String), submitted_at: expect.any(String), commit_id: expect.stringMatching(/^[0-9a-f]{40}$/) }));
    expect(PULL).toMatchObject({ number: 42, user: { login: 'dana-dev' }, merged_at: '2026-11-20T10:00:00Z', merge_commit_sha: MERGE_SHA });
    expect(REF.object).toEqual({ sha: MERGE_SHA, type: 'commit', url: expect.stringContaining(MERGE_SHA) });
  });

  it('finds the labelling still in force at merge: the maintainer\'s, after the author\'s was removed', () => {
    expect(labelInForce(EVENTS, Date.parse(PULL.merged_at))).toMatchObject({ event: 'labeled', actor: { login: 'mo-maintainer' }, created_at: '2026-11-20T09:30:27Z' });
    expect(labelInForce(EVENTS, Date.parse('2026-11-20T09:15:00Z'))).toMatchObject({ actor: { login: 'dana-dev' } });
    expect(labelInForce(EVENTS, Date.parse('2026-11-20T09:25:00Z'))).toBeNull();
  });
});

const ev = (event: string, at: string, name = 'allow-destroy') => ({ event, created_at: at, label: { name } });
const MERGED = Date.parse('2026-11-20T10:00:00Z');

describe('the label\'s history at merge', () => {
  it('follows the label\'s history up to the merge, whatever came after', () => {
    expect(labelInForce([ev('labeled', '2026-11-20T09:00:00Z')], MERGED)).not.toBeNull();
    expect(labelInForce([ev('labeled', '2026-11-20T09:00:00Z'), ev('unlabeled', '2026-11-20T09:30:00Z')], MERGED)).toBeNull();
    // Added after the merge, then "Re-run all jobs": still no override.
    expect(labelInForce([ev('labeled', '2026-11-20T11:00:00Z')], MERGED)).toBeNull();
    // Removed after the merge: the reviewed override stands, on a re-run too.
    expect(labelInForce([ev('labeled', '2026-11-20T09:00:00Z'), ev('unlabeled', '2026-11-20T12:00:00Z')], MERGED)).not.toBeNull();
    expect(labelInForce([ev('labeled', '2026-11-20T09:00:00Z', 'other')], MERGED)).toBeNull();
    // Out of order in the list: time decides.
    expect(labelInForce([ev('unlabeled', '2026-11-20T09:30:00Z'), ev('labeled', '2026-11-20T09:00:00Z')], MERGED)).toBeNull();
  });
});

describe('the deploy\'s override (the label at merge)', () => {
  it('holds as recorded: an authorised maintainer labelled, and a reviewer approved the merged head afterwards', async () => {
    expect(await push()).toEqual({ allow: true, why: expect.stringMatching(/#42 carried allow-destroy when it merged: .*mo-maintainer.*; sam-reviewer approved the merged commit after the label went on/) });
  });

  it('refuses a label put on by the pull request\'s author, even one named in the settings', async () => {
    const events = EVENTS.filter((e) => e.id < 9100004); // the author's labelling is the one in force
    expect(await push({ events })).toEqual({ allow: false, why: expect.stringMatching(/added by the pull request's author \(dana-dev\)/) });
    expect((await push({ events }, { users: ['dana-dev', 'mo-maintainer'] })).allow).toBe(false);
  });

  it('refuses a label put on by a writer who is not authorised', async () => {
    const events = clone(EVENTS);
    byId(events, 9100005).actor = clone(byId(REVIEWS, 2300003).user); // sam-reviewer may review, not authorise
    expect(await push({ events })).toEqual({ allow: false, why: expect.stringMatching(/added by sam-reviewer, who is not in allowDestroy\.users/) });
  });

  it('refuses when the only approval predates the label (a label added after approval dismisses nothing)', async () => {
    const reviews = REVIEWS.filter((r) => r.id !== 2300003);
    expect(await push({ reviews })).toEqual({ allow: false, why: expect.stringMatching(/no approval of the merged commit came after allow-destroy went on/) });
  });

  it('refuses a fresh approval of an older commit, one withdrawn by a later request for changes, and the author\'s own', async () => {
    const older = clone(REVIEWS);
    byId(older, 2300003).commit_id = byId(REVIEWS, 2300001).commit_id;
    expect((await push({ reviews: older })).allow).toBe(false);
    const withdrawn = [...clone(REVIEWS), { ...clone(byId(REVIEWS, 2300003)), id: 2300004, state: 'CHANGES_REQUESTED', submitted_at: '2026-11-20T09:50:00Z' }];
    expect((await push({ reviews: withdrawn })).allow).toBe(false);
    const own = clone(REVIEWS);
    byId(own, 2300003).user = clone(PULL.user);
    expect((await push({ reviews: own })).allow).toBe(false);
    // A comment after the approval changes nothing.
    const commented = [...clone(REVIEWS), { ...clone(byId(REVIEWS, 2300002)), id: 2300005, submitted_at: '2026-11-20T09:55:00Z' }];
    expect((await push({ reviews: commented })).allow).toBe(true);
  });

  it('refuses an approval given after the merge, and a label added after the merge ("Re-run all jobs" changes nothing)', async () => {
    const late = clone(REVIEWS);
    byId(late, 2300003).submitted_at = '2026-11-20T10:05:00Z';
    expect((await push({ reviews: late })).allow).toBe(false);
    const events = [...EVENTS.filter((e) => e.id < 9100003), { ...clone(byId(EVENTS, 9100005)), created_at: '2026-11-20T10:30:00Z' }];
    expect(await push({ events })).toEqual({ allow: false, why: '#42 did not carry allow-destroy when it merged' });
  });

  it('never overrides a push that is not the merge of a pull request', async () => {
    expect((await push({ pulls: [{ ...clone(PULL), merge_commit_sha: HEAD_SHA }] })).allow).toBe(false);
    expect((await push({ pulls: [] })).why).toMatch(/is not the merge of a pull request/);
  });
});

describe('a pull request\'s own plans (the label now)', () => {
  const pr = (events: any[], labels = PULL.labels, s = settings) =>
    allowDestroyForPullRequest(fakeGitHub({ pull: { ...clone(PULL), labels }, events }).github, prContext, { settings: s, now: () => Date.parse('2026-11-20T09:50:00Z') });

  it('warns instead of refusing when an authorised maintainer put the label on, and says the merge needs a fresh approval', async () => {
    expect(await pr(EVENTS)).toEqual({ allow: true, why: expect.stringMatching(/mo-maintainer.*needs an approval given after the label went on/) });
  });

  it('refuses the author\'s label, and a pull request without the label', async () => {
    expect((await pr(EVENTS.filter((e) => e.id < 9100004))).why).toMatch(/pull request's author/);
    expect(await pr(EVENTS, [PULL.labels[0]])).toEqual({ allow: false, why: '#42 does not carry allow-destroy' });
  });
});

// The team check speaks HTTP to a stand-in on 127.0.0.1 that answers as the docs show (fixtures).
describe('authorised through a team (needs a token that may read the organization\'s members)', () => {
  let server: Server;
  let apiUrl = '';
  const seen: { path: string; auth: string | undefined }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', auth: req.headers.authorization });
      const file = req.url?.endsWith('/mo-maintainer') ? 'team-membership-active.json' : req.url?.endsWith('/sam-reviewer') ? 'team-membership-pending.json' : 'not-found.json';
      res.writeHead(file === 'not-found.json' ? 404 : 200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(readFileSync(path.join(__dirname, 'fixtures', file)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const team: AllowDestroySettings = { users: [], team: 'example-org/infra-owners' };
  const pushWithTeam = (events: any[], teamToken?: string) =>
    allowDestroyForPush(fakeGitHub({ pulls: [PULL], events, reviews: REVIEWS }).github, pushContext, { settings: team, teamToken, apiUrl });

  it('allows an active member, asking the documented endpoint with the token', async () => {
    expect(await pushWithTeam(EVENTS, 'org-read-token')).toMatchObject({ allow: true, why: expect.stringMatching(/an active member of example-org\/infra-owners/) });
    expect(seen.at(-1)).toEqual({ path: '/orgs/example-org/teams/infra-owners/memberships/mo-maintainer', auth: 'Bearer org-read-token' });
  });

  it('refuses a pending invitation and a non-member (404)', async () => {
    const events = clone(EVENTS);
    byId(events, 9100005).actor = clone(byId(REVIEWS, 2300003).user);
    expect((await pushWithTeam(events, 'org-read-token')).why).toMatch(/sam-reviewer, who is not an active member/);
    byId(events, 9100005).actor = { ...clone(PULL.user), login: 'someone-else' };
    expect((await pushWithTeam(events, 'org-read-token')).allow).toBe(false);
  });

  it('refuses, saying why, when no token may read the team (the workflow token cannot)', async () => {
    const before = seen.length;
    expect((await pushWithTeam(EVENTS)).why).toMatch(/could not be read \(no ALLOW_DESTROY_TEAM_TOKEN/);
    expect(seen.length).toBe(before);
  });

  it('reads an unreachable API as unknown, not as a member', async () => {
    const check = teamMembership('example-org/infra-owners', 'token', 'http://127.0.0.1:9');
    expect((await check('mo-maintainer')).member).toBe('unknown');
  });
});

describe('the settings', () => {
  it('name each bad value, one line per problem', () => {
    expect(() => loadAllowDestroy({ users: [] })).toThrow(/^allowDestroy\.users: must name at least one user or a team$/);
    expect(() => loadAllowDestroy({ users: ['-bad', 'ok'], team: 'no-slash' })).toThrow(/allowDestroy\.users\.0: must be a GitHub user login\nallowDestroy\.team: must be <org>\/<team-slug>/);
    expect(loadAllowDestroy({ team: 'example-org/infra-owners' })).toEqual({ users: [], team: 'example-org/infra-owners' });
  });

  it('compare logins as GitHub does, without case', async () => {
    expect((await push({}, { users: ['MO-Maintainer'] })).allow).toBe(true);
    // The author's own approval never counts, whatever the case of the login (mo-maintainer's is of an older commit).
    expect(freshApproval(REVIEWS, 0, Date.parse(PULL.merged_at), 'dana-dev', HEAD_SHA).allow).toBe(true);
    expect(freshApproval(REVIEWS, 0, Date.parse(PULL.merged_at), 'SAM-REVIEWER', HEAD_SHA).allow).toBe(false);
  });
});

describe('a deploy run applies only while its commit is the head of main', () => {
  it('goes on when the commit is main\'s head (git.getRef heads/main)', async () => {
    const { github, calls } = fakeGitHub({ ref: REF });
    expect(await headOfBranch(github, pushContext)).toEqual({ allow: true, why: `${MERGE_SHA.slice(0, 7)} is the head of main` });
    expect(calls).toContainEqual(['getRef', { owner: 'example-org', repo: 'secure-lex-input', ref: 'heads/main' }]);
  });

  it('refuses an older run (a re-run, or one overtaken by a newer push) and says what to do', async () => {
    const { github } = fakeGitHub({ ref: REF });
    const verdict = await headOfBranch(github, { ...pushContext, sha: HEAD_SHA });
    expect(verdict.allow).toBe(false);
    expect(verdict.why).toMatch(new RegExp(`for ${HEAD_SHA.slice(0, 7)}, but main is now at ${MERGE_SHA.slice(0, 7)}.*Nothing was applied.*re-run that run`));
  });

  it('refuses a run that is not for a branch', async () => {
    expect((await headOfBranch(fakeGitHub({ ref: REF }).github, { ...pushContext, ref: 'refs/tags/v1' })).allow).toBe(false);
  });
});
