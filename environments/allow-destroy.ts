import { z } from 'zod';

// Who may authorise a destroy: the `allow-destroy` label on a pull request turns the plan guard's refusal
// into a warning only when one of these people put it there, and never the pull request's author
// (delivery/github/allow-destroy.ts checks the label's event and a fresh approval; docs/delivery.md).

// GitHub logins: letters, digits and single inner hyphens, at most 39 characters.
const login = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'must be a GitHub user login');

const allowDestroySchema = z.strictObject({
  /** GitHub users who may authorise a destroy. The default: the workflows' own token can check them. */
  users: z.array(login).default([]),
  /**
   * Optionally an organization team, `<org>/<team-slug>`, whose active members may authorise one too. The
   * workflows' GITHUB_TOKEN cannot read team membership: this needs the secret ALLOW_DESTROY_TEAM_TOKEN, a
   * token with read access to the organization's members (docs/delivery.md); without it only `users` count.
   */
  team: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be <org>/<team-slug>').optional(),
}).refine((v) => v.users.length > 0 || v.team !== undefined, { message: 'must name at least one user or a team', path: ['users'] });

export type AllowDestroySettings = z.output<typeof allowDestroySchema>;

/** Validates the settings; a bad value stops the build with one line per problem, naming the field. */
export function loadAllowDestroy(input: unknown): AllowDestroySettings {
  const parsed = allowDestroySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new Error(parsed.error.issues.map((i) => `allowDestroy.${i.path.join('.') || '(root)'}: ${i.message}`).join('\n'));
}

/** This project's settings, as written. */
const ALLOW_DESTROY_INPUT = {
  users: ['example-maintainer'],
};

/** Validated on use; the build job's `npm run ci-env` checks them first and stops on a bad value, naming the field. */
export const allowDestroySettings = (): AllowDestroySettings => loadAllowDestroy(ALLOW_DESTROY_INPUT);
