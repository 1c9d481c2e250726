// A stand-in for actions/github-script's Octokit: answers with the data it is given (responses shaped as
// delivery/github/fixtures/README.md says) and records every call, so tests can assert what was written.
import type { GitHub } from '../github/github-steps';

/** A stand-in for github-script's Octokit that records every write. */
export function fakeGitHub(data: { pulls?: any[]; events?: any[]; reviews?: any[]; comments?: any[]; issues?: any[]; pull?: any; ref?: any } = {}) {
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
      pulls: { get: record('getPull', data.pull) as any, listReviews: Symbol('listReviews') },
      git: { getRef: record('getRef', data.ref) as any },
      issues: {
        listEvents: Symbol('listEvents'), listComments: Symbol('listComments'), listForRepo: Symbol('listForRepo'),
        createComment: record('createComment'), updateComment: record('updateComment'),
        create: record('create', { number: 9 }) as any, update: record('update'),
      },
    },
  };
  lists.set(github.rest.issues.listEvents, data.events ?? []);
  lists.set(github.rest.pulls.listReviews, data.reviews ?? []);
  lists.set(github.rest.issues.listComments, data.comments ?? []);
  lists.set(github.rest.issues.listForRepo, data.issues ?? []);
  return { github, calls, writes: () => calls.filter(([n]) => !['paginate', 'listPulls', 'getPull', 'getRef'].includes(n)) };
}
