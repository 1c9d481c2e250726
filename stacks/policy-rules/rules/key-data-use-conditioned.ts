import type { PolicyStatement } from '../../policies/policy-document';
import { asList, policyStatements, resourcesOf, type PolicyRule, type TerraformJson } from '../rule';

const DATA_ACTIONS = /^kms:(Decrypt|Encrypt|GenerateDataKey.*|ReEncrypt.*|CreateGrant)$/;
const CONTEXT_CONDITION = /^kms:EncryptionContext:/;

// The one exception: CloudWatch may use a key that encrypts an SNS topic and nothing else, for the two
// actions SNS needs from a publisher, only for alarms of this account (SNS developer guide, "Enable
// compatibility between event sources from AWS services and encrypted topics"). The capture key is
// referenced by the functions, so it can never qualify.
const ALARM_TOPIC_ACTIONS = new Set(['kms:Decrypt', 'kms:GenerateDataKey']);

function isAlarmTopicGrant(stack: TerraformJson, address: string, statement: PolicyStatement): boolean {
  const principal = statement.Principal ?? {};
  const onlyCloudWatch = principal.AWS === undefined && principal.Federated === undefined
    && asList(principal.Service).length === 1 && asList(principal.Service)[0] === 'cloudwatch.amazonaws.com';
  const actions = asList(statement.Action);
  const onlyTopicActions = actions.length > 0 && actions.every((a) => ALARM_TOPIC_ACTIONS.has(a));
  const sourceAccount = typeof statement.Condition?.StringEquals?.['aws:SourceAccount'] === 'string';
  if (!address.startsWith('aws_kms_key.') || !onlyCloudWatch || !onlyTopicActions || !sourceAccount) return false;
  const reference = `\${${address}.`;
  const encryptsTopic = resourcesOf(stack, 'aws_sns_topic').some(({ body }) => String(body.kms_master_key_id ?? '').startsWith(reference));
  const usedElsewhere = Object.entries(stack.resource ?? {})
    .filter(([type]) => type !== 'aws_sns_topic' && type !== 'aws_kms_alias')
    .some(([, byName]) => JSON.stringify(byName).includes(reference));
  return encryptsTopic && !usedElsewhere;
}

export const keyDataUseConditioned: PolicyRule = {
  name: 'key-data-use-conditioned',
  why: 'KMS data use is only ever allowed to named roles and bound to the encryption context (CloudWatch only on an alarm-topic-only key)',
  check: (stack) =>
    policyStatements(stack)
      .filter(({ statement }) => statement.Effect === 'Allow' && asList(statement.Action).some((a) => DATA_ACTIONS.test(a)))
      .filter(({ address, statement }) => !isAlarmTopicGrant(stack, address, statement))
      .flatMap(({ address, statement }) => {
        const principals = asList(statement.Principal?.AWS);
        const conditioned = Object.keys(statement.Condition?.StringEquals ?? {}).some((k) => CONTEXT_CONDITION.test(k));
        const problems = [];
        if (!conditioned) problems.push('has no encryption-context condition');
        if (principals.some((p) => p === '*' || p.endsWith(':root'))) problems.push('grants an account root or everyone');
        return problems.map((p) => ({ rule: 'key-data-use-conditioned', address, message: `statement ${statement.Sid ?? '(no Sid)'} uses the key but ${p}` }));
      }),
};
