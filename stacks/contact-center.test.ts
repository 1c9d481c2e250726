import { describe, expect, it } from 'vitest';
import { connectInstanceArn, instanceTarget, phoneNumberTarget } from '../environments/connect-target';
import { buildCaptureModule, buildSecureInputFlow, flowContent, MODULE_NAME, MODULE_SETTINGS, validateFlow } from '../flows';
import { CAPTURE_MODULE_OUTPUTS } from './constructs/capture-module';
import { connectVariants, onlyResource, synthEnvironment, synthesizedEnvironments, type SynthesizedStack } from '../test/synth-helpers';
import { expectedAliasArn } from '../test/bot-wiring';

// Every environment and example as configured, and the instance and number modes none of them uses.
const cases = [...synthesizedEnvironments, ...connectVariants];

const addressOf = (json: SynthesizedStack, type: string) => `${type}.${Object.keys(json.resource[type]!)[0]}`;
const associationOf = (json: SynthesizedStack) =>
  Object.entries(json.resource.aws_cloudcontrolapi_resource!).find(([, r]) => r.type_name === 'AWS::Connect::IntegrationAssociation')!;
const aliasAddressOf = (json: SynthesizedStack) =>
  `aws_cloudcontrolapi_resource.${Object.entries(json.resource.aws_cloudcontrolapi_resource!).find(([, r]) => r.type_name === 'AWS::Lex::BotAlias')![0]}`;

describe.each(cases.map((env) => [env.name, env] as const))('contact center in %s', (_name, env) => {
  const json = synthEnvironment(env);
  const instance = instanceTarget(env);
  const association = associationOf(json);
  const aliasArn = expectedAliasArn(json, env);
  const flowAddress = addressOf(json, 'aws_connect_contact_flow');
  // Where the instance's id and ARN come from, and what replaces what lives in it when it is another one.
  const instanceId = instance.kind === 'create' ? `\${${addressOf(json, 'aws_connect_instance')}.id}` : instance.id;
  const instanceArn = instance.kind === 'create' ? `\${${addressOf(json, 'aws_connect_instance')}.arn}` : instance.arn;
  const heldIds = Object.entries(json.resource.terraform_data ?? {}).filter(([, d]) => Object.keys(d.input ?? {}).join() === 'id');
  const instanceChanged = instance.kind === 'create' ? `${addressOf(json, 'aws_connect_instance')}.arn` : `terraform_data.${heldIds[0]?.[0]}`;
  const moduleAddress = `aws_connect_contact_flow_module.${Object.keys(json.resource.aws_connect_contact_flow_module!)[0]}`;
  const permission = () => Object.entries(json.resource.aws_lambda_permission!).find(([, p]) => p.principal === 'lexv2.amazonaws.com')![0];

  if (instance.kind === 'create') {
    it('has an instance with Connect-managed users, inbound only, flow logs on', () => {
      expect(onlyResource(json, 'aws_connect_instance')).toMatchObject({
        instance_alias: instance.alias, identity_management_type: 'CONNECT_MANAGED',
        inbound_calls_enabled: true, outbound_calls_enabled: false, contact_flow_logs_enabled: true,
      });
      expect(onlyResource(json, 'aws_connect_instance').lifecycle?.prevent_destroy ?? false).toBe(env.protectFromDestroy);
    });

    // Connect creates /aws/connect/<alias> with no retention unless it exists (admin guide, "Enable flow logs",
    // https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-logs.html): Terraform makes it first.
    it('makes the flow-log group Connect would otherwise make, with the configured retention, before the instance', () => {
      const groups = Object.entries(json.resource.aws_cloudwatch_log_group!).filter(([, g]) => g.name === `/aws/connect/${instance.alias}`);
      expect(groups).toHaveLength(1);
      expect(groups[0]![1].retention_in_days).toBe(env.logRetentionInDays);
      expect(onlyResource(json, 'aws_connect_instance').depends_on).toEqual([`aws_cloudwatch_log_group.${groups[0]![0]}`]);
    });
  } else {
    it('creates, changes and guards no instance, and makes no flow-log group: the existing instance is named by id and ARN', () => {
      expect(json.resource.aws_connect_instance).toBeUndefined();
      expect(Object.values(json.resource.aws_cloudwatch_log_group!).filter((g) => String(g.name).startsWith('/aws/connect/'))).toEqual([]);
      expect(instance.arn).toBe(connectInstanceArn(env, instance.id));
      // The id, held where replace_triggered_by can see it change (stacks/constructs/contact-center.ts).
      expect(heldIds.map(([, d]) => d.input)).toEqual([{ id: instance.id }]);
    });
  }

  it('associates the Lex V2 alias with the instance ARN through Cloud Control', () => {
    expect(JSON.parse(association[1].desired_state)).toEqual({ InstanceId: instanceArn, IntegrationType: 'LEX_BOT', IntegrationArn: aliasArn });
    // All its properties are create-only: a new instance or a new alias replaces it, the new association
    // first (see bot-and-contact-center-plans.test.ts).
    expect(association[1].lifecycle).toEqual({ create_before_destroy: true, replace_triggered_by: [instanceChanged, `${aliasAddressOf(json)}.id`] });
    expect(json.resource.aws_connect_bot_association).toBeUndefined();
  });

  it('deploys the capture module built from flows/, with the alias injected by reference, after the association', () => {
    const module = onlyResource(json, 'aws_connect_contact_flow_module');
    expect(module).toMatchObject({ name: MODULE_NAME, instance_id: instanceId });
    expect(Object.keys(module).sort()).toEqual(['content', 'depends_on', 'description', 'instance_id', 'lifecycle', 'name']);
    expect(module.content).toBe(flowContent(buildCaptureModule({ botAliasArn: aliasArn, locales: env.lex.locales })));
    // The association and Lex's right to invoke the code hook exist before the module calls the alias; a
    // new instance replaces the module (its update would still address the old instance).
    expect(module.depends_on).toEqual([`aws_cloudcontrolapi_resource.${association[0]}`, `aws_lambda_permission.${permission()}`]);
    expect(module.lifecycle).toEqual({ replace_triggered_by: [instanceChanged] });
    const content = JSON.parse(module.content);
    expect(content.Settings).toEqual(MODULE_SETTINGS);
    expect(module.content).not.toMatch(/\$\.Lex\.Slots/);
    // The content as synthesized (the alias a Terraform reference) passes every rule as a module.
    expect(validateFlow(content, undefined, 'module')).toEqual([]);
  });

  it('outputs the module\'s ARN and id for a team\'s own flow', () => {
    const { output } = json as unknown as { output: Record<string, { value: string }> };
    expect(output[CAPTURE_MODULE_OUTPUTS.arn]!.value).toBe(`\${${moduleAddress}.arn}`);
    expect(output[CAPTURE_MODULE_OUTPUTS.id]!.value).toBe(`\${${moduleAddress}.contact_flow_module_id}`);
  });

  it('deploys the inbound flow built from flows/, invoking the module by its id', () => {
    const flow = onlyResource(json, 'aws_connect_contact_flow');
    expect(flow).toMatchObject({ name: 'Secure_Lex_Input', type: 'CONTACT_FLOW', instance_id: instanceId });
    expect(flow.content).toBe(flowContent(buildSecureInputFlow({ captureModuleId: `\${${moduleAddress}.contact_flow_module_id}`, failureTransferQueueArn: env.connect.failureTransferQueueArn })));
    // The reference to the module orders it after the module; it calls no alias itself.
    expect(flow.depends_on).toBeUndefined();
    expect(flow.lifecycle).toEqual({ replace_triggered_by: [instanceChanged] });
    expect(flow.content).not.toMatch(/aws_cloudcontrolapi_resource|arn:aws:lex/);
    expect(validateFlow(JSON.parse(flow.content))).toEqual([]);
    // JSON already as synthesized: every interpolation sits inside a string and holds no quote.
    expect(JSON.parse(flow.content).Version).toBeDefined();
  });

  const number = phoneNumberTarget(env);
  const link = () => onlyResource(json, 'aws_connect_phone_number_contact_flow_association');
  if (number.kind === 'claim') {
    it('claims the configured number on the instance, guarded where configured, and points it at the flow\'s contact_flow_id', () => {
      expect(onlyResource(json, 'aws_connect_phone_number')).toMatchObject({ target_arn: instanceArn, country_code: number.countryCode, type: number.type });
      expect(onlyResource(json, 'aws_connect_phone_number').lifecycle?.prevent_destroy ?? false).toBe(env.protectFromDestroy);
      expect(link()).toMatchObject({ instance_id: instanceId, contact_flow_id: `\${${flowAddress}.contact_flow_id}` });
      expect(link().phone_number_id).toMatch(/^\$\{aws_connect_phone_number\..+\.id\}$/);
    });
  } else if (number.kind === 'existing') {
    it('claims no number and points the existing one, by its id, at the flow: deleting the stack removes only that association', () => {
      expect(json.resource.aws_connect_phone_number).toBeUndefined();
      expect(link()).toEqual(expect.objectContaining({ instance_id: instanceId, phone_number_id: number.id, contact_flow_id: `\${${flowAddress}.contact_flow_id}` }));
      expect(link().lifecycle).toBeUndefined();
    });
  } else {
    it('claims no number and routes none: only the team\'s own flows reach the capture', () => {
      expect(json.resource.aws_connect_phone_number).toBeUndefined();
      expect(json.resource.aws_connect_phone_number_contact_flow_association).toBeUndefined();
    });
  }

  it('holds no literal ARN or id where a reference belongs', () => {
    const text = JSON.stringify(json.resource);
    // Lex ARNs appear only as the alias ARN built around the bot's and the alias's referenced ids, and as the
    // bot ARN (around the bot's referenced id) the utterance deleter may act on.
    const lexArns = text.match(/arn:aws:lex:[^"\\]*/g) ?? [];
    expect(lexArns.length).toBeGreaterThan(0);
    const referenced = [`arn:aws:lex:${env.region}:${env.account}:bot-alias/\${`, `arn:aws:lex:${env.region}:${env.account}:bot/\${`];
    expect(lexArns.filter((arn) => !referenced.some((prefix) => arn.startsWith(prefix)))).toEqual([]);
    // The only literal instance ARN is an existing instance's own (and its queue's); a created one is always a reference.
    const literalInstances = new Set((text.match(/arn:aws:connect:[^"\\]*instance\/[0-9a-f-]{36}/g) ?? []));
    expect([...literalInstances]).toEqual(instance.kind === 'existing' ? [instance.arn] : []);
  });
});

it('covers every instance and number mode', () => {
  const modes = new Set(cases.map((env) => `${instanceTarget(env).kind}/${phoneNumberTarget(env).kind}`));
  expect(modes).toEqual(new Set(['create/claim', 'create/none', 'existing/none', 'existing/claim', 'existing/existing']));
});
