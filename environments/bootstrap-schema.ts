import { z } from 'zod';

// What the bootstrap stack of an environment's account creates besides the state bucket and CI roles.
// Role names are not configured: environments/principals.ts derives them, so the bootstrap stack that
// creates a role and the environment stack that names it cannot disagree.

/** An identity that may assume a bootstrap role: an IAM user, an IAM role or a whole account. */
const trustedIdentity = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:(root|user\/[\w+=,.@/-]{1,512}|role\/[\w+=,.@/-]{1,512})$/,
    'must be an IAM user, IAM role or account (…:root) ARN');

const bootstrapRole = z.strictObject({
  /** Who may assume the role. IAM users only with MFA (the trust policy requires it). */
  trustedBy: z.array(trustedIdentity).min(1, 'must name at least one identity that may assume the role'),
});

export const bootstrapSchema = z.strictObject({
  /** Create `<prefix>-key-admin`, which the key policy then lets manage (never use) the key. */
  keyAdministratorRole: bootstrapRole.optional(),
  /** Create `<prefix>-operator`, which the Decrypt function's resource policy then lets invoke it. */
  operatorRole: bootstrapRole.optional(),
  /**
   * The account already has GitHub's OIDC provider (an account holds one per URL): the CI roles trust
   * that one instead of the bootstrap stack creating a second, which IAM would refuse.
   */
  useExistingGithubOidcProvider: z.boolean().optional(),
});

export type BootstrapSettings = z.output<typeof bootstrapSchema>;
