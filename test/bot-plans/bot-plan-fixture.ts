// Fixtures for real offline plans of the bot and contact-center resources: a synthesized stack's bot,
// version, alias, association, Lex permission, capture module, flow, instance and the terraform_data generations that
// replace the bot and the version, as config (references outside the fixture filled in, the stack's
// `moved` blocks kept) and as state written as after an apply of another synthesized stack (the
// "before"). Several scenarios share one Terraform run: each is renamed with its own suffix and merged
// into one stack.
import type { EnvironmentConfig } from '../../environments';
import type { SynthesizedStack } from '../synth-helpers';
import { cloudControlAddress, generationTrigger } from '../bot-wiring';

type Body = Record<string, any>;
type Json = SynthesizedStack & { locals?: Record<string, string>; moved?: { from: string; to: string }[] };

export const ROLES = ['bot', 'botGeneration', 'version', 'versionGeneration', 'alias', 'association', 'permission', 'module', 'flow', 'instance'] as const;
export type Role = (typeof ROLES)[number];

function addressOf(json: Json, type: string, match: (r: Body) => boolean): string {
  const names = Object.keys(json.resource[type] ?? {}).filter((n) => match(json.resource[type]![n]!));
  if (names.length !== 1) throw new Error(`expected one ${type}, found ${names.length}`);
  return `${type}.${names[0]}`;
}

/** Where each role lives in a synthesized stack. */
export function addresses(json: Json): Record<Role, string> {
  const cloudControl = (typeName: string) => cloudControlAddress(json, typeName);
  const generationOf = (address: string) => generationTrigger(json, bodyOf(json, address));
  const bot = cloudControl('AWS::Lex::Bot');
  const version = cloudControl('AWS::Lex::BotVersion');
  return {
    bot, botGeneration: generationOf(bot), version, versionGeneration: generationOf(version), alias: cloudControl('AWS::Lex::BotAlias'),
    association: cloudControl('AWS::Connect::IntegrationAssociation'),
    permission: addressOf(json, 'aws_lambda_permission', (r) => r.principal === 'lexv2.amazonaws.com'),
    module: addressOf(json, 'aws_connect_contact_flow_module', () => true),
    flow: addressOf(json, 'aws_connect_contact_flow', () => true), instance: addressOf(json, 'aws_connect_instance', () => true),
  };
}

export function bodyOf(json: Json, address: string): Body {
  const [type, name] = address.split('.');
  const body = json.resource[type!]?.[name!];
  if (!body) throw new Error(`no ${address}`);
  return body;
}

// What each referenced attribute holds after an apply.
export const BOT_ID = 'BOTID12345';
/** The bot's generation id after the apply: terraform_data ids are UUIDs (hashicorp/terraform internal/builtin/providers/terraform/resource_data.go). */
export const BOT_GENERATION_ID = '0b5c1e6e-7d2a-4c1b-9a8e-3f2d1c0b9a87';
export const INSTANCE_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const MODULE_ID = 'module-1';

function appliedValues(json: Json, env: Pick<EnvironmentConfig, 'region' | 'account'>): Record<string, string> {
  const at = addresses(json);
  const instanceArn = `arn:aws:connect:${env.region}:${env.account}:instance/${INSTANCE_ID}`;
  const encrypt = addressOf(json, 'aws_lambda_function', (r) => r.function_name.endsWith('-encrypt'));
  const role = addressOf(json, 'aws_iam_role', (r) => r.name.endsWith('-lex-bot'));
  return {
    [`${at.bot}.id`]: BOT_ID, [`${at.version}.id`]: `${BOT_ID}|1`,
    [`${at.botGeneration}.id`]: BOT_GENERATION_ID, [`${at.versionGeneration}.id`]: '5f0c2a9e-1b3d-4e6f-8a7b-9c0d1e2f3a4b', [`${at.alias}.id`]: `ALIASID123|${BOT_ID}`,
    [`${at.association}.id`]: `${instanceArn}|LEX_BOT|arn`, [`${at.instance}.arn`]: instanceArn, [`${at.instance}.id`]: INSTANCE_ID,
    [`${at.module}.contact_flow_module_id`]: MODULE_ID, [`${at.module}.arn`]: `${instanceArn}/flow-module/${MODULE_ID}`,
    [`${encrypt}.arn`]: `arn:aws:lambda:${env.region}:${env.account}:function:${bodyOf(json, encrypt).function_name}`,
    [`${encrypt}.function_name`]: bodyOf(json, encrypt).function_name, [`${role}.name`]: bodyOf(json, role).name,
  };
}

/** A reference's value, or undefined to leave the reference as it is. */
export type Resolve = (ref: string) => string | undefined;

/** Evaluates the expression forms the stack uses (`${a.b.c}`, `${local.x}` that splits a compound id); anything else throws. */
export function evaluate(text: string, locals: Record<string, string>, resolve: Resolve): string {
  return text.replace(/\$\{([^}]*)\}/g, (whole, expr: string) => {
    const local = /^local\.([\w-]+)$/.exec(expr);
    if (local) {
      if (!(local[1]! in locals)) throw new Error(`no local ${local[1]}`);
      const value = evaluate(locals[local[1]!]!, locals, resolve);
      return value.includes('${') ? whole : value;
    }
    const part = /^element\(split\("\|", ([\w.-]+)\), (\d+)\)$/.exec(expr);
    if (!part && !/^[\w-]+\.[\w-]+\.\w+$/.test(expr)) throw new Error(`unexpected expression ${expr}`);
    const value = resolve(part ? part[1]! : expr);
    if (value === undefined) return whole;
    return part ? value.split('|')[Number(part[2])]! : value;
  });
}

/** `evaluate` on every string inside a value. */
export const deepEvaluate = (v: unknown, locals: Record<string, string>, resolve: Resolve): any =>
  JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'string' ? evaluate(x, locals, resolve) : x)));

const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
const BUILTIN = 'provider["terraform.io/builtin/terraform"]';
export const stateWith = (address: string, attributes: Body, dependencies: string[]) => {
  const [type, name] = address.split('.');
  const sensitive = type === 'aws_cloudcontrolapi_resource' ? [[{ type: 'get_attr', value: 'schema' }]] : [];
  return {
    mode: 'managed', type, name, provider: type === 'terraform_data' ? BUILTIN : PROVIDER,
    instances: [{ schema_version: 0, attributes, sensitive_attributes: sensitive, ...(dependencies.length ? { dependencies } : {}) }],
  };
};

/**
 * What Terraform records in state as each object's dependencies (every resource it depends on, directly
 * or not): references, depends_on and replace_triggered_by, within the fixture. Terraform orders the
 * deletion of replaced (deposed) objects after the updates of their dependents from these records.
 */
function recordedDependencies(json: Json, at: readonly string[]): Record<string, string[]> {
  const locals = json.locals ?? {};
  const direct = (address: string): string[] => {
    const { '//': _, ...body } = bodyOf(json, address);
    let text = JSON.stringify(body);
    for (const [name, expr] of Object.entries(locals)) text = text.replaceAll(`local.${name}}`, `${expr} local.${name}}`);
    return at.filter((other) => other !== address && new RegExp(`(?<![\\w-])${other.replace('.', '\\.')}(?![\\w-])`).test(text));
  };
  const all = (address: string, seen = new Set<string>()): Set<string> => {
    for (const d of direct(address)) if (!seen.has(d)) { seen.add(d); all(d, seen); }
    return seen;
  };
  return Object.fromEntries(at.map((a) => [a, [...all(a)].sort()]));
}

export interface FixtureConfig {
  resource: Record<string, Record<string, Body>>;
  locals: Record<string, string>;
  moved: { from: string; to: string }[];
}

/** The fixture's config from a synthesized stack: its resources, with references outside it filled in, and its moved blocks. */
export function fixtureConfig(json: Json, env: Pick<EnvironmentConfig, 'region' | 'account'>): FixtureConfig {
  const at = Object.values(addresses(json));
  const applied = appliedValues(json, env);
  const inFixture = (ref: string) => at.some((a) => ref.startsWith(`${a}.`) || ref === a);
  const locals = json.locals ?? {};
  const references = (text: string) => [...text.matchAll(/([\w-]+\.[\w-]+)\.[\w]+/g)].map((m) => m[0]);
  const resource: Record<string, Record<string, Body>> = {};
  for (const address of at) {
    const [type, name] = address.split('.') as [string, string];
    const { '//': _, depends_on: dependsOn, ...body } = bodyOf(json, address);
    const kept = (dependsOn ?? []).filter(inFixture);
    const outside: Resolve = (ref) => (inFixture(ref) ? undefined : applied[ref] ?? (() => { throw new Error(`no applied value for ${ref}`); })());
    (resource[type] ??= {})[name] = { ...deepEvaluate(body, locals, outside), ...(kept.length ? { depends_on: kept } : {}) };
  }
  return {
    resource,
    locals: Object.fromEntries(Object.entries(locals).filter(([, e]) => references(e).every(inFixture))),
    moved: (json.moved ?? []).filter((m) => at.includes(m.to)),
  };
}

/** State as after an apply of a synthesized stack: every reference has its applied value. */
export function appliedState(json: Json, env: Pick<EnvironmentConfig, 'region' | 'account'>): object[] {
  const at = addresses(json);
  const applied = appliedValues(json, env);
  const dependencies = recordedDependencies(json, Object.values(at));
  const stateOf = (address: string, attributes: Body) => stateWith(address, attributes, dependencies[address]!);
  const resolve: Resolve = (ref) => {
    if (!(ref in applied)) throw new Error(`no applied value for ${ref}`);
    return applied[ref];
  };
  const asApplied = (address: string) => {
    const { '//': _, depends_on: _d, lifecycle: _l, ...body } = deepEvaluate(bodyOf(json, address), json.locals ?? {}, resolve);
    return body;
  };
  const cloudControl = (address: string) => {
    const body = asApplied(address);
    return stateOf(address, { ...body, id: applied[`${address}.id`], properties: body.desired_state, role_arn: null, type_version_id: null, timeouts: null });
  };
  const data = (address: string) => {
    const { triggers_replace: triggers } = asApplied(address);
    const value = { value: triggers, type: ['object', Object.fromEntries(Object.keys(triggers).map((k) => [k, 'string']))] };
    return stateOf(address, { id: applied[`${address}.id`], input: null, output: null, triggers_replace: value });
  };
  const permission = asApplied(at.permission);
  const statementId = `${permission.statement_id_prefix}20260101000000000000000001`;
  const instanceArn = applied[`${at.instance}.arn`]!;
  return [
    cloudControl(at.bot), data(at.botGeneration), cloudControl(at.version), data(at.versionGeneration), cloudControl(at.alias), cloudControl(at.association),
    stateOf(at.permission, { ...permission, id: statementId, statement_id: statementId, qualifier: '', event_source_token: null, function_url_auth_type: null, principal_org_id: null }),
    stateOf(at.module, {
      ...asApplied(at.module), id: `${INSTANCE_ID}:${MODULE_ID}`, contact_flow_module_id: MODULE_ID, arn: `${instanceArn}/flow-module/${MODULE_ID}`,
      tags: null, tags_all: {}, filename: null, content_hash: null,
    }),
    stateOf(at.flow, {
      ...asApplied(at.flow), id: `${INSTANCE_ID}:flow-1`, contact_flow_id: 'flow-1', arn: `${instanceArn}/contact-flow/flow-1`,
      tags: null, tags_all: {}, filename: null, content_hash: null,
    }),
    stateOf(at.instance, {
      ...asApplied(at.instance), id: INSTANCE_ID, arn: instanceArn, status: 'ACTIVE', created_time: '2026-01-01T00:00:00Z',
      service_role: `arn:aws:iam::${env.account}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_1`,
      auto_resolve_best_voices_enabled: true, contact_lens_enabled: true, early_media_enabled: true, multi_party_conference_enabled: false,
      directory_id: null, tags: null, tags_all: {},
    }),
  ];
}

/**
 * Config and state with every resource and local name suffixed, so that several scenarios plan in one
 * stack. Names are the synthesized ones (construct path plus a hash), so a whole-word replace is exact.
 */
export function suffixed<T extends object>(value: T, names: readonly string[], suffix: string): T {
  let text = JSON.stringify(value);
  for (const name of names) text = text.replace(new RegExp(`(?<![\\w-])${name.replace(/[-]/g, '\\-')}(?![\\w-])`, 'g'), `${name}_${suffix}`);
  return JSON.parse(text) as T;
}

/** The resource and local names a fixture of this stack uses (the moved blocks' old names included). */
export const fixtureNames = (json: Json): string[] =>
  [...Object.values(addresses(json)).map((a) => a.split('.')[1]!), ...Object.keys(json.locals ?? {}), ...(json.moved ?? []).map((m) => m.from.split('.')[1]!)];
