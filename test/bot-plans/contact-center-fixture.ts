// Fixtures for real offline plans of the contact center in its instance modes: a synthesized stack's
// instance (or the terraform_data holding an existing instance's id), flow-log group, bot association,
// capture module, flow and claimed number, as config (references to the bot filled in with applied values) and as state
// written as after an apply. The number -> flow association is left out: AWS provider 5.100.0, which the
// offline check plans with, does not know aws_connect_phone_number_contact_flow_association.
import type { EnvironmentConfig } from '../../environments';
import type { SynthesizedStack } from '../synth-helpers';
import { cloudControlAddress } from '../bot-wiring';
import { BOT_ID, bodyOf, deepEvaluate, INSTANCE_ID, stateWith, type Resolve } from './bot-plan-fixture';

type Body = Record<string, any>;
type Json = SynthesizedStack & { locals?: Record<string, string> };
type Place = Pick<EnvironmentConfig, 'region' | 'account'>;

export const NUMBER_ID = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e';
const FLOW_ID = 'f1f1f1f1-0000-4000-8000-000000000001';
const MODULE_ID = 'f1f1f1f1-0000-4000-8000-00000000000d';

/** The contact center's resources in a synthesized stack, by type. */
export function contactCenterAddresses(json: Json): string[] {
  const named = (type: string, match: (name: string, body: Body) => boolean) =>
    Object.entries(json.resource[type] ?? {}).filter(([name, body]) => match(name, body)).map(([name]) => `${type}.${name}`);
  return [
    cloudControlAddress(json, 'AWS::Connect::IntegrationAssociation'),
    ...named('aws_connect_contact_flow', () => true),
    ...named('aws_connect_contact_flow_module', () => true),
    ...named('aws_connect_instance', () => true),
    ...named('aws_connect_phone_number', () => true),
    ...named('aws_cloudwatch_log_group', (_n, b) => String(b.name).startsWith('/aws/connect/')),
    ...named('terraform_data', (n) => n.startsWith('contact-center_')),
  ];
}

/** What the bot's referenced attributes hold after an apply, and what the contact center's own do. */
function appliedValues(json: Json, env: Place, at: string[]): Record<string, string> {
  const instanceArn = `arn:aws:connect:${env.region}:${env.account}:instance/${INSTANCE_ID}`;
  const values: Record<string, string> = {
    [`${cloudControlAddress(json, 'AWS::Lex::Bot')}.id`]: BOT_ID,
    [`${cloudControlAddress(json, 'AWS::Lex::BotAlias')}.id`]: `ALIASID123|${BOT_ID}`,
  };
  for (const address of at) {
    if (address.startsWith('aws_connect_instance.')) Object.assign(values, { [`${address}.id`]: INSTANCE_ID, [`${address}.arn`]: instanceArn });
    if (address.startsWith('aws_connect_contact_flow_module.')) Object.assign(values, { [`${address}.contact_flow_module_id`]: MODULE_ID, [`${address}.arn`]: `${instanceArn}/flow-module/${MODULE_ID}` });
    if (address.startsWith('aws_connect_phone_number.')) Object.assign(values, { [`${address}.id`]: NUMBER_ID, [`${address}.arn`]: `arn:aws:connect:${env.region}:${env.account}:phone-number/${NUMBER_ID}` });
  }
  return values;
}

const inside = (at: string[]) => (ref: string) => at.some((a) => ref === a || ref.startsWith(`${a}.`));

/** The config of the fixture: the contact center's resources, references outside it filled in, triggers and dependencies on them dropped. */
export function contactCenterConfig(json: Json, env: Place): Record<string, Record<string, Body>> {
  const at = contactCenterAddresses(json);
  const applied = appliedValues(json, env, at);
  const resolve: Resolve = (ref) => (inside(at)(ref) ? undefined : applied[ref] ?? (() => { throw new Error(`no applied value for ${ref}`); })());
  const resource: Record<string, Record<string, Body>> = {};
  for (const address of at) {
    const [type, name] = address.split('.') as [string, string];
    const { '//': _, depends_on: dependsOn, lifecycle, ...body } = bodyOf(json, address);
    const kept = (dependsOn ?? []).filter(inside(at));
    const triggers = (lifecycle?.replace_triggered_by ?? []).filter(inside(at));
    const keptLifecycle = { ...lifecycle, ...(lifecycle?.replace_triggered_by ? { replace_triggered_by: triggers } : {}) };
    (resource[type] ??= {})[name] = {
      ...deepEvaluate(body, json.locals ?? {}, resolve), ...(kept.length ? { depends_on: kept } : {}), ...(lifecycle ? { lifecycle: keptLifecycle } : {}),
    };
  }
  return resource;
}

/** State as after an apply of the synthesized stack (every reference with its applied value). */
export function contactCenterState(json: Json, env: Place): object[] {
  const at = contactCenterAddresses(json);
  const applied = appliedValues(json, env, at);
  const resolve: Resolve = (ref) => applied[ref] ?? (() => { throw new Error(`no applied value for ${ref}`); })();
  const asApplied = (address: string): Body => {
    const { '//': _, depends_on: _d, lifecycle: _l, ...body } = bodyOf(json, address);
    return deepEvaluate(body, json.locals ?? {}, resolve);
  };
  const instanceArn = `arn:aws:connect:${env.region}:${env.account}:instance/${INSTANCE_ID}`;
  return at.map((address) => {
    const body = asApplied(address);
    const [type] = address.split('.');
    switch (type) {
      case 'aws_cloudcontrolapi_resource':
        return stateWith(address, { ...body, id: `${instanceArn}|LEX_BOT|arn`, properties: body.desired_state, role_arn: null, type_version_id: null, timeouts: null }, []);
      case 'aws_connect_contact_flow':
        return stateWith(address, { ...body, id: `${INSTANCE_ID}:${FLOW_ID}`, contact_flow_id: FLOW_ID, arn: `${instanceArn}/contact-flow/${FLOW_ID}`, tags: null, tags_all: {}, filename: null, content_hash: null }, []);
      case 'aws_connect_contact_flow_module':
        return stateWith(address, { ...body, id: `${INSTANCE_ID}:${MODULE_ID}`, contact_flow_module_id: MODULE_ID, arn: `${instanceArn}/flow-module/${MODULE_ID}`, tags: null, tags_all: {}, filename: null, content_hash: null }, []);
      case 'aws_connect_instance':
        return stateWith(address, {
          ...body, id: INSTANCE_ID, arn: instanceArn, status: 'ACTIVE', created_time: '2026-01-01T00:00:00Z',
          service_role: `arn:aws:iam::${env.account}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_1`,
          auto_resolve_best_voices_enabled: true, contact_lens_enabled: true, early_media_enabled: true, multi_party_conference_enabled: false,
          directory_id: null, tags: null, tags_all: {},
        }, []);
      case 'aws_connect_phone_number':
        return stateWith(address, { ...body, id: NUMBER_ID, arn: applied[`${address}.arn`], phone_number: '+15555550100', tags: null, tags_all: {} }, []);
      case 'aws_cloudwatch_log_group':
        return stateWith(address, { ...body, id: body.name, arn: `arn:aws:logs:${env.region}:${env.account}:log-group:${body.name}`, skip_destroy: false, tags: null, tags_all: {} }, []);
      default: {
        const value = { value: body.input, type: ['object', Object.fromEntries(Object.keys(body.input).map((k) => [k, 'string']))] };
        return stateWith(address, { id: `${address}-id`, input: value, output: value, triggers_replace: null }, []);
      }
    }
  });
}
