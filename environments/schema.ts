import { z } from 'zod';
import { isKnownRegion } from './aws-regions';
import { bootstrapSchema } from './bootstrap-schema';
import { connectSchema, phoneNumberSchema } from './connect-schema';
import { monitoringSchema } from './monitoring-schema';
import { smokeSchema } from './smoke-schema';
import { invokeTrailSchema } from './invoke-trail-schema';

// The rules every environment file must satisfy. Messages name the rule; the loader adds
// environment and field, so a bad value stops synthesis with one line that says all three.

// The values CloudWatch Logs accepts for retentionInDays (PutRetentionPolicy).
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
const region = z.string().refine(isKnownRegion, 'must be an AWS region the AWS SDK knows (aws partition), such as us-east-1');
const roleArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'must be an IAM role ARN');
const principalArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:(iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}|sts::\d{12}:assumed-role\/[\w+=,.@/-]+)$/,
    'must be an IAM role or user ARN');
const bucketName = z
  .string()
  .regex(/^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)');
const intIn = (min: number, max: number) =>
  z.number().int('must be a whole number').min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`);
const tagValue = z.string().max(256, 'must be at most 256 characters');

export const environmentSchema = z.strictObject({
  /** Stack name and the env part of every resource name: `cdktf deploy <name>`. */
  name: z.string().regex(/^[a-z][a-z0-9]{1,11}$/, 'must be 2-12 lower-case letters or digits, starting with a letter'),
  account: accountId,
  region,
  /** Role that CI (and cdktf at a terminal) assumes in this environment's account. */
  deployRoleArn: roleArn,
  /** Read-only role that pull-request plans assume in this environment's account. */
  planRoleArn: roleArn,
  state: z.strictObject({ bucket: bucketName, region }),
  /**
   * Starts every resource name and the state key. Its length and its hyphens are further bounded by what AWS
   * accepts for every name the stacks derive from it (environments/resource-names.ts, checked in load.ts).
   */
  prefix: z.string().regex(/^[a-z][a-z0-9-]{1,61}[a-z0-9]$/, 'must be 3-63 lower-case letters, digits or hyphens, starting with a letter and ending with a letter or digit'),
  tags: z.record(z.string().regex(/^[\w.:/=+@ -]{1,128}$/, 'tag keys must be 1-128 letters, digits, spaces or _.:/=+-@'), tagValue),
  kms: z.strictObject({
    deletionWindowInDays: intIn(7, 30),
    rotationPeriodInDays: intIn(90, 2560),
    /** Principals that manage (never use) the key. */
    administrators: z.array(principalArn).min(1, 'must name at least one key administrator'),
  }),
  /** Operators allowed to invoke the Decrypt function. */
  decryptPrincipals: z.array(principalArn).min(1, 'must name at least one operator'),
  /**
   * Other accounts whose roles or users may be named in decryptPrincipals and kms.administrators (e.g. a
   * central operations account). Without it every principal must be in the environment's own account.
   */
  trustedPrincipalAccounts: z.array(accountId).optional(),
  /**
   * Reserve this much concurrency for Decrypt, capping how fast invoke rights could drain ciphertexts.
   * Unset: none. Lambda keeps 100 unreserved, so the account's concurrency quota must be at least this + 100.
   */
  decryptReservedConcurrency: intIn(1, 900).optional(),
  logRetentionInDays: z
    .number()
    .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), `must be one of ${LOG_RETENTION_DAYS.join(', ')}`),
  /** Days the Decrypt audit log keeps its records; PCI DSS 10.5.1 asks for at least a year. */
  decryptAuditRetentionInDays: z
    .number()
    .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d) && d >= 365, `must be one of ${LOG_RETENTION_DAYS.filter((d) => d >= 365).join(', ')} (at least a year)`)
    .default(400),
  lex: z.strictObject({
    idleSessionTtlInSeconds: intIn(60, 86400),
    locales: z.array(z.enum(['en_US', 'en_GB', 'en_AU', 'es_US', 'es_ES', 'fr_CA', 'de_DE'])).min(1, 'must name at least one locale'),
  }),
  /** The Connect instance to create or use, and where failed captures go (environments/connect-schema.ts). */
  connect: connectSchema,
  /** The number that reaches the capture: claimed, existing, or none. */
  phoneNumber: phoneNumberSchema,
  /** Guard the key, and the instance and phone number the stack creates, with prevent_destroy. */
  protectFromDestroy: z.boolean(),
  /** Roles and settings for the account's bootstrap stack (environments/bootstrap-schema.ts). */
  bootstrap: bootstrapSchema.optional(),
  /** Alarm thresholds, alarm emails and the utterance-deletion schedule; every field has a default. */
  monitoring: monitoringSchema.prefault({}),
  /** Smoke test after each deploy (environments/smoke-schema.ts); default: unless protectFromDestroy. */
  smoke: smokeSchema.optional(),
  /** What records who invoked Decrypt (environments/invoke-trail-schema.ts); default: a CloudTrail trail of the stack. */
  decryptInvokeTrail: invokeTrailSchema.default({ create: true }),
});

export type EnvironmentInput = z.input<typeof environmentSchema>;
export type EnvironmentConfig = z.output<typeof environmentSchema>;

/** Typed helper for environment files: the type checker catches shape errors, the loader catches values. */
export function defineEnvironment(env: EnvironmentInput): EnvironmentInput {
  return env;
}
