import type { EnvironmentConfig } from '../../environments';
import { APPLICATION, CONTEXT_KEYS } from '../../contract/encryption-context';
import { decryptAuditLogGroupName, functionName, invokeTrailArn, invokeTrailBucketName, permissionsBoundaryArn, resourceName } from '../../stacks/naming';
import type { PolicyDocument } from '../../stacks/policies/policy-document';
import { stateKey } from '../../environments';
import { connectInstanceArn, connectPhoneNumberArn, instanceTarget, phoneNumberTarget } from '../../environments/connect-target';
import { PROJECT } from '../../environments/project';
import { invokeTrailAuditorArns, smokeRoleArn } from '../../environments/principals';
import { SMOKE_ALIAS } from '../../contract/decrypt-invocation';
import { accountPolicies, synthAccountStacks } from './stack-policies';
import { deployPolicyNamePrefix } from '../../stacks/policies/deploy-guards';
import { bootstrapStateKey } from '../../stacks/naming';
import { ReferenceResolver, type SynthesizedPolicy } from './synthesized-policies';

/** A principal of the matrix: who it is, and the identity policies it holds beyond what the stacks give it. */
export interface Actor {
  arn: string;
  label: string;
  /** Identity policies the principal holds outside the stacks (an operator or a foreign admin). */
  extraIdentity?: PolicyDocument[];
}

/** Everything one account's stacks write, as the simulator needs it. */
export interface IamWorld {
  env: EnvironmentConfig;
  policies: SynthesizedPolicy[];
  actors: Record<ActorName, Actor>;
  resources: Record<ResourceName, string>;
  /** Resource tags of a resource, as aws:ResourceTag/<key> context. */
  tags: Record<string, Record<string, string>>;
  /** Role ARN -> the ARN of its permissions boundary, as the stacks set it. */
  boundaries: Map<string, string>;
  /**
   * The request context of a KMS call with the encryption context the functions send
   * (contract/encryption-context.ts): its application and environment entries and its four keys as
   * kms:EncryptionContextKeys, optionally changed.
   */
  context(overrides?: Record<string, string | string[]>): Record<string, string | string[]>;
}

export type ActorName =
  | 'encrypt' | 'decrypt' | 'lexBotRole' | 'operator' | 'operatorAdmin' | 'plan' | 'deploy' | 'widenedEncrypt' | 'foreign'
  | 'lexService' | 'lambdaService' | 'utteranceDeleter' | 'deleterSchedule' | 'smoke' | 'auditor' | 'cloudTrailService';
export type ResourceName =
  | 'key' | 'otherKey' | 'untaggedKey' | 'anyKey' | 'encryptFunction' | 'decryptFunction' | 'stateObject' | 'bootstrapStateObject'
  | 'projectRole' | 'outsideRole' | 'encryptRole' | 'lexBotRole' | 'planRole' | 'deployRole' | 'boundary' | 'botAlias' | 'otherBotAlias'
  | 'contact' | 'otherInstanceContact' | 'auditLogGroup' | 'auditLogStream'
  | 'deleterFunction' | 'projectTopic' | 'otherTopic' | 'projectAlarm' | 'otherAlarm'
  | 'decryptSmokeAlias' | 'decryptVersion' | 'invokeTrail' | 'otherTrail' | 'invokeTrailKey' | 'invokeTrailBucket' | 'invokeRecord'
  | 'instance' | 'otherInstance' | 'projectFlow' | 'teamFlow' | 'otherInstanceFlow' | 'phoneNumber' | 'otherPhoneNumber' | 'deployPolicy'
  | 'captureModule' | 'otherRegionModule'
  | 'decryptRole' | 'deleterRole' | 'deleterScheduleRole' | 'anything';

export const ALLOW_EVERYTHING: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' }] };
export const FOREIGN_ACCOUNT = '999999999999';

/** Builds the world from the synthesized environment and bootstrap stacks of one account. */
export function iamWorld(env: EnvironmentConfig): IamWorld {
  const stacks = synthAccountStacks(env);
  const policies = accountPolicies(env);
  const { account: acct, region } = env;
  const role = (name: string) => `arn:aws:iam::${acct}:role/${name}`;
  // The capture key; the stack also has the alarm topic's key (monitoring), which no matrix row is about, and
  // the key of the Decrypt invoke trail.
  const key = policies.find((p) => p.kind === 'key' && p.address.startsWith('aws_kms_key.secure-input-key_'))!.resource!;
  const invokeTrailKey = policies.find((p) => p.kind === 'key' && p.address.startsWith('aws_kms_key.decrypt-invoke-trail_'))!.resource!;
  const lexPermission = policies.find((p) => p.kind === 'function' && p.resource!.endsWith(functionName(env, 'encrypt')))!;
  const aliasArn = String(Object.values(lexPermission.document.Statement[0]!.Condition!.ArnLike!)[0]);
  const deleterRole = role(resourceName(env, 'delete-utterances-fn'));
  const boundaries = new Map<string, string>();
  for (const body of Object.values(stacks.environment.resource?.aws_iam_role ?? {})) {
    if (body.permissions_boundary) boundaries.set(role(body.name), body.permissions_boundary);
  }
  // The stack's instance: as the resolver names a created one after apply, independent of any policy that
  // refers to it, or the existing one's ARN from config. Its number: the existing one, or a stand-in.
  const [instanceName] = Object.keys(stacks.environment.resource?.aws_connect_instance ?? {});
  const target = instanceTarget(env);
  const instanceArn = target.kind === 'existing' ? target.arn : new ReferenceResolver(env, [stacks.environment]).value(`aws_connect_instance.${instanceName}.arn`);
  const number = phoneNumberTarget(env);
  const phoneNumberArn = number.kind === 'existing' ? number.arn : connectPhoneNumberArn(env, '9b8a7c6d-0000-4000-8000-000000000001');
  const otherInstanceArn = connectInstanceArn(env, '0ther000-0000-4000-8000-000000000000');
  const auditLogGroup = `arn:aws:logs:${region}:${acct}:log-group:${decryptAuditLogGroupName(env)}`;
  const resources: Record<ResourceName, string> = {
    key,
    otherKey: `arn:aws:kms:${region}:${acct}:key/0ther000-0000-4000-8000-000000000000`,
    untaggedKey: `arn:aws:kms:${region}:${acct}:key/un7a9900-0000-4000-8000-000000000000`,
    anyKey: '*',
    encryptFunction: `arn:aws:lambda:${region}:${acct}:function:${functionName(env, 'encrypt')}`,
    decryptFunction: `arn:aws:lambda:${region}:${acct}:function:${functionName(env, 'decrypt')}`,
    stateObject: `arn:aws:s3:::${env.state.bucket}/${stateKey(env)}`,
    bootstrapStateObject: `arn:aws:s3:::${env.state.bucket}/${bootstrapStateKey(env)}`,
    projectRole: role(resourceName(env, 'new-fn')),
    outsideRole: role('someone-elses-role'),
    encryptRole: role(resourceName(env, 'encrypt-fn')),
    lexBotRole: role(resourceName(env, 'lex-bot')),
    planRole: env.planRoleArn,
    deployRole: env.deployRoleArn,
    boundary: permissionsBoundaryArn(env),
    botAlias: aliasArn,
    otherBotAlias: `arn:aws:lex:${region}:${acct}:bot-alias/OTHERBOT01/OTHERALIAS`,
    contact: `${instanceArn}/contact/11111111-2222-4333-8444-555555555555`,
    otherInstanceContact: `arn:aws:connect:${region}:${acct}:instance/0ther000-0000-4000-8000-000000000000/contact/11111111-2222-4333-8444-555555555555`,
    auditLogGroup,
    auditLogStream: `${auditLogGroup}:log-stream:2026/11/23/decrypt`,
    deleterFunction: `arn:aws:lambda:${region}:${acct}:function:${resourceName(env, 'delete-utterances')}`,
    projectTopic: `arn:aws:sns:${region}:${acct}:${resourceName(env, 'alarms')}`,
    otherTopic: `arn:aws:sns:${region}:${acct}:another-project-alarms`,
    projectAlarm: `arn:aws:cloudwatch:${region}:${acct}:alarm:${resourceName(env, 'encrypt-errors')}`,
    otherAlarm: `arn:aws:cloudwatch:${region}:${acct}:alarm:another-project-errors`,
    decryptSmokeAlias: `arn:aws:lambda:${region}:${acct}:function:${functionName(env, 'decrypt')}:${SMOKE_ALIAS}`,
    decryptVersion: `arn:aws:lambda:${region}:${acct}:function:${functionName(env, 'decrypt')}:7`,
    invokeTrail: invokeTrailArn(env),
    otherTrail: `arn:aws:cloudtrail:${region}:${acct}:trail/organisation-trail`,
    invokeTrailKey,
    invokeTrailBucket: `arn:aws:s3:::${invokeTrailBucketName(env)}`,
    invokeRecord: `arn:aws:s3:::${invokeTrailBucketName(env)}/AWSLogs/${acct}/CloudTrail/${region}/2026/11/23/${acct}_CloudTrail_${region}_20261123T1755Z_x.json.gz`,
    instance: instanceArn,
    otherInstance: otherInstanceArn,
    projectFlow: `${instanceArn}/contact-flow/f10a0000-0000-4000-8000-000000000001`,
    teamFlow: `${instanceArn}/contact-flow/7ea30000-0000-4000-8000-000000000002`,
    otherInstanceFlow: `${otherInstanceArn}/contact-flow/f10a0000-0000-4000-8000-000000000001`,
    phoneNumber: phoneNumberArn,
    otherPhoneNumber: connectPhoneNumberArn(env, '0ther000-0000-4000-8000-000000000002'),
    deployPolicy: `arn:aws:iam::${acct}:policy/${deployPolicyNamePrefix(env)}1`,
    // The capture module as Connect names it: `instance/<id>/flow-module/<module id>` (iam-data, contact-flow-module).
    captureModule: `${instanceArn}/flow-module/5ec0e1e0-0000-4000-8000-000000000001`,
    otherRegionModule: `arn:aws:connect:${region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1'}:${acct}:instance/0ther000-0000-4000-8000-000000000000/flow-module/5ec0e1e0-0000-4000-8000-000000000001`,
    decryptRole: role(resourceName(env, 'decrypt-fn')),
    deleterRole,
    deleterScheduleRole: role(resourceName(env, 'delete-utterances-schedule')),
    anything: '*',
  };
  const actors: Record<ActorName, Actor> = {
    encrypt: { arn: resources.encryptRole, label: 'Encrypt function' },
    decrypt: { arn: role(resourceName(env, 'decrypt-fn')), label: 'Decrypt function' },
    lexBotRole: { arn: resources.lexBotRole, label: 'Lex bot role' },
    operator: { arn: env.decryptPrincipals[0]!, label: 'operator (decryptPrincipals)' },
    operatorAdmin: { arn: env.decryptPrincipals[0]!, label: 'operator, holding Allow * in IAM', extraIdentity: [ALLOW_EVERYTHING] },
    plan: { arn: env.planRoleArn, label: 'plan role' },
    deploy: { arn: env.deployRoleArn, label: 'deploy role' },
    widenedEncrypt: { arn: resources.encryptRole, label: 'Encrypt function, its policy widened to *', extraIdentity: [ALLOW_EVERYTHING] },
    foreign: { arn: `arn:aws:iam::${FOREIGN_ACCOUNT}:role/admin`, label: `admin of account ${FOREIGN_ACCOUNT} (Allow * there)`, extraIdentity: [ALLOW_EVERYTHING] },
    lexService: { arn: 'lexv2.amazonaws.com', label: 'Lex (service)' },
    lambdaService: { arn: 'lambda.amazonaws.com', label: 'Lambda (service)' },
    utteranceDeleter: { arn: deleterRole, label: 'utterance deleter function' },
    deleterSchedule: { arn: role(resourceName(env, 'delete-utterances-schedule')), label: 'utterance deleter schedule role' },
    smoke: { arn: smokeRoleArn(env), label: 'smoke role (bootstrap)' },
    auditor: { arn: invokeTrailAuditorArns(env)[0]!, label: 'auditor (decryptInvokeTrail.auditors)' },
    cloudTrailService: { arn: 'cloudtrail.amazonaws.com', label: 'CloudTrail (service)' },
  };
  return {
    env, policies, actors, resources, boundaries,
    // The stack's resources carry the provider's default tag project; the team's own flow in the instance does not.
    tags: {
      [key]: { project: PROJECT }, [resources.otherKey]: { project: 'another-project' }, [invokeTrailKey]: { project: PROJECT },
      [resources.projectFlow]: { project: PROJECT }, [resources.captureModule]: { project: PROJECT }, [resources.otherInstanceFlow]: { project: PROJECT },
      [resources.teamFlow]: { owner: 'contact-center-team' },
      ...(number.kind === 'claim' ? { [resources.phoneNumber]: { project: PROJECT } } : {}),
    },
    context: (overrides = {}) => ({
      [`kms:EncryptionContext:${CONTEXT_KEYS.application}`]: APPLICATION,
      [`kms:EncryptionContext:${CONTEXT_KEYS.environment}`]: env.name,
      'kms:EncryptionContextKeys': Object.values(CONTEXT_KEYS),
      ...overrides,
    }),
  };
}
