import { z } from 'zod';

// Who invoked Decrypt is recorded by AWS, not by the caller: CloudTrail's Lambda Invoke data events name
// the IAM identity and carry the request id Decrypt's audit record keeps (docs/operators-decrypt.md,
// "Who decrypted: the audit log and CloudTrail"). By default the environment stack creates a CloudTrail
// Lake event data store that records them for the Decrypt function only. Where the organisation already
// records them (an organisation trail or event data store), say so and the stack creates none.

const principalArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:(iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}|sts::\d{12}:assumed-role\/[\w+=,.@/-]+)$/, 'must be an IAM role or user ARN');

/**
 * CloudTrail Lake event data stores keep events 7-3653 days (CreateEventDataStore, RetentionPeriod,
 * extendable-retention pricing); hashicorp/aws 5.100.0 validates retention_period as 7-2555, so that is the
 * longest this stack can ask for.
 */
export const MAX_EVENT_DATA_STORE_RETENTION_DAYS = 2555;

export const invokeTrailSchema = z
  .strictObject({
    /** true: the stack creates the event data store; false: `existing` names what records the invokes already. */
    create: z.boolean(),
    /**
     * Who may read the record (the event data store key's decrypt users, who also need cloudtrail:StartQuery and
     * GetQueryResults on it in their own IAM policies). Default: the key administrators.
     */
    auditors: z.array(principalArn).min(1, 'must name at least one auditor').optional(),
    /** With create: false, the trail or event data store that records Decrypt's Invoke data events, and who runs it. */
    existing: z.string().trim().min(20, 'must name the trail or event data store and who runs it (at least 20 characters)').max(500, 'must be at most 500 characters').optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.create && v.existing === undefined) ctx.addIssue({ code: 'custom', path: ['existing'], message: 'is required when create is false: name the trail or event data store that records Decrypt\'s invokes' });
    if (v.create && v.existing !== undefined) ctx.addIssue({ code: 'custom', path: ['existing'], message: 'goes with create: false only' });
    if (!v.create && v.auditors !== undefined) ctx.addIssue({ code: 'custom', path: ['auditors'], message: 'goes with create: true only (an existing trail has its own readers)' });
  });

export type InvokeTrailConfig = z.output<typeof invokeTrailSchema>;
