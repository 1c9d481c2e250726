// What real Terraform plans when the bot definition changes, or the Connect instance is replaced: the
// dev stack's bot and contact-center resources, planned offline (../shared/tools/tf-offline-check.mjs)
// against hand-written state in which every reference has a value, as after an apply.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canPlanOffline, plansOf, writeFixtureStacks } from '../delivery/plan-guard/real-plans';
import { environments, synthEnvironment } from '../test/synth-helpers';
import { buildSecureInputBotDefinition } from './lex/secure-input-bot-definition';

const env = environments.find((e) => e.name === 'dev')!;
const json = synthEnvironment(env);
type Body = Record<string, any>;

const addressOf = (type: string, match: (r: Body) => boolean): string => {
  const names = Object.keys(json.resource[type] ?? {}).filter((n) => match(json.resource[type]![n]!));
  expect(names, type).toHaveLength(1);
  return `${type}.${names[0]}`;
};
const cloudControl = (typeName: string) => addressOf('aws_cloudcontrolapi_resource', (r) => r.type_name === typeName);
const at = {
  bot: cloudControl('AWS::Lex::Bot'), version: cloudControl('AWS::Lex::BotVersion'), alias: cloudControl('AWS::Lex::BotAlias'),
  association: cloudControl('AWS::Connect::IntegrationAssociation'),
  permission: addressOf('aws_lambda_permission', (r) => r.principal === 'lexv2.amazonaws.com'),
  flow: addressOf('aws_connect_contact_flow', () => true), instance: addressOf('aws_connect_instance', () => true),
};
const bodyOf = (address: string): Body => {
  const [type, name] = address.split('.');
  return json.resource[type!]![name!]!;
};

// What each referenced attribute holds after an apply.
const BOT_ID = 'BOTID12345';
const INSTANCE_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const INSTANCE_ARN = `arn:aws:connect:${env.region}:${env.account}:instance/${INSTANCE_ID}`;
const encrypt = addressOf('aws_lambda_function', (r) => r.function_name.endsWith('-encrypt'));
const role = addressOf('aws_iam_role', (r) => r.name.endsWith('-lex-bot'));
const applied: Record<string, string> = {
  [`${at.bot}.id`]: BOT_ID, [`${at.version}.id`]: `${BOT_ID}|1`, [`${at.alias}.id`]: `ALIASID123|${BOT_ID}`,
  [`${at.association}.id`]: `${INSTANCE_ARN}|LEX_BOT|arn`, [`${at.instance}.arn`]: INSTANCE_ARN, [`${at.instance}.id`]: INSTANCE_ID,
  [`${encrypt}.arn`]: `arn:aws:lambda:${env.region}:${env.account}:function:${bodyOf(encrypt).function_name}`,
  [`${encrypt}.function_name`]: bodyOf(encrypt).function_name, [`${role}.name`]: bodyOf(role).name,
};
const inFixture = (ref: string) => Object.values(at).some((a) => ref.startsWith(`${a}.`));

const locals: Record<string, string> = (json as { locals?: Record<string, string> }).locals ?? {};
const references = (text: string) => [...text.matchAll(/([\w-]+\.[\w-]+)\.[\w]+/g)].map((m) => m[0]);

/** Evaluates the expression forms the stack uses; anything else fails the test, not the fixture. */
const evaluate = (text: string, only: (ref: string) => boolean = () => true): string =>
  text.replace(/\$\{([^}]*)\}/g, (whole, expr: string) => {
    const local = /^local\.([\w-]+)$/.exec(expr);
    if (local) {
      if (!(local[1]! in locals)) throw new Error(`no local ${local[1]}`);
      const value = evaluate(locals[local[1]!]!, only);
      return value.includes('${') ? whole : value;
    }
    const part = /^element\(split\("\|", ([\w.-]+)\), (\d+)\)$/.exec(expr);
    const ref = part ? part[1]! : expr;
    if (!only(ref)) return whole;
    if (!(ref in applied)) throw new Error(`no applied value for ${ref}`);
    return part ? applied[ref]!.split('|')[Number(part[2])]! : applied[ref]!;
  });
const deepEvaluate = (v: unknown, only?: (ref: string) => boolean): any => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'string' ? evaluate(x, only) : x)));

/** The fixture's config: these resources as synthesized, with references to resources outside it filled in. */
function fixtureConfig(): object {
  const resource: Record<string, Record<string, Body>> = {};
  for (const address of Object.values(at)) {
    const [type, name] = address.split('.') as [string, string];
    const { '//': _, depends_on: dependsOn, ...body } = bodyOf(address);
    const kept = (dependsOn ?? []).filter(inFixture);
    (resource[type] ??= {})[name] = { ...deepEvaluate(body, (ref) => !inFixture(ref)), ...(kept.length ? { depends_on: kept } : {}) };
  }
  // The locals that split ids off the fixture's resources.
  return { resource, locals: Object.fromEntries(Object.entries(locals).filter(([, e]) => references(e).every(inFixture))) };
}

const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
const stateOf = (address: string, attributes: Body) => {
  const [type, name] = address.split('.');
  const sensitive = type === 'aws_cloudcontrolapi_resource' ? [[{ type: 'get_attr', value: 'schema' }]] : [];
  return { mode: 'managed', type, name, provider: PROVIDER, instances: [{ schema_version: 0, attributes, sensitive_attributes: sensitive }] };
};
const applyLike = (address: string) => {
  const { '//': _, depends_on: _d, lifecycle: _l, ...body } = deepEvaluate(bodyOf(address));
  return body;
};
const cloudControlState = (address: string, desiredState = applyLike(address).desired_state) => stateOf(address, {
  ...applyLike(address), id: applied[`${address}.id`], desired_state: desiredState,
  properties: desiredState, role_arn: null, type_version_id: null, timeouts: null,
});

/** State as after an apply of the current config, with some resources as they were before a change. */
function appliedState(before: Partial<Record<keyof typeof at, Body>> = {}): object[] {
  const permission = applyLike(at.permission);
  return [
    cloudControlState(at.bot, before.bot?.desired_state), cloudControlState(at.version), cloudControlState(at.alias), cloudControlState(at.association),
    stateOf(at.permission, { ...permission, id: permission.statement_id, statement_id_prefix: '', qualifier: '', event_source_token: null, function_url_auth_type: null, principal_org_id: null }),
    stateOf(at.flow, {
      ...applyLike(at.flow), id: `${INSTANCE_ID}:flow-1`, contact_flow_id: 'flow-1', arn: `${INSTANCE_ARN}/contact-flow/flow-1`,
      tags: null, tags_all: {}, filename: null, content_hash: null,
    }),
    stateOf(at.instance, {
      ...applyLike(at.instance), ...before.instance, id: INSTANCE_ID, arn: INSTANCE_ARN, status: 'ACTIVE', created_time: '2026-01-01T00:00:00Z',
      service_role: `arn:aws:iam::${env.account}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_1`,
      auto_resolve_best_voices_enabled: true, contact_lens_enabled: true, early_media_enabled: true, multi_party_conference_enabled: false,
      directory_id: null, tags: null, tags_all: {},
    }),
  ];
}

const BOT_CHANGED = 'bot-definition-changed';
const INSTANCE_REPLACED = 'instance-replaced';

describe.skipIf(!canPlanOffline())('real plans of the bot and the contact center', () => {
  let actions: Record<string, Record<string, { actions: string[]; reason?: string }>>;

  beforeAll(() => {
    // The bot as deployed before its idle-session timeout was changed: an ordinary definition change.
    const previous = buildSecureInputBotDefinition({ ...env, lex: { ...env.lex, idleSessionTtlInSeconds: env.lex.idleSessionTtlInSeconds + 60 } },
      evaluate(JSON.parse(bodyOf(at.bot).desired_state).RoleArn));
    const out = mkdtempSync(path.join(tmpdir(), 'bot-plans-'));
    writeFixtureStacks(out, {
      [BOT_CHANGED]: { config: fixtureConfig(), state: appliedState({ bot: { desired_state: JSON.stringify(previous) } }) },
      [INSTANCE_REPLACED]: { config: fixtureConfig(), state: appliedState({ instance: { instance_alias: `${env.connect.instanceAlias}-old` } }) },
    });
    const plans = plansOf(out, [BOT_CHANGED, INSTANCE_REPLACED]);
    actions = Object.fromEntries(Object.entries(plans).map(([stack, plan]) => [stack, Object.fromEntries(
      plan.resource_changes.map((rc: any) => [rc.address, { actions: rc.change.actions, ...(rc.action_reason ? { reason: rc.action_reason } : {}) }]),
    )]));
  }, 180_000);

  it('a changed bot definition updates the bot, replaces its version (new one first) and moves the alias, nothing else', () => {
    expect(actions[BOT_CHANGED]).toEqual({
      [at.bot]: { actions: ['update'] },
      [at.version]: { actions: ['create', 'delete'], reason: 'replace_by_triggers' },
      [at.alias]: { actions: ['update'] },
      // The alias ARN is built from ids that stay known while the bot and alias update: no ripple.
      [at.association]: { actions: ['no-op'] }, [at.permission]: { actions: ['no-op'] },
      [at.flow]: { actions: ['no-op'] }, [at.instance]: { actions: ['no-op'] },
    });
  });

  it('a replaced instance replaces the association and the flow, and leaves the bot alone', () => {
    expect(actions[INSTANCE_REPLACED]).toEqual({
      [at.instance]: { actions: ['delete', 'create'], reason: 'replace_because_cannot_update' },
      [at.association]: { actions: ['delete', 'create'], reason: 'replace_by_triggers' },
      [at.flow]: { actions: ['delete', 'create'], reason: 'replace_by_triggers' },
      [at.bot]: { actions: ['no-op'] }, [at.version]: { actions: ['no-op'] }, [at.alias]: { actions: ['no-op'] }, [at.permission]: { actions: ['no-op'] },
    });
  });
});
