import {
  ConnectClient, DescribeInstanceCommand, DescribePhoneNumberCommand, ListBotsCommand, ListContactFlowModulesCommand, ListContactFlowsCommand,
  ListInstancesCommand, ListPhoneNumbersV2Command,
} from '@aws-sdk/client-connect';
import { GetRoleCommand, GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetAccountSettingsCommand, GetFunctionConcurrencyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { StackNeeds } from './stack-needs';

// The AWS behaviour these checks model, with sources:
// - KMS CreateKey/PutKeyPolicy: "The principals in the key policy must exist and be visible to KMS", else
//   MalformedPolicyDocumentException (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html,
//   https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html). Lambda AddPermission likewise
//   refuses a principal it cannot resolve ("The provided principal was invalid",
//   aws-cloudformation/cloudformation-coverage-roadmap#1189).
// - Lambda: "You can reserve up to the Unreserved account concurrency value that is shown, minus 100 for
//   functions that don't have reserved concurrency" (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html);
//   GetAccountSettings returns UnreservedConcurrentExecutions, already net of today's reservations.
// - Connect quotas "Amazon Connect instances per account" (L-AA17A6B9, default 2) and "Phone numbers per
//   instance" (L-8F812903, default 5) (https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html).
//   GetServiceQuota answers only quotas with an applied value; otherwise GetAWSDefaultServiceQuota has the
//   default (https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/API_GetServiceQuota.html).

// - An existing instance: it must exist and be ACTIVE (DescribeInstance,
//   https://docs.aws.amazon.com/connect/latest/APIReference/API_DescribeInstance.html), and have room under the
//   per-instance quotas for what the stack adds (INSTANCE_QUOTAS); a number it routes must be claimed to that
//   instance (DescribePhoneNumber's ClaimedPhoneNumberSummary.TargetArn,
//   https://docs.aws.amazon.com/connect/latest/APIReference/API_DescribePhoneNumber.html). Resource-level values
//   are asked for the instance (GetServiceQuota's ContextId: "Specifies the resource with an Amazon Resource Name").

export const LAMBDA_MIN_UNRESERVED = 100;
export const CONNECT_QUOTAS = { instancesPerAccount: 'L-AA17A6B9', phoneNumbersPerInstance: 'L-8F812903' } as const;

/**
 * The per-instance quotas an existing instance must have room under. Defaults from the Connect quotas page
 * (https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html), used only where
 * Service Quotas has no value. Codes: L-22922690 and L-8F812903 as that page links them to the Service Quotas
 * console; L-B93A6612 and L-19755C7E from Service Quotas listings in public code, not from an AWS page.
 * "Amazon Lex bots per instance" is read restrictively: every associated bot counts, Lex V1 and V2.
 */
export const INSTANCE_QUOTAS = {
  lexBots: { code: 'L-B93A6612', name: 'Amazon Lex bots per instance', documentedDefault: 70 },
  flows: { code: 'L-22922690', name: 'Flows per instance', documentedDefault: 100 },
  flowModules: { code: 'L-19755C7E', name: 'Modules per instance', documentedDefault: 200 },
  phoneNumbers: { code: CONNECT_QUOTAS.phoneNumbersPerInstance, name: 'Phone numbers per instance', documentedDefault: 10 },
} as const;

export interface AwsClients {
  iam: IAMClient;
  lambda: LambdaClient;
  quotas: ServiceQuotasClient;
  connect: ConnectClient;
}

export function awsClients(region: string): AwsClients {
  const options = { region, maxAttempts: 2 };
  return { iam: new IAMClient(options), lambda: new LambdaClient(options), quotas: new ServiceQuotasClient(options), connect: new ConnectClient(options) };
}

/** The caller has no usable credentials: preflight stops with one line. */
export class CredentialsProblem extends Error {}

const REJECTED_CREDENTIALS = ['InvalidClientTokenId', 'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidSignatureException', 'SignatureDoesNotMatch'];

/** One line for a failed call; never the error's message, which may hold ARNs of other accounts. */
function cannotCheck(err: unknown, what: string, permission: string): string {
  const name = (err as { name?: string })?.name ?? 'unknown error';
  if (name === 'CredentialsProviderError' || /credential/i.test((err as Error)?.message ?? '') && !REJECTED_CREDENTIALS.includes(name)) {
    throw new CredentialsProblem('no AWS credentials found: sign in to the environment\'s account (e.g. aws sso login) and try again');
  }
  if (REJECTED_CREDENTIALS.includes(name)) throw new CredentialsProblem(`AWS rejected your credentials (${name}): sign in again`);
  if (/AccessDenied|UnauthorizedOperation/.test(name)) return `cannot check ${what}: access denied (needs ${permission})`;
  return `cannot check ${what}: ${name}`;
}

export interface CheckResult {
  problems: string[];
  /** A few words for the one-line success report. */
  summary: string;
}

/** Each principal of the environment's account exists, under exactly that ARN (path included). */
export async function checkPrincipals(iam: IAMClient, principals: readonly string[], account: string): Promise<CheckResult> {
  const problems: string[] = [];
  let checked = 0;
  let foreign = 0;
  for (const arn of principals) {
    const parsed = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):(root|role\/(?:.*\/)?([^/]+)|user\/(?:.*\/)?([^/]+)|assumed-role\/([^/]+)\/.+)$/.exec(arn);
    if (!parsed) {
      problems.push(`principal ${arn}: not an IAM role, user or account ARN that preflight can check`);
      continue;
    }
    const [, principalAccount, resource, roleName, userName, sessionRole] = parsed;
    if (principalAccount !== account) {
      foreign++; // another account's principals are invisible to this account's credentials
      continue;
    }
    if (resource === 'root') continue;
    const kind = userName ? 'user' : 'role';
    const name = (userName ?? roleName ?? sessionRole)!;
    checked++;
    try {
      const found = kind === 'user'
        ? (await iam.send(new GetUserCommand({ UserName: name }))).User?.Arn
        : (await iam.send(new GetRoleCommand({ RoleName: name }))).Role?.Arn;
      if (!sessionRole && found !== arn) problems.push(`${kind} ${arn} does not exist; a ${kind} of that name exists as ${found}`);
    } catch (err) {
      if ((err as Error)?.name === 'NoSuchEntityException') problems.push(`${kind} ${arn} does not exist: create it (bootstrap-<env> creates the roles that environments/*.ts asks for) or fix the config`);
      else problems.push(cannotCheck(err, `${kind} ${arn}`, kind === 'user' ? 'iam:GetUser' : 'iam:GetRole'));
    }
  }
  const notChecked = foreign > 0 ? `, ${foreign} in other accounts not checkable from here` : '';
  return { problems, summary: `${checked} principals exist${notChecked}` };
}

/** Reserving concurrency must leave Lambda its minimum unreserved pool. */
export async function checkConcurrency(lambda: LambdaClient, needs: Pick<StackNeeds, 'reservations'>, region: string): Promise<CheckResult> {
  const requested = needs.reservations.reduce((sum, r) => sum + r.reserved, 0);
  if (needs.reservations.length === 0) return { problems: [], summary: 'no reserved concurrency asked' };
  try {
    const limits = (await lambda.send(new GetAccountSettingsCommand({}))).AccountLimit;
    // Reservations of these functions that exist already are counted out of the unreserved pool today.
    let current = 0;
    for (const { functionName } of needs.reservations) {
      try {
        current += (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: functionName }))).ReservedConcurrentExecutions ?? 0;
      } catch (err) {
        if ((err as Error)?.name !== 'ResourceNotFoundException') throw err;
      }
    }
    const left = (limits?.UnreservedConcurrentExecutions ?? 0) + current - requested;
    if (left < LAMBDA_MIN_UNRESERVED) {
      const who = needs.reservations.map((r) => `${r.functionName}: ${r.reserved}`).join(', ');
      return {
        problems: [`Lambda concurrency in ${region}: reserving ${requested} (${who}) would leave ${left} unreserved, below Lambda's minimum of ${LAMBDA_MIN_UNRESERVED} (account limit ${limits?.ConcurrentExecutions ?? '?'}): raise the "Concurrent executions" quota or leave the reservation unset`],
        summary: '',
      };
    }
    return { problems: [], summary: `Lambda keeps ${left} unreserved after reserving ${requested}` };
  } catch (err) {
    return { problems: [cannotCheck(err, `Lambda concurrency in ${region}`, 'lambda:GetAccountSettings and lambda:GetFunctionConcurrency')], summary: '' };
  }
}

/**
 * A Connect quota's value: the one applied (to the resource `contextId` names, if given), else the AWS default.
 * Where Service Quotas has neither: `documentedDefault` (documented: true) if given, else the error.
 */
async function quotaValue(quotas: ServiceQuotasClient, code: string, { contextId, documentedDefault }: { contextId?: string; documentedDefault?: number } = {}): Promise<{ value: number; documented: boolean }> {
  const absent = (err: unknown) => (err as Error)?.name === 'NoSuchResourceException';
  try {
    return { value: (await quotas.send(new GetServiceQuotaCommand({ ServiceCode: 'connect', QuotaCode: code, ContextId: contextId }))).Quota?.Value ?? 0, documented: false };
  } catch (err) {
    if (!absent(err)) throw err;
  }
  try {
    return { value: (await quotas.send(new GetAWSDefaultServiceQuotaCommand({ ServiceCode: 'connect', QuotaCode: code }))).Quota?.Value ?? 0, documented: false };
  } catch (err) {
    if (documentedDefault === undefined || !absent(err)) throw err;
    return { value: documentedDefault, documented: true };
  }
}

/** Every item of a paged list: follows NextToken to the end. */
async function everyPage<T>(page: (token?: string) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const { items, next } = await page(token);
    all.push(...(items ?? []));
    token = next;
  } while (token);
  return all;
}

/** A new Connect instance fits under the account's instance quota; the claimed numbers under the per-instance one. */
export async function checkConnect(clients: Pick<AwsClients, 'connect' | 'quotas'>, needs: Pick<StackNeeds, 'connectInstanceAliases' | 'phoneNumbers'>, region: string): Promise<CheckResult> {
  if (needs.connectInstanceAliases.length === 0 && needs.phoneNumbers === 0) return { problems: [], summary: 'no Connect resources' };
  const problems: string[] = [];
  let summary = '';
  try {
    const instances = await everyPage(async (token) => {
      const page = await clients.connect.send(new ListInstancesCommand({ NextToken: token, MaxResults: 10 }));
      return { items: page.InstanceSummaryList, next: page.NextToken };
    });
    const existing = new Set(instances.map((i) => i.InstanceAlias));
    const toCreate = needs.connectInstanceAliases.filter((alias) => !existing.has(alias));
    const { value: instanceQuota } = await quotaValue(clients.quotas, CONNECT_QUOTAS.instancesPerAccount);
    if (instances.length + toCreate.length > instanceQuota) {
      problems.push(`Connect instances in ${region}: ${instances.length} exist and the stack creates ${toCreate.length}, over the quota of ${instanceQuota} (${CONNECT_QUOTAS.instancesPerAccount}): request an increase or remove an instance`);
    }
    const { value: numberQuota } = await quotaValue(clients.quotas, CONNECT_QUOTAS.phoneNumbersPerInstance);
    if (needs.phoneNumbers > numberQuota) {
      problems.push(`Connect phone numbers in ${region}: the stack claims ${needs.phoneNumbers}, over the per-instance quota of ${numberQuota} (${CONNECT_QUOTAS.phoneNumbersPerInstance}): request an increase`);
    }
    summary = `Connect has room (${instances.length + toCreate.length}/${instanceQuota} instances, ${needs.phoneNumbers}/${numberQuota} numbers)`;
  } catch (err) {
    problems.push(cannotCheck(err, `Connect quotas in ${region}`, 'connect:ListInstances, servicequotas:GetServiceQuota and servicequotas:GetAWSDefaultServiceQuota'));
  }
  return { problems, summary };
}

const notFound = (err: unknown) => (err as Error)?.name === 'ResourceNotFoundException';

type ExistingNeeds = Pick<StackNeeds, 'existingPhoneNumberIds' | 'flows' | 'flowModules' | 'botAssociations' | 'phoneNumbers'>;

/**
 * An existing instance (instead of the instance quota): it exists and is ACTIVE, what the stack adds fits its
 * per-instance quotas (a flow or module of the same name already there counts as the stack's own), and each
 * number the stack routes is claimed to it.
 */
export async function checkExistingInstance(clients: Pick<AwsClients, 'connect' | 'quotas'>, instance: NonNullable<StackNeeds['existingInstance']>, needs: ExistingNeeds): Promise<CheckResult> {
  const { connect, quotas } = clients;
  const problems: string[] = [];
  try {
    let status: string | undefined;
    try {
      status = (await connect.send(new DescribeInstanceCommand({ InstanceId: instance.id }))).Instance?.InstanceStatus;
    } catch (err) {
      if (!notFound(err)) throw err;
      return { problems: [`Connect instance ${instance.arn} does not exist: check connect.instance.existing.instanceId (the part after instance/ in the instance's ARN) and the region`], summary: '' };
    }
    if (status !== 'ACTIVE') problems.push(`Connect instance ${instance.arn} is ${status ?? 'in no known state'}, not ACTIVE`);

    const bots = (await Promise.all((['V1', 'V2'] as const).map((version) => everyPage(async (token) => {
      const page = await connect.send(new ListBotsCommand({ InstanceId: instance.id, LexVersion: version, NextToken: token }));
      return { items: page.LexBots, next: page.NextToken };
    })))).flat();
    const flowNames = (await everyPage(async (token) => {
      const page = await connect.send(new ListContactFlowsCommand({ InstanceId: instance.id, NextToken: token }));
      return { items: page.ContactFlowSummaryList, next: page.NextToken };
    })).map((f) => f.Name);
    const moduleNames = (await everyPage(async (token) => {
      const page = await connect.send(new ListContactFlowModulesCommand({ InstanceId: instance.id, NextToken: token }));
      return { items: page.ContactFlowModulesSummaryList, next: page.NextToken };
    })).map((m) => m.Name);
    type Quota = { code: string; name: string; documentedDefault: number };
    const usage: { quota: Quota; used: number; adding: number; what: string }[] = [
      { quota: INSTANCE_QUOTAS.lexBots, used: bots.length, adding: needs.botAssociations, what: 'bots' },
      { quota: INSTANCE_QUOTAS.flows, used: flowNames.length, adding: needs.flows.filter((n) => !flowNames.includes(n)).length, what: 'flows' },
      { quota: INSTANCE_QUOTAS.flowModules, used: moduleNames.length, adding: needs.flowModules.filter((n) => !moduleNames.includes(n)).length, what: 'modules' },
    ];
    if (needs.phoneNumbers > 0) {
      const numbers = await everyPage(async (token) => {
        const page = await connect.send(new ListPhoneNumbersV2Command({ TargetArn: instance.arn, NextToken: token }));
        return { items: page.ListPhoneNumbersSummaryList, next: page.NextToken };
      });
      usage.push({ quota: INSTANCE_QUOTAS.phoneNumbers, used: numbers.length, adding: needs.phoneNumbers, what: 'numbers' });
    }
    const room: string[] = [];
    for (const { quota, used, adding, what } of usage) {
      const { value, documented } = await quotaValue(quotas, quota.code, { contextId: instance.arn, documentedDefault: quota.documentedDefault });
      const source = documented ? `${quota.code}, the documented default: Service Quotas has no value` : quota.code;
      if (used + adding > value) {
        problems.push(`${quota.name} in ${instance.arn}: ${used} in use and the stack adds ${adding}, over the quota of ${value} (${source}): make room or request an increase`);
      }
      room.push(`${used + adding}/${value}${documented ? '*' : ''} ${what}`);
    }

    for (const id of needs.existingPhoneNumberIds) {
      try {
        const target = (await connect.send(new DescribePhoneNumberCommand({ PhoneNumberId: id }))).ClaimedPhoneNumberSummary?.TargetArn;
        if (target !== instance.arn) problems.push(`phone number ${id} is claimed to ${target ?? 'nothing'}, not to the instance ${instance.arn}: the stack routes only a number of its instance`);
      } catch (err) {
        if (!notFound(err)) throw err;
        problems.push(`phone number ${id} does not exist: check phoneNumber.existing.phoneNumberId`);
      }
    }
    const documentedNote = room.some((r) => r.includes('*')) ? '; * a documented default' : '';
    return { problems, summary: `Connect instance ${instance.id} is ready (${room.join(', ')}${documentedNote})` };
  } catch (err) {
    problems.push(cannotCheck(err, `Connect instance ${instance.arn}`, 'connect:DescribeInstance, connect:ListBots, connect:ListContactFlows, connect:ListContactFlowModules, connect:ListPhoneNumbersV2, connect:DescribePhoneNumber, servicequotas:GetServiceQuota and servicequotas:GetAWSDefaultServiceQuota'));
    return { problems, summary: '' };
  }
}
