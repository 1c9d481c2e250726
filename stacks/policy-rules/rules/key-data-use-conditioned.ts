import { asList, policyStatements, type PolicyRule } from '../rule';

const DATA_ACTIONS = /^kms:(Decrypt|Encrypt|GenerateDataKey.*|ReEncrypt.*|CreateGrant)$/;
const CONTEXT_CONDITION = /^kms:EncryptionContext:/;

export const keyDataUseConditioned: PolicyRule = {
  name: 'key-data-use-conditioned',
  why: 'KMS data use is only ever allowed to named roles and bound to the encryption context',
  check: (stack) =>
    policyStatements(stack)
      .filter(({ statement }) => statement.Effect === 'Allow' && asList(statement.Action).some((a) => DATA_ACTIONS.test(a)))
      .flatMap(({ address, statement }) => {
        const principals = asList(statement.Principal?.AWS);
        const conditioned = Object.keys(statement.Condition?.StringEquals ?? {}).some((k) => CONTEXT_CONDITION.test(k));
        const problems = [];
        if (!conditioned) problems.push('has no encryption-context condition');
        if (principals.some((p) => p === '*' || p.endsWith(':root'))) problems.push('grants an account root or everyone');
        return problems.map((p) => ({ rule: 'key-data-use-conditioned', address, message: `statement ${statement.Sid ?? '(no Sid)'} uses the key but ${p}` }));
      }),
};
