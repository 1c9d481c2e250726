import { z } from 'zod';

/** The `project` tag on every resource; the deploy role may create and manage only keys tagged with it. */
export const PROJECT = 'secure-lex-input';

/** Settings shared by every environment: where CI runs from. */
export const projectSchema = z.strictObject({
  /** The GitHub repository (owner/name) whose workflows may assume the plan and deploy roles. */
  githubRepository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'must be owner/name of a GitHub repository'),
});

export type ProjectSettings = z.output<typeof projectSchema>;

export const PROJECT_SETTINGS: ProjectSettings = projectSchema.parse({
  githubRepository: 'example-org/secure-lex-input',
});
