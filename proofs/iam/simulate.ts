import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { EnvironmentConfig } from '../../environments';
import { instanceTarget, phoneNumberTarget, type InstanceTarget, type PhoneNumberTarget } from '../../environments/connect-target';
import type { PolicyDocument } from '../../stacks/policies/policy-document';
import type { ActorName, IamWorld, ResourceName } from './iam-world';

export type Outcome = 'Allowed' | 'Denied';

/** One question to the evaluator: may `who` do `action` on `on`, with `context`? */
export interface MatrixRow {
  who: ActorName;
  action: string;
  on: ResourceName;
  /** How the request differs from a plain one, in words, for the table. */
  when?: string;
  context?: (w: IamWorld) => Record<string, string | string[]>;
  expect: Outcome;
  /** Only in environments whose Connect instance (and number) is of this kind: the rights differ by mode. */
  only?: { instance?: InstanceTarget['kind']; phoneNumber?: PhoneNumberTarget['kind'] };
}

/** Whether a row is asked of this environment (see MatrixRow.only). */
export const rowApplies = (row: MatrixRow, env: EnvironmentConfig): boolean =>
  (!row.only?.instance || row.only.instance === instanceTarget(env).kind)
  && (!row.only?.phoneNumber || row.only.phoneNumber === phoneNumberTarget(env).kind);

export interface RowResult {
  row: MatrixRow;
  /** iam-simulate's decision: Allowed, ImplicitlyDenied or ExplicitlyDenied. */
  decision: string;
  outcome: Outcome;
}

// A key another project owns, with AWS's default key policy, which lets IAM policies of the account decide
// (KMS developer guide, "Default key policy": https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
const defaultKeyPolicy = (account: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
});

const isRole = (arn: string) => /^arn:aws:iam::\d{12}:role\//.test(arn);
const accountOf = (arn: string, fallback: string) => arn.split(':')[4] || fallback;

/** The request as AWS sees it from a role session: the session ARN, and the role as aws:PrincipalArn. */
function requestPrincipal(arn: string): { principal: string; context: Record<string, string> } {
  if (!isRole(arn)) return { principal: arn, context: {} };
  const account = accountOf(arn, '');
  const name = arn.split('/').pop();
  return { principal: `arn:aws:sts::${account}:assumed-role/${name}/iam-matrix`, context: { 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': account } };
}

/** One request to the evaluator by ARN: may `who` do `action` on `resource`, with `context`? */
export interface ArnRequest {
  who: ActorName;
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

/** Runs one request through iam-simulate with every policy the stacks write that AWS would evaluate for it. */
export async function simulateRequest(w: IamWorld, request: ArnRequest): Promise<{ decision: string; outcome: Outcome }> {
  const actor = w.actors[request.who];
  const resource = request.resource;
  const identity = [...w.policies.filter((p) => p.kind === 'identity' && p.principal === actor.arn).map((p) => p.document), ...(actor.extraIdentity ?? [])];
  const boundaryArn = w.boundaries.get(actor.arn);
  const boundary = boundaryArn ? w.policies.find((p) => p.kind === 'managed' && p.arn === boundaryArn) : undefined;
  if (boundaryArn && !boundary) throw new Error(`${actor.arn} names boundary ${boundaryArn}, which no stack creates`);
  // The resource's own policy; an S3 object's is its bucket's.
  const owner = resource.startsWith('arn:aws:s3:::') ? resource.split('/')[0] : resource;
  const attached = w.policies.find((p) => ['key', 'function', 'trust', 'bucket'].includes(p.kind) && p.resource === owner)?.document;
  const isOtherKey = resource === w.resources.otherKey || resource === w.resources.untaggedKey;
  const { principal, context: principalContext } = requestPrincipal(actor.arn);
  const tags = Object.fromEntries(Object.entries(w.tags[resource] ?? {}).map(([k, v]) => [`aws:ResourceTag/${k}`, v]));
  const contextVariables = { ...principalContext, ...tags, ...(request.context ?? {}) };
  const simulation: Simulation = {
    request: { principal, action: request.action, resource: { resource, accountId: accountOf(resource, w.env.account) }, contextVariables },
    identityPolicies: identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: attached ?? (isOtherKey ? defaultKeyPolicy(w.env.account) : undefined),
    permissionBoundaryPolicies: boundary ? [{ name: 'boundary', policy: boundary.document }] : undefined,
  };
  const result = await runSimulation(simulation, {});
  const label = `${actor.label} ${request.action} on ${resource}`;
  if (result.resultType === 'error') throw new Error(`${label}: iam-simulate refused the request: ${JSON.stringify(result.errors)}`);
  // A context key the simulator drops would make a condition read as missing: never let that pass silently.
  const ignored = result.resultType === 'single' ? result.result.ignoredContextKeys ?? [] : result.results.flatMap((r) => r.ignoredContextKeys ?? []);
  if (ignored.length) throw new Error(`${label}: iam-simulate ignored context keys ${ignored.join(', ')}`);
  const decision = result.overallResult;
  return { decision, outcome: decision === 'Allowed' ? 'Allowed' : 'Denied' };
}

/** Runs one row through iam-simulate with every policy the stacks write that AWS would evaluate for it. */
export async function simulateRow(w: IamWorld, row: MatrixRow): Promise<RowResult> {
  const { decision, outcome } = await simulateRequest(w, { who: row.who, action: row.action, resource: w.resources[row.on], context: row.context?.(w) });
  return { row, decision, outcome };
}

/** The rows that apply to the world's environment, each simulated. */
export const simulateMatrix = async (w: IamWorld, rows: MatrixRow[]): Promise<RowResult[]> => {
  const results: RowResult[] = [];
  for (const row of rows.filter((r) => rowApplies(r, w.env))) results.push(await simulateRow(w, row));
  return results;
};
