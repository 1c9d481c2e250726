import { describe, expect, it } from 'vitest';
import { buildCaptureModule, buildSecureInputFlow, flowContent, MODULE_NAME, MODULE_SETTINGS, validateFlow } from '../flows';
import { CAPTURE_MODULE_OUTPUTS } from './constructs/capture-module';
import { environments, onlyResource, synthEnvironment } from '../test/synth-helpers';
import { expectedAliasArn } from '../test/bot-wiring';

describe.each(environments.map((env) => [env.name, env] as const))('contact center in %s', (_name, env) => {
  const json = synthEnvironment(env);
  const instanceAddress = `aws_connect_instance.${Object.keys(json.resource.aws_connect_instance!)[0]}`;
  const association = Object.entries(json.resource.aws_cloudcontrolapi_resource!).find(([, r]) => r.type_name === 'AWS::Connect::IntegrationAssociation')!;
  const aliasArn = expectedAliasArn(json, env);
  const flowAddress = `aws_connect_contact_flow.${Object.keys(json.resource.aws_connect_contact_flow!)[0]}`;
  const moduleAddress = `aws_connect_contact_flow_module.${Object.keys(json.resource.aws_connect_contact_flow_module!)[0]}`;
  const permission = () => Object.entries(json.resource.aws_lambda_permission!).find(([, p]) => p.principal === 'lexv2.amazonaws.com')![0];

  it('has an instance with Connect-managed users, inbound only, flow logs on', () => {
    expect(onlyResource(json, 'aws_connect_instance')).toMatchObject({
      instance_alias: env.connect.instanceAlias, identity_management_type: 'CONNECT_MANAGED',
      inbound_calls_enabled: true, outbound_calls_enabled: false, contact_flow_logs_enabled: true,
    });
  });

  // Connect creates /aws/connect/<alias> with no retention unless it exists (admin guide, "Enable flow logs",
  // https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-logs.html): Terraform makes it first.
  it('makes the flow-log group Connect would otherwise make, with the configured retention, before the instance', () => {
    const groups = Object.entries(json.resource.aws_cloudwatch_log_group!).filter(([, g]) => g.name === `/aws/connect/${env.connect.instanceAlias}`);
    expect(groups).toHaveLength(1);
    expect(groups[0]![1].retention_in_days).toBe(env.logRetentionInDays);
    expect(onlyResource(json, 'aws_connect_instance').depends_on).toEqual([`aws_cloudwatch_log_group.${groups[0]![0]}`]);
  });

  it('associates the Lex V2 alias with the instance ARN through Cloud Control', () => {
    expect(JSON.parse(association[1].desired_state)).toEqual({ InstanceId: `\${${instanceAddress}.arn}`, IntegrationType: 'LEX_BOT', IntegrationArn: aliasArn });
    // All its properties are create-only: a new instance or a new alias replaces it, the new association
    // first (see bot-and-contact-center-plans.test.ts).
    const aliasAddress = Object.entries(json.resource.aws_cloudcontrolapi_resource!).find(([, r]) => r.type_name === 'AWS::Lex::BotAlias')![0];
    expect(association[1].lifecycle).toEqual({
      create_before_destroy: true, replace_triggered_by: [`${instanceAddress}.arn`, `aws_cloudcontrolapi_resource.${aliasAddress}.id`],
    });
    expect(json.resource.aws_connect_bot_association).toBeUndefined();
  });

  it('deploys the capture module built from flows/, with the alias injected by reference, after the association', () => {
    const module = onlyResource(json, 'aws_connect_contact_flow_module');
    expect(module).toMatchObject({ name: MODULE_NAME, instance_id: `\${${instanceAddress}.id}` });
    expect(Object.keys(module).sort()).toEqual(['content', 'depends_on', 'description', 'instance_id', 'lifecycle', 'name']);
    expect(module.content).toBe(flowContent(buildCaptureModule({ botAliasArn: aliasArn, locales: env.lex.locales })));
    // The association and Lex's right to invoke the code hook exist before the module calls the alias; a
    // new instance replaces the module (its update would still address the old instance).
    expect(module.depends_on).toEqual([`aws_cloudcontrolapi_resource.${association[0]}`, `aws_lambda_permission.${permission()}`]);
    expect(module.lifecycle).toEqual({ replace_triggered_by: [`${instanceAddress}.arn`] });
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
    expect(flow).toMatchObject({ name: 'Secure_Lex_Input', type: 'CONTACT_FLOW', instance_id: `\${${instanceAddress}.id}` });
    expect(flow.content).toBe(flowContent(buildSecureInputFlow({ captureModuleId: `\${${moduleAddress}.contact_flow_module_id}`, failureTransferQueueArn: env.connect.failureTransferQueueArn })));
    // The reference to the module orders it after the module; it calls no alias itself.
    expect(flow.depends_on).toBeUndefined();
    expect(flow.lifecycle).toEqual({ replace_triggered_by: [`${instanceAddress}.arn`] });
    expect(flow.content).not.toMatch(/aws_cloudcontrolapi_resource|arn:aws:lex/);
    expect(validateFlow(JSON.parse(flow.content))).toEqual([]);
    // JSON already as synthesized: every interpolation sits inside a string and holds no quote.
    expect(JSON.parse(flow.content).Version).toBeDefined();
  });

  it('claims the configured number, guarded where configured, and points it at the flow\'s contact_flow_id', () => {
    const number = onlyResource(json, 'aws_connect_phone_number');
    expect(number).toMatchObject({ target_arn: `\${${instanceAddress}.arn}`, country_code: env.phoneNumber.countryCode, type: env.phoneNumber.type });
    expect(number.lifecycle?.prevent_destroy ?? false).toBe(env.protectFromDestroy);
    expect(onlyResource(json, 'aws_connect_instance').lifecycle?.prevent_destroy ?? false).toBe(env.protectFromDestroy);
    const link = onlyResource(json, 'aws_connect_phone_number_contact_flow_association');
    expect(link.contact_flow_id).toBe(`\${${flowAddress}.contact_flow_id}`);
    expect(link.phone_number_id).toMatch(/^\$\{aws_connect_phone_number\..+\.id\}$/);
  });

  it('holds no literal ARN or id where a reference belongs', () => {
    const text = JSON.stringify(json.resource);
    // Lex ARNs appear only as the alias ARN built around the bot's and the alias's referenced ids, and as the
    // bot ARN (around the bot's referenced id) the utterance deleter may act on.
    const lexArns = text.match(/arn:aws:lex:[^"\\]*/g) ?? [];
    expect(lexArns.length).toBeGreaterThan(0);
    const referenced = [`arn:aws:lex:${env.region}:${env.account}:bot-alias/\${`, `arn:aws:lex:${env.region}:${env.account}:bot/\${`];
    expect(lexArns.filter((arn) => !referenced.some((prefix) => arn.startsWith(prefix)))).toEqual([]);
    expect(text).not.toMatch(/arn:aws:connect:[^"\\]*instance\/[0-9a-f-]{36}/);
  });
});
