import { z } from 'zod';

// Who invoked Decrypt is recorded by AWS, not by the caller: CloudTrail's Lambda Invoke data events name
// the IAM identity and carry the request id Decrypt's audit record keeps (docs/operators-decrypt.md,
// "Who decrypted"). By default the environment stack creates a CloudTrail trail that records them for the
// Decrypt function only (stacks/constructs/decrypt-invoke-trail.ts). Where the organisation already records
// them (an organisation trail), say so and the stack creates none: docs/operators-decrypt.md lists what that
// trail must then do.

const principalArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:(iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}|sts::\d{12}:assumed-role\/[\w+=,.@/-]+)$/, 'must be an IAM role or user ARN');

export const invokeTrailSchema = z
  .strictObject({
    /** true: the stack creates the trail; false: `existing` names what records the invokes already. */
    create: z.boolean(),
    /**
     * Who may read the record: the only principals the trail's key lets decrypt its log files (they also need
     * s3:GetObject and s3:ListBucket on its bucket in their own IAM policies). Default: the key administrators.
     */
    auditors: z.array(principalArn).min(1, 'must name at least one auditor').optional(),
    /** With create: false, the trail that records Decrypt's Invoke data events, and who runs it. */
    existing: z.string().trim().min(20, 'must name the trail and who runs it (at least 20 characters)').max(500, 'must be at most 500 characters').optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.create && v.existing === undefined) ctx.addIssue({ code: 'custom', path: ['existing'], message: 'is required when create is false: name the trail that records Decrypt\'s invokes' });
    if (v.create && v.existing !== undefined) ctx.addIssue({ code: 'custom', path: ['existing'], message: 'goes with create: false only' });
    if (!v.create && v.auditors !== undefined) ctx.addIssue({ code: 'custom', path: ['auditors'], message: 'goes with create: true only (an existing trail has its own readers)' });
  });

