// Who may turn the plan guard's refusal into a warning. The `allow-destroy` label counts only when the
// person who put it on the pull request (the label event's actor, read through the API) is authorised in
// environments/allow-destroy.ts and is not the pull request's author. At merge it also needs a fresh
// approval: an approval of the merged head commit submitted after the label went on, because adding a label
// dismisses no approval (an author could otherwise ask a maintainer to label after review, or label after
// an approval they already hold). Shapes: delivery/github/fixtures/README.md.
import type { AllowDestroySettings } from '../../environments/allow-destroy';
import { OVERRIDE_LABEL } from '../plan-guard/plan-guard';

export interface User { login: string }
export interface IssueEvent { id?: number; event: string; created_at: string; actor?: User | null; label?: { name: string } }
export interface Review { id?: number; user?: User | null; state: string; submitted_at?: string | null; commit_id?: string | null }
export interface Verdict { allow: boolean; why: string }

/** Whether a login is a member of the configured team; `unknown` when it cannot be read (no token, an error). */
export type TeamCheck = (login: string) => Promise<{ member: boolean | 'unknown'; why: string }>;

const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/**
 * The `labeled` event that put the label on and still held it at `at`: the label's events in time order
 * (ties by event id), the last `labeled` with no `unlabeled` after it, none after `at` counted.
 */
export function labelInForce(events: readonly IssueEvent[], at: number, label = OVERRIDE_LABEL): IssueEvent | null {
  const ofLabel = events
    .filter((e) => e.label?.name === label && (e.event === 'labeled' || e.event === 'unlabeled') && time(e.created_at) <= at)
    .sort((a, b) => time(a.created_at) - time(b.created_at) || (a.id ?? 0) - (b.id ?? 0));
  let inForce: IssueEvent | null = null;
  for (const e of ofLabel) inForce = e.event === 'labeled' ? e : null;
  return inForce;
}

/** The labeller may authorise a destroy: named in `users`, or an active member of `team`, and not the author. */
export async function labellerMayAllow(labelled: IssueEvent, author: string | undefined, settings: AllowDestroySettings, teamCheck?: TeamCheck): Promise<Verdict> {
  const who = labelled.actor?.login;
  if (!who) return { allow: false, why: `${OVERRIDE_LABEL} was added by an unknown account: not authorised` };
  if (!author || same(who, author)) return { allow: false, why: `${OVERRIDE_LABEL} was added by the pull request's author (${who}), who may never authorise a destroy of their own change` };
  if (settings.users.some((u) => same(u, who))) return { allow: true, why: `${OVERRIDE_LABEL} was added by ${who}, one of allowDestroy.users` };
  if (!settings.team) return { allow: false, why: `${OVERRIDE_LABEL} was added by ${who}, who is not in allowDestroy.users: not authorised` };
  if (!teamCheck) return { allow: false, why: `${OVERRIDE_LABEL} was added by ${who}; membership of ${settings.team} could not be checked: not authorised` };
  const { member, why } = await teamCheck(who);
  if (member === true) return { allow: true, why: `${OVERRIDE_LABEL} was added by ${who}, an active member of ${settings.team}` };
  return { allow: false, why: `${OVERRIDE_LABEL} was added by ${who}, ${member === 'unknown' ? `whose membership of ${settings.team} could not be read (${why})` : `who is not an active member of ${settings.team}`}: not authorised` };
}

/**
 * An approval given with the label on: some reviewer other than the author whose latest decisive review
 * (APPROVED, CHANGES_REQUESTED or DISMISSED; comments change nothing) up to `until` is an approval of
 * `headSha`, submitted after the label went on.
 */
export function freshApproval(reviews: readonly Review[], labelledAt: number, until: number, author: string | undefined, headSha: string | undefined): Verdict {
  const latest = new Map<string, Review>();
  for (const r of [...reviews].sort((a, b) => time(a.submitted_at) - time(b.submitted_at) || (a.id ?? 0) - (b.id ?? 0))) {
    const who = r.user?.login?.toLowerCase();
    if (!who || same(who, author) || !(time(r.submitted_at) <= until)) continue;
    if (['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'].includes(r.state)) latest.set(who, r);
  }
  const fresh = [...latest.values()].find((r) => r.state === 'APPROVED' && time(r.submitted_at) > labelledAt && !!headSha && r.commit_id === headSha);
  if (fresh) return { allow: true, why: `${fresh.user!.login} approved the merged commit after the label went on` };
  return { allow: false, why: `no approval of the merged commit came after ${OVERRIDE_LABEL} went on (adding a label dismisses no earlier approval): a reviewer must approve again with the label on` };
}

/** Team membership through `GET /orgs/{org}/teams/{team_slug}/memberships/{username}`, with a token that may read it. */
export function teamMembership(team: string, token: string | undefined, apiUrl = 'https://api.github.com', fetchImpl: typeof fetch = fetch): TeamCheck {
  const [org, slug] = team.split('/');
  return async (login) => {
    if (!token) return { member: 'unknown', why: 'no ALLOW_DESTROY_TEAM_TOKEN: the workflow token cannot read team membership' };
    try {
      const res = await fetchImpl(`${apiUrl}/orgs/${encodeURIComponent(org!)}/teams/${encodeURIComponent(slug!)}/memberships/${encodeURIComponent(login)}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
      });
      // 404: not a member, or a token that cannot see the team; either way not authorised.
      if (res.status === 404) return { member: false, why: 'not found' };
      if (!res.ok) return { member: 'unknown', why: `HTTP ${res.status}` };
      const body = (await res.json()) as { state?: string };
      return { member: body.state === 'active', why: `state ${String(body.state)}` };
    } catch (err) {
      return { member: 'unknown', why: (err as Error).name };
    }
  };
}
