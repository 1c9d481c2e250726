import { APPLICATION, CONTEXT_KEYS } from '../../contract/encryption-context';
import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';

// Management only. No kms:CreateGrant (a grant hands out data use) and no data actions. No kms:ListAliases:
// it names no key, so only an IAM policy can grant it (KMS API reference, ListAliases: "kms:ListAliases (IAM
// policy)"); the iam-data check (proofs/iam) refuses it in a key policy.
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:DescribeKey', 'kms:DisableKey',
  'kms:DisableKeyRotation', 'kms:EnableKey', 'kms:EnableKeyRotation', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus',
  'kms:ListGrants', 'kms:ListKeyPolicies', 'kms:ListResourceTags', 'kms:PutKeyPolicy',
  'kms:RetireGrant', 'kms:RevokeGrant', 'kms:RotateKeyOnDemand', 'kms:ScheduleKeyDeletion', 'kms:TagResource',
  'kms:UntagResource', 'kms:UpdateAlias', 'kms:UpdateKeyDescription',
];

/** One data-use grant: exactly these actions, to exactly these principals, for this application and environment only. */
export interface KeyDataGrant {
  sid: string;
  principals: string[];
  actions: ('kms:GenerateDataKey' | 'kms:Decrypt' | 'kms:Encrypt')[];
}

export interface KeyPolicyProps {
  account: string;
  environment: string;
  administrators: string[];
  grants: KeyDataGrant[];
}

/** The context condition every data grant carries; the functions' IAM policies carry the same one. */
export function encryptionContextCondition(environment: string): PolicyStatement['Condition'] {
  return {
    StringEquals: {
      [`kms:EncryptionContext:${CONTEXT_KEYS.application}`]: APPLICATION,
      [`kms:EncryptionContext:${CONTEXT_KEYS.environment}`]: environment,
    },
    ...EXACT_CONTEXT_KEYS,
  };
}

/**
 * No context key but the project's four: kms:EncryptionContextKeys with ForAllValues:StringEquals (AWS KMS
 * developer guide, "AWS KMS condition keys", kms:EncryptionContextKeys:
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-keys).
 * ForAllValues also holds for a request with no context at all, so the StringEquals entries above stay: together
 * they ask for application and environment, and allow nothing beyond the four keys. The Encryption SDK's
 * signing suites would add `aws-crypto-public-key`; this project's suite does not (DESIGN-NOTES, and
 * functions/decrypt/handler.test.ts reads a real message's context).
 */
const EXACT_CONTEXT_KEYS = { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': Object.values(CONTEXT_KEYS) } };

/**
 * The first statements of every key policy in the project: the account root and the key administrators
 * manage the key. The root statement is the lock-out guard: the account can always repair the policy, but
 * gets no data use through IAM.
 */
export function keyManagementStatements(account: string, administrators: string[]): PolicyStatement[] {
  return [
    { Sid: 'AccountRootManagesKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: KEY_ADMIN_ACTIONS, Resource: '*' },
    { Sid: 'AdministratorsManageKey', Effect: 'Allow', Principal: { AWS: administrators }, Action: KEY_ADMIN_ACTIONS, Resource: '*' },
  ];
}

export function keyPolicy(props: KeyPolicyProps): PolicyDocument {
  const statements: PolicyStatement[] = keyManagementStatements(props.account, props.administrators);
  for (const grant of props.grants) {
    statements.push({
      Sid: grant.sid,
      Effect: 'Allow',
      Principal: { AWS: grant.principals },
      Action: grant.actions,
      Resource: '*',
      Condition: encryptionContextCondition(props.environment),
    });
  }
  return policyDocument(...statements);
}
