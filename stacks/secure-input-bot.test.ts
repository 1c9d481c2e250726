import Ajv from 'ajv';
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { loadEnvironment, type EnvironmentConfig } from '../environments';
import dev from '../environments/dev';
import { environments, synthEnvironment, type SynthesizedStack } from '../test/synth-helpers';
import { CONNECT_INTEGRATION_ASSOCIATION } from './connect/connect-cfn-types';
import { LEX_BOT, LEX_BOT_ALIAS, LEX_BOT_VERSION } from './lex/lex-cfn-types';
import { buildSecureInputBotDefinition } from './lex/secure-input-bot-definition';
import { botNameStem } from './lex/bot-names';
import { expectedAliasArn, generationTrigger, identifierPart } from '../test/bot-wiring';
import { SecureInputStack } from './secure-input-stack';

const cloudControl = (json: SynthesizedStack, typeName: string) => {
  const found = Object.entries(json.resource.aws_cloudcontrolapi_resource ?? {}).filter(([, r]) => r.type_name === typeName);
  expect(found, typeName).toHaveLength(1);
  const [name, body] = found[0]!;
  return { address: `aws_cloudcontrolapi_resource.${name}`, body, state: JSON.parse(body.desired_state) };
};
const addressOf = (json: SynthesizedStack, type: string, match: (r: Record<string, any>) => boolean) =>
  `${type}.${Object.entries(json.resource[type]!).find(([, r]) => match(r))![0]}`;

// Well-formed stand-ins for what Terraform knows only after apply: a whole-value reference by property
// name, a generation id (a UUID, terraform_data's id) by a UUID, any other interpolation inside a longer
// string (an ARN built from ids) by an id-like token.
const GENERATION_ID = '0b5c1e6e-7d2a-4c1b-9a8e-3f2d1c0b9a87';
const STAND_INS: Record<string, string> = {
  BotId: 'BOTID12345', BotVersion: '1', LambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:f',
  InstanceId: 'arn:aws:connect:us-east-1:111122223333:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
};
const withStandIns = (v: unknown, key = ''): unknown => {
  if (typeof v === 'string' && /^\$\{[^}]*\}$/.test(v)) return STAND_INS[key] ?? 'stand-in';
  if (typeof v === 'string') return v.replace(/\$\{terraform_data\.[^}]+\.id\}/g, GENERATION_ID).replace(/\$\{[^}]*\}/g, 'A1B2C3D4E5');
  if (Array.isArray(v)) return v.map((x) => withStandIns(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withStandIns(x, k)]));
  return v;
};
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
const validators = Object.fromEntries([LEX_BOT, LEX_BOT_VERSION, LEX_BOT_ALIAS, CONNECT_INTEGRATION_ASSOCIATION]
  .map((t) => [t.typeName, ajv.compile({ ...t.schema, $id: undefined })]));

describe.each(environments.map((env) => [env.name, env] as const))('bot in %s', (_name, env) => {
  const json = synthEnvironment(env);
  const bot = cloudControl(json, 'AWS::Lex::Bot');
  const version = cloudControl(json, 'AWS::Lex::BotVersion');
  const alias = cloudControl(json, 'AWS::Lex::BotAlias');
  const role = addressOf(json, 'aws_iam_role', (r) => r.name === `${env.prefix}-${env.name}-lex-bot`);
  const aliasArn = expectedAliasArn(json, env);

  // The plan validates a desired state only where it is known: the bot's is not while its generation is
  // replaced (its name holds the new generation's id), nor are the others' (they refer to the bot's id).
  it.each(Object.keys(validators))('%s matches its CloudFormation schema, references replaced by well-formed stand-ins', (typeName) => {
    const { state, body } = cloudControl(json, typeName);
    const validate = validators[typeName]!;
    expect(validate(withStandIns(state)), JSON.stringify(validate.errors)).toBe(true);
    expect(JSON.parse(body.schema)).toMatchObject({ typeName, primaryIdentifier: expect.any(Array) });
  });

  it('is built from the shared definition, auto-built, not child-directed, with the configured session timeout', () => {
    const definition = buildSecureInputBotDefinition(env, bot.state.RoleArn);
    // The name ends in its generation's id: a replacement bot never shares its name.
    const generation = generationTrigger(json, bot.body);
    expect(bot.state).toEqual({ ...definition, Name: `${definition.Name}-\${${generation}.id}` });
    expect(withStandIns(bot.state.Name)).toBe(`${botNameStem(env)}-${GENERATION_ID}`);
    expect(bot.state).toMatchObject({ AutoBuildBotLocales: true, DataPrivacy: { ChildDirected: false }, IdleSessionTTLInSeconds: env.lex.idleSessionTtlInSeconds });
    expect(bot.state.BotLocales.map((l: any) => l.LocaleId)).toEqual(env.lex.locales);
    expect(bot.state).not.toHaveProperty('TestBotAliasSettings');
  });

  // The intents, slots and keypad settings of the definition: stacks/lex/secure-input-bot-definition.test.ts.

  it('versions the DRAFT, replaced whenever the bot\'s desired state changes or the bot is replaced, new version first', () => {
    expect(version.state.BotId).toBe(`\${${bot.address}.id}`);
    expect(version.state.BotVersionLocaleSpecification).toEqual(env.lex.locales.map((LocaleId) => ({ LocaleId, BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } })));
    expect(version.body.lifecycle).toEqual({
      create_before_destroy: true,
      replace_triggered_by: [generationTrigger(json, version.body), `${bot.address}.id`],
    });
  });

  it('replaces the bot, new one first, when anything in its desired state changes; a new bot replaces the alias and the permission, new first', () => {
    expect(bot.body.lifecycle).toEqual({ create_before_destroy: true, replace_triggered_by: [generationTrigger(json, bot.body)] });
    // The generation watches every property, the name's stem included; only its own id is left out.
    const generation = json.resource.terraform_data![generationTrigger(json, bot.body).split('.')[1]!]!;
    const stem = { ...bot.state, Name: buildSecureInputBotDefinition(env, bot.state.RoleArn).Name };
    expect(generation.triggers_replace).toEqual(Object.fromEntries(Object.entries(stem).map(([k, v]) => [k, JSON.stringify(v)])));
    expect(alias.body.lifecycle).toEqual({ create_before_destroy: true, replace_triggered_by: [`${bot.address}.id`] });
    const permission = Object.values(json.resource.aws_lambda_permission!).find((p) => p.principal === 'lexv2.amazonaws.com')!;
    expect(permission).toMatchObject({ statement_id_prefix: 'LexAliasInvokesEncrypt', lifecycle: { create_before_destroy: true } });
    expect(permission).not.toHaveProperty('statement_id');
  });

  it('has the alias live on that version, with the Encrypt function as every locale\'s code hook and no logs', () => {
    const encrypt = addressOf(json, 'aws_lambda_function', (f) => f.function_name.endsWith('-encrypt'));
    expect(alias.state).toMatchObject({ BotId: `\${${bot.address}.id}`, BotAliasName: 'live', BotVersion: identifierPart(json, version.address, 1) });
    expect(alias.state).not.toHaveProperty('ConversationLogSettings');
    expect(alias.state.BotAliasLocaleSettings.map((s: any) => s.LocaleId)).toEqual(env.lex.locales);
    for (const setting of alias.state.BotAliasLocaleSettings) {
      expect(setting.BotAliasLocaleSetting).toEqual({
        Enabled: true,
        CodeHookSpecification: { LambdaCodeHook: { LambdaArn: `\${${encrypt}.arn}`, CodeHookInterfaceVersion: '1.0' } },
      });
    }
  });

  it('lets Lex invoke Encrypt only from that alias in this account', () => {
    const lex = Object.values(json.resource.aws_lambda_permission!).filter((p) => p.principal === 'lexv2.amazonaws.com');
    expect(lex).toEqual([expect.objectContaining({
      action: 'lambda:InvokeFunction', source_account: env.account, source_arn: aliasArn,
      function_name: expect.stringMatching(/^\$\{aws_lambda_function\..+\.function_name\}$/),
    })]);
  });

  it('gives Lex its own role, for this account, allowed to speak and nothing else', () => {
    const body = json.resource.aws_iam_role![role.split('.')[1]!]!;
    expect(JSON.parse(body.assume_role_policy).Statement).toEqual([expect.objectContaining({
      Effect: 'Allow', Principal: { Service: 'lexv2.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': env.account } },
    })]);
    expect(bot.state.RoleArn).toBe(`arn:aws:iam::${env.account}:role/\${${role}.name}`);
    const policy = Object.values(json.resource.aws_iam_role_policy!).find((p) => p.role === `\${${role}.id}`)!;
    expect(JSON.parse(policy.policy).Statement.map((s: any) => s.Action)).toEqual([['polly:SynthesizeSpeech']]);
    expect(bot.body.depends_on).toEqual([expect.stringMatching(/^aws_iam_role_policy\./)]);
  });

  it('refers in the bot only to the role\'s name and its generation\'s id', () => {
    // The role's name is configured, hence known before the role exists (its ARN would not be); the
    // generation's id is known at plan unless the generation is being replaced. So a plan with no bot
    // change validates the bot against the schema; a plan that replaces it cannot, and this file does.
    expect(bot.body.desired_state.match(/\$\{[^}]*\}/g).sort()).toEqual([`\${${role}.name}`, `\${${generationTrigger(json, bot.body)}.id}`]);
  });
});

it('a changed bot definition changes the bot\'s generation (which replaces the bot, and so the version) and nothing in the version', () => {
  const synth = (env: EnvironmentConfig) => JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), env))) as SynthesizedStack;
  const before = synth(loadEnvironment(dev));
  const after = synth(loadEnvironment({ ...dev, lex: { ...dev.lex, idleSessionTtlInSeconds: dev.lex.idleSessionTtlInSeconds + 60 } }));
  const [botBefore, botAfter] = [before, after].map((j) => cloudControl(j, 'AWS::Lex::Bot'));
  const [versionBefore, versionAfter] = [before, after].map((j) => cloudControl(j, 'AWS::Lex::BotVersion'));
  const generationOf = (j: SynthesizedStack, b: { body: Record<string, any> }) => j.resource.terraform_data![generationTrigger(j, b.body).split('.')[1]!]!.triggers_replace;
  const [triggersBefore, triggersAfter] = [generationOf(before, botBefore!), generationOf(after, botAfter!)];
  expect(Object.keys(triggersAfter).filter((k) => triggersAfter[k] !== triggersBefore[k])).toEqual(['IdleSessionTTLInSeconds']);
  expect(versionAfter!.body).toEqual(versionBefore!.body);
  expect(versionAfter!.body.lifecycle.replace_triggered_by).toContain(`${botAfter!.address}.id`);
});

it('the schema check catches a misspelled property', () => {
  const { state } = cloudControl(synthEnvironment(environments[0]!), 'AWS::Lex::BotAlias');
  const misspelled = { ...state, BotAliasLocaleSetting: state.BotAliasLocaleSettings };
  delete misspelled.BotAliasLocaleSettings;
  expect(validators['AWS::Lex::BotAlias']!(withStandIns(misspelled))).toBe(false);
  expect(validators['AWS::Lex::BotAlias']!.errors?.map((e) => e.params)).toContainEqual({ additionalProperty: 'BotAliasLocaleSetting' });
});
