import { PHONE_NUMBER_ARN } from './connect-schema';
import { connectInstanceArn } from './connect-target';
import { prefixProblem } from './phone-prefix';
import { prefixProblem as resourceNameProblem } from './resource-names';
import { environmentSchema, type EnvironmentConfig, type EnvironmentInput } from './schema';

/**
 * A configuration error: every problem found, one line each (`environment "x": field: rule`), the message
 * being those lines. Synthesis prints it and stops.
 */
export class EnvironmentConfigError extends Error {
  override name = 'EnvironmentConfigError';
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const lines = typeof problems === 'string' ? [problems] : problems;
    super(lines.join('\n'));
    this.problems = lines;
  }
}

export function stateKey(env: Pick<EnvironmentConfig, 'prefix' | 'name'>): string {
  return `${env.prefix}/${env.name}/terraform.tfstate`;
}

function accountOf(arn: string): string | undefined {
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

interface Problem {
  field: string;
  rule: string;
}

/** The input read loosely: the checks below run even where the schema refused another field. */
type Loose = Record<string, any>;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const labelOf = (input: unknown): string => text((input as Loose | undefined)?.name) ?? '?';
const line = (label: string, { field, rule }: Problem) => `environment "${label}": ${field}: ${rule}`;

type Issue = { code: string; path: PropertyKey[]; message: string; issues?: Issue[]; errors?: Issue[][] };

/**
 * One issue as field problems. A union (connect.instance, phoneNumber: one key names the choice) reports
 * the problems of the one choice the input clearly meant, all of them inside that choice's own key;
 * otherwise, e.g. two choices at once or none, the union's own rule.
 */
function flatten(issue: Issue, at: PropertyKey[] = []): { path: PropertyKey[]; rule: string }[] {
  const path = [...at, ...issue.path];
  // A bad record key reports its own rule one level down.
  if (issue.code === 'invalid_key') return [{ path, rule: issue.issues?.[0]?.message ?? issue.message }];
  if (issue.code === 'invalid_union' && issue.errors) {
    const meant = issue.errors.filter((option) => option.length > 0 && option.every((i) => i.path.length >= 2 && i.code !== 'unrecognized_keys'));
    if (meant.length === 1) return meant[0]!.flatMap((i) => flatten(i, path));
  }
  return [{ path, rule: issue.message }];
}

/** The schema's problems: the first rule each field breaks. */
function schemaProblems(input: unknown): { env?: EnvironmentConfig; problems: Problem[] } {
  const parsed = environmentSchema.safeParse(input);
  if (parsed.success) return { env: parsed.data, problems: [] };
  const byField = new Map<string, string>();
  for (const { path, rule } of parsed.error.issues.flatMap((issue) => flatten(issue as Issue))) {
    const field = path.length ? path.join('.') : '(root)';
    if (!byField.has(field)) byField.set(field, rule);
  }
  return { problems: [...byField].map(([field, rule]) => ({ field, rule })) };
}

/**
 * The rules between fields of one environment. Each runs on the raw input wherever the schema found its
 * fields well-formed, so one run reports them all.
 */
function crossFieldProblems(e: Loose, refused: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const ok = (field: string, value: unknown): value is string => typeof value === 'string' && !refused.has(field);
  const account = ok('account', e.account) ? e.account : undefined;
  if (!account) return problems;

  for (const field of ['deployRoleArn', 'planRoleArn'] as const) {
    const arn = e[field];
    if (!ok(field, arn)) continue;
    if (accountOf(arn) !== account) {
      problems.push({ field, rule: `must be a role in the environment's own account ${account}` });
    } else if (ok('prefix', e.prefix) && ok('name', e.name) && (arn.split(':role/')[1] ?? '').startsWith(`${e.prefix}-${e.name}-`)) {
      // The deploy role may change every role under this name (the stack's own): a CI role there could widen itself.
      problems.push({ field, rule: `must not be named ${e.prefix}-${e.name}-..., like the roles the deploy role may change` });
    }
  }
  if (ok('planRoleArn', e.planRoleArn) && e.planRoleArn === e.deployRoleArn) {
    problems.push({ field: 'planRoleArn', rule: 'must not be the deploy role' });
  }

  // Account-bound principals: a copied environment file must not keep another account's operators or admins.
  const trusted: unknown[] = Array.isArray(e.trustedPrincipalAccounts) ? e.trustedPrincipalAccounts : [];
  const principalLists: [string, unknown][] = [
    ['kms.administrators', e.kms?.administrators], ['decryptPrincipals', e.decryptPrincipals], ['decryptInvokeTrail.auditors', (e.decryptInvokeTrail as Loose | undefined)?.auditors],
  ];
  for (const [list, arns] of principalLists) {
    if (!Array.isArray(arns)) continue;
    arns.forEach((arn: unknown, i) => {
      const field = `${list}.${i}`;
      if (!ok(field, arn)) return;
      const owner = accountOf(arn);
      if (owner !== account && !trusted.includes(owner)) {
        problems.push({ field, rule: `must be in the environment's own account ${account} or an account in trustedPrincipalAccounts` });
      }
    });
  }

  // Every name the stacks derive from the prefix must be one AWS accepts (environments/resource-names.ts).
  if (ok('prefix', e.prefix) && ok('name', e.name)) {
    const rule = resourceNameProblem(e.prefix, e.name);
    if (rule) problems.push({ field: 'prefix', rule });
  }

  const claim = (e.phoneNumber as Loose | undefined)?.claim as Loose | undefined;
  if (ok('phoneNumber.claim.countryCode', claim?.countryCode) && ok('phoneNumber.claim.prefix', claim?.prefix)) {
    const rule = prefixProblem(claim.countryCode, claim.prefix);
    if (rule) problems.push({ field: 'phoneNumber.claim.prefix', rule });
  }
  const region = ok('region', e.region) ? e.region : undefined;
  if (region) problems.push(...connectPlaceProblems(e, account, region, ok));
  return problems;
}

/**
 * What an environment names in Connect lies in its own account and region: an existing number given by ARN,
 * and with an existing instance the failure queue, which must belong to that instance.
 */
function connectPlaceProblems(e: Loose, account: string, region: string, ok: (field: string, value: unknown) => value is string): Problem[] {
  const problems: Problem[] = [];
  const numberField = 'phoneNumber.existing.phoneNumberId';
  const number = e.phoneNumber?.existing?.phoneNumberId;
  const numberArn = ok(numberField, number) ? PHONE_NUMBER_ARN.exec(number) : null;
  if (numberArn && (numberArn[1] !== region || numberArn[2] !== account)) {
    problems.push({ field: numberField, rule: `must be a phone number of the environment's own account ${account} and region ${region}` });
  }
  const instanceId = e.connect?.instance?.existing?.instanceId;
  const queueField = 'connect.failureTransferQueueArn';
  const queue = e.connect?.failureTransferQueueArn;
  if (ok('connect.instance.existing.instanceId', instanceId) && ok(queueField, queue)) {
    const queues = `${connectInstanceArn({ account, region }, instanceId)}/queue/`;
    if (!queue.startsWith(queues)) problems.push({ field: queueField, rule: `must be a queue of the existing instance ${instanceId} (${queues}...)` });
  }
  return problems;
}

function check(input: EnvironmentInput): { env?: EnvironmentConfig; lines: string[] } {
  const { env, problems } = schemaProblems(input);
  const refused = new Set(problems.map((p) => p.field));
  const all = [...problems, ...(input && typeof input === 'object' ? crossFieldProblems(input as Loose, refused) : [])];
  const label = labelOf(input);
  return { env: all.length ? undefined : env, lines: all.map((p) => line(label, p)) };
}

/** Validates one environment: every broken rule, one line each, as `environment "x": field: rule`. */
export function loadEnvironment(input: EnvironmentInput): EnvironmentConfig {
  const { env, lines } = check(input);
  if (!env) throw new EnvironmentConfigError(lines);
  return env;
}

/**
 * The rules between environments: each has its own account, state key, name, Connect alias and existing
 * Connect instance, and trusts no other environment's account. Read loosely, like crossFieldProblems.
 */
function betweenEnvironmentProblems(inputs: readonly Loose[]): string[] {
  const lines: string[] = [];
  const seen = new Map<string, string>();
  const claim = (label: string, field: string, what: string, value: string, key = value) => {
    const other = seen.get(`${field}=${key}`);
    if (other !== undefined) lines.push(line(label, { field, rule: `must not share ${what} ${value} with environment "${other}"` }));
    else seen.set(`${field}=${key}`, label);
  };
  const accounts = new Map<string, string>();
  for (const e of inputs) {
    if (typeof e.account === 'string' && !accounts.has(e.account)) accounts.set(e.account, labelOf(e));
  }
  for (const e of inputs) {
    const label = labelOf(e);
    if (typeof e.account === 'string') claim(label, 'account', 'its account', e.account);
    const bucket = text(e.state?.bucket);
    if (bucket && typeof e.prefix === 'string' && typeof e.name === 'string') {
      claim(label, 'state.bucket', 'the state key', `s3://${bucket}/${stateKey({ prefix: e.prefix, name: e.name })}`);
    }
    if (typeof e.name === 'string') claim(label, 'name', 'its name', e.name);
    // Aliases are DNS names (<alias>.my.connect.aws): case does not make them different.
    const alias = text(e.connect?.instance?.create?.alias);
    if (alias) claim(label, 'connect.instance.create.alias', 'its instance alias', alias, alias.toLowerCase());
    // Two environments in one existing instance would claim the same flow name and each other's contacts.
    // Only an instance of the same account and region is the same instance; ids elsewhere cannot be compared.
    const instanceId = text(e.connect?.instance?.existing?.instanceId);
    if (instanceId && typeof e.account === 'string' && typeof e.region === 'string') {
      claim(label, 'connect.instance.existing.instanceId', 'its Connect instance', instanceId, connectInstanceArn({ account: e.account, region: e.region }, instanceId));
    }
    const trusted: unknown[] = Array.isArray(e.trustedPrincipalAccounts) ? e.trustedPrincipalAccounts : [];
    trusted.forEach((account, i) => {
      const owner = typeof account === 'string' ? accounts.get(account) : undefined;
      if (owner !== undefined && owner !== label) {
        lines.push(line(label, { field: `trustedPrincipalAccounts.${i}`, rule: `must not be the account of environment "${owner}": environments stay apart` }));
      }
    });
  }
  return lines;
}

/** Validates every environment, then the rules between them; throws once with every problem found. */
export function loadEnvironments(inputs: readonly EnvironmentInput[]): EnvironmentConfig[] {
  const checked = inputs.map(check);
  const lines = [...checked.flatMap((c) => c.lines), ...betweenEnvironmentProblems(inputs as readonly Loose[])];
  if (lines.length) throw new EnvironmentConfigError(lines);
  return checked.map((c) => c.env!);
}
