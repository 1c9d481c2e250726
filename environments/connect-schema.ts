import { z } from 'zod';
import { hasCallingCode } from './phone-prefix';

// Where the capture lives in Amazon Connect: an instance the stack creates or one that exists, and a phone
// number it claims, one that exists, or none. The loader (load.ts) adds the rules that need the account,
// the region or other environments.

// Connect's InstanceAlias, as its API reference gives it (CreateInstance; the Instance data type):
// 1-45 characters matching this pattern.
const CONNECT_ALIAS_PATTERN = /^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$/;
const CONNECT_ALIAS_RULE = 'must be 1-45 letters, digits and inner hyphens, not starting with d-';

/**
 * A Connect instance id: a lower-case UUID, "the information after instance/" in the instance ARN (admin
 * guide, find-instance-arn). The pattern is the id part of `InstanceId` in the API reference wherever it
 * gives one: `^(arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9]{1}:[0-9]{1,20}:instance/)?[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$`
 * (https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateContactFlowModuleAlias.html,
 * https://docs.aws.amazon.com/connect/latest/APIReference/API_ReplicateInstance.html).
 */
const CONNECT_UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const INSTANCE_ID_RULE = 'must be a Connect instance id: a lower-case UUID, the part after instance/ in the instance ARN';

/**
 * A phone number's ARN names no instance: `arn:aws:connect:<region>:<account>:phone-number/<id>` (Service
 * Authorization Reference for Connect, resource type phone-number; CreateQueue's API reference: "Only use the
 * phone number ARN format that doesn't contain instance in the path, for example,
 * arn:aws:connect:us-east-1:1234567890:phone-number/uuid"). AssociatePhoneNumberContactFlow takes "either a
 * full phone number ARN or UUID value" (https://docs.aws.amazon.com/connect/latest/APIReference/API_AssociatePhoneNumberContactFlow.html).
 */
export const PHONE_NUMBER_ARN = /^arn:aws:connect:([a-z0-9-]+):(\d{12}):phone-number\/([a-f0-9-]{36})$/;
const PHONE_NUMBER_RULE = 'must be a Connect phone number id (a lower-case UUID) or its ARN arn:aws:connect:<region>:<account>:phone-number/<id>';

const instanceSchema = z.union([
  /** Today's behaviour: the stack creates, guards and (without protectFromDestroy) may replace the instance. */
  z.strictObject({
    create: z.strictObject({
      /**
       * Connect's admin URL and a Directory Service alias: unique across all of AWS and never reusable, even
       * after the instance is deleted (docs/operations.md).
       */
      alias: z.string().max(45, { message: CONNECT_ALIAS_RULE, abort: true }).regex(CONNECT_ALIAS_PATTERN, CONNECT_ALIAS_RULE),
    }),
  }),
  /** An instance the team already runs: the stack never creates, changes or deletes it, and needs it only by id. */
  z.strictObject({
    existing: z.strictObject({ instanceId: z.string().regex(CONNECT_UUID, INSTANCE_ID_RULE) }),
  }),
], 'must be { create: { alias } } or { existing: { instanceId } }');

export const phoneNumberSchema = z.union([
  /** Claim a new number on the instance, released when the stack goes (guarded by protectFromDestroy). */
  z.strictObject({
    claim: z.strictObject({
      countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO country code such as US')
        .refine(hasCallingCode, 'must be a country with a telephone calling code'),
      type: z.enum(['DID', 'TOLL_FREE'], 'must be DID or TOLL_FREE'),
      prefix: z.string().regex(/^\+\d{1,15}$/, 'must be + and 1-15 digits').optional(),
    }),
  }),
  /** A number the instance already holds: the stack points it at the flow and never releases it. */
  z.strictObject({
    existing: z.strictObject({
      phoneNumberId: z.string().refine((v) => CONNECT_UUID.test(v) || PHONE_NUMBER_ARN.test(v), PHONE_NUMBER_RULE),
    }),
  }),
  /** No number: only the team's own flows reach the capture. */
  z.literal('none'),
], 'must be { claim: { countryCode, type, prefix? } }, { existing: { phoneNumberId } } or "none"');

export const connectSchema = z.strictObject({
  instance: instanceSchema,
  /**
   * A queue to transfer callers to when capture fails; without it they hear an apology and the call ends.
   * With an existing instance it must be one of that instance's queues (load.ts).
   */
  failureTransferQueueArn: z.string().regex(/^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[\w-]+\/queue\/[\w-]+$/, 'must be a Connect queue ARN').optional(),
});
