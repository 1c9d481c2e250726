import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import dev from '../environments/dev';
import { loadEnvironment } from '../environments';
import { CARD_NUMBER, MAX_RETRIES, SECURE_FIELDS } from '../functions/shared/secure-fields';
import { environments, synthEnvironment, type SynthesizedStack } from '../test/synth-helpers';
import { buildSecureInputBotDefinition } from './lex/secure-input-bot-definition';

const cloudControl = (json: SynthesizedStack, typeName: string) => {
  const found = Object.entries(json.resource.aws_cloudcontrolapi_resource ?? {}).filter(([, r]) => r.type_name === typeName);
  expect(found, typeName).toHaveLength(1);
  const [name, body] = found[0]!;
  return { address: `aws_cloudcontrolapi_resource.${name}`, body, state: JSON.parse(body.desired_state) };
};
const isReference = (v: unknown) => typeof v === 'string' && /^\$\{.+\}$/.test(v);

// Well-formed stand-ins for values Terraform only knows after apply, per property name.
const STAND_INS: Record<string, string> = {
  BotId: 'BOTID12345', BotVersion: '1', LambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:f',
  InstanceId: 'arn:aws:connect:us-east-1:111122223333:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  IntegrationArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/BOTID12345/ALIASID123',
};
const withStandIns = (v: unknown, key = ''): unknown => {
  if (typeof v === 'string' && v.includes('${')) return STAND_INS[key] ?? 'stand-in';
  if (Array.isArray(v)) return v.map((x) => withStandIns(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withStandIns(x, k)]));
  return v;
};
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
const schemaOf = (typeName: string) => {
  const schema = JSON.parse(readFileSync(path.join(__dirname, 'cloud-control-schemas', `${typeName.replaceAll('::', '_')}.json`), 'utf8'));
  return ajv.compile({ ...schema, $id: undefined });
};
const validators = Object.fromEntries(['AWS::Lex::Bot', 'AWS::Lex::BotVersion', 'AWS::Lex::BotAlias', 'AWS::Connect::IntegrationAssociation'].map((t) => [t, schemaOf(t)]));

describe.each(environments.map((env) => [env.name, env] as const))('bot in %s', (_name, env) => {
  const json = synthEnvironment(env);
  const bot = cloudControl(json, 'AWS::Lex::Bot');
  const version = cloudControl(json, 'AWS::Lex::BotVersion');
  const alias = cloudControl(json, 'AWS::Lex::BotAlias');

  it.each(Object.keys(validators))('%s matches its CloudFormation schema', (typeName) => {
    const { state } = cloudControl(json, typeName);
    const validate = validators[typeName]!;
    expect(validate(withStandIns(state)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is built from the shared definition, auto-built, not child-directed, with the configured session timeout', () => {
    expect(bot.state).toEqual(buildSecureInputBotDefinition(env, bot.state.RoleArn));
    expect(bot.state).toMatchObject({ AutoBuildBotLocales: true, DataPrivacy: { ChildDirected: false }, IdleSessionTTLInSeconds: env.lex.idleSessionTtlInSeconds });
    expect(bot.state.BotLocales.map((l: any) => l.LocaleId)).toEqual(env.lex.locales);
    expect(bot.state).not.toHaveProperty('TestBotAliasSettings.ConversationLogSettings');
  });

  it('has one intent per field, one obfuscated required slot each, exact-digit slot types, voice and DTMF, two retries', () => {
    const [locale] = bot.state.BotLocales;
    for (const spec of SECURE_FIELDS) {
      const intent = locale.Intents.find((i: any) => i.Name === spec.intent);
      expect(intent).toMatchObject({ DialogCodeHook: { Enabled: true }, FulfillmentCodeHook: { Enabled: true } });
      expect(intent.Slots).toHaveLength(1);
      const [slot] = intent.Slots;
      expect(slot).toMatchObject({ Name: spec.slot, SlotTypeName: spec.slotType, ObfuscationSetting: { ObfuscationSettingType: 'DefaultObfuscation' } });
      const prompt = slot.ValueElicitationSetting.PromptSpecification;
      expect(slot.ValueElicitationSetting.SlotConstraint).toBe('Required');
      expect(prompt.MaxRetries).toBe(MAX_RETRIES);
      expect(Object.keys(prompt.PromptAttemptsSpecification)).toEqual(['Initial', 'Retry1', 'Retry2']);
      for (const attempt of Object.values<any>(prompt.PromptAttemptsSpecification)) {
        expect(attempt.AllowedInputTypes).toEqual({ AllowAudioInput: true, AllowDTMFInput: true });
        expect(attempt.AudioAndDTMFInputSpecification.DTMFSpecification).toMatchObject({ EndCharacter: '#', MaxLength: spec.digits });
      }
      const type = locale.SlotTypes.find((t: any) => t.Name === spec.slotType);
      expect(type.ValueSelectionSetting.RegexFilter.Pattern).toBe(`[0-9]{${spec.digits}}`);
      expect(new RegExp(`^${type.ValueSelectionSetting.RegexFilter.Pattern}$`).test('4111111111111111')).toBe(spec.digits === 16);
    }
  });

  it('versions the DRAFT, replaced whenever the bot definition changes, before the alias moves', () => {
    expect(version.state.BotId).toBe(`\${jsondecode(${bot.address}.properties).Id}`);
    expect(version.state.BotVersionLocaleSpecification).toEqual(env.lex.locales.map((LocaleId) => ({ LocaleId, BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } })));
    expect(version.body.lifecycle).toEqual({ create_before_destroy: true, replace_triggered_by: [`${bot.address}.desired_state`] });
  });

  it('has the alias live on that version, with the Encrypt function as every locale\'s code hook and no logs', () => {
    const encrypt = Object.entries(json.resource.aws_lambda_function!).find(([, f]) => f.function_name.endsWith('-encrypt'))![0];
    expect(alias.state).toMatchObject({ BotAliasName: 'live', BotVersion: `\${jsondecode(${version.address}.properties).BotVersion}` });
    expect(alias.state).not.toHaveProperty('ConversationLogSettings');
    for (const setting of alias.state.BotAliasLocaleSettings) {
      expect(setting.BotAliasLocaleSetting).toEqual({
        Enabled: true,
        CodeHookSpecification: { LambdaCodeHook: { LambdaArn: `\${aws_lambda_function.${encrypt}.arn}`, CodeHookInterfaceVersion: '1.0' } },
      });
    }
  });

  it('lets Lex invoke Encrypt only from that alias in this account', () => {
    const lex = Object.values(json.resource.aws_lambda_permission!).filter((p) => p.principal === 'lexv2.amazonaws.com');
    expect(lex).toEqual([expect.objectContaining({
      action: 'lambda:InvokeFunction', source_account: env.account,
      source_arn: `\${jsondecode(${alias.address}.properties).Arn}`,
      function_name: expect.stringMatching(/^\$\{aws_lambda_function\..+\.function_name\}$/),
    })]);
  });

  it('gives Lex its own role, for this account, allowed to speak and nothing else', () => {
    const role = Object.values(json.resource.aws_iam_role!).find((r) => r.name === `${env.prefix}-${env.name}-lex-bot`)!;
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toMatchObject({ Principal: { Service: 'lexv2.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': env.account } } });
    expect(bot.state.RoleArn).toBe(`arn:aws:iam::${env.account}:role/${role.name}`);
    const policy = Object.values(json.resource.aws_iam_role_policy!).find((p) => p.name === `${role.name}-speech`)!;
    expect(JSON.parse(policy.policy).Statement.map((s: any) => s.Action)).toEqual([['polly:SynthesizeSpeech']]);
    expect(bot.body.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_iam_role\./), expect.stringMatching(/^aws_iam_role_policy\./)]));
  });

  it('has no reference left unwired where the state must be known at plan time', () => {
    expect(JSON.stringify(bot.state)).not.toMatch(/\$\{/);
    expect(isReference(alias.state.BotId)).toBe(true);
  });
});

it('a changed bot definition changes the desired state that triggers a new version', () => {
  const a = buildSecureInputBotDefinition(loadEnvironment(dev), 'arn:aws:iam::111122223333:role/r');
  const b = buildSecureInputBotDefinition(loadEnvironment({ ...dev, lex: { ...dev.lex, idleSessionTtlInSeconds: 600 } }), 'arn:aws:iam::111122223333:role/r');
  expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  expect(a.BotLocales[0]!.Intents.map((i) => i.Name)).toEqual([CARD_NUMBER.intent, 'CaptureZipCode', 'FallbackIntent']);
});

it('the schema check catches a misspelled property', () => {
  const { state } = cloudControl(synthEnvironment(environments[0]!), 'AWS::Lex::BotAlias');
  const misspelled = { ...state, BotAliasLocaleSetting: state.BotAliasLocaleSettings };
  delete misspelled.BotAliasLocaleSettings;
  expect(validators['AWS::Lex::BotAlias']!(withStandIns(misspelled))).toBe(false);
  expect(validators['AWS::Lex::BotAlias']!.errors?.map((e) => e.params)).toContainEqual({ additionalProperty: 'BotAliasLocaleSetting' });
});
