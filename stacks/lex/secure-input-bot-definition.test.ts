// The bot and the flow agree on how a field is captured (docs/dialog.md): one capture intent whose only
// sample utterance is its bare slot, a slot type that takes every digit string a caller can key, the
// keypad and audio envelope of the fields on the slot, FallbackIntent served by the code hook; and
// the flow's blocks prompt in each bot locale's own language.
import { describe, expect, it } from 'vitest';
import { loadAllEnvironments, loadEnvironment, type EnvironmentConfig } from '../../environments';
import dev from '../../environments/dev';
import { buildCaptureModule } from '../../flows';
import { fieldPrompt, PROMPT_LOCALES } from '../../contract/prompts';
import { CAPTURE, CARD_NUMBER, FALLBACK_INTENT, SECURE_FIELDS } from '../../contract/secure-fields';
import { buildSecureInputBotDefinition, envelopeInput } from './secure-input-bot-definition';
import { slotPrompt } from './locale-texts';

const ROLE = 'arn:aws:iam::111122223333:role/lex';

describe.each(loadAllEnvironments().map((env) => [env.name, env] as const))('%s', (_name, env) => {
  const bot = buildSecureInputBotDefinition(env, ROLE);

  it.each(bot.BotLocales.map((l) => [l.LocaleId, l] as const))('%s: one capture intent started by its bare slot, and FallbackIntent', (_id, locale) => {
    expect(locale.Intents.map((i) => i.Name)).toEqual([CAPTURE.intent, FALLBACK_INTENT]);
    const [capture, fallback] = locale.Intents as [any, any];
    expect(capture.SampleUtterances).toEqual([{ Utterance: `{${CAPTURE.slot}}` }]);
    expect(capture).toMatchObject({ DialogCodeHook: { Enabled: true }, FulfillmentCodeHook: { Enabled: true }, SlotPriorities: [{ Priority: 1, SlotName: CAPTURE.slot }] });
    expect(fallback).toEqual({ Name: FALLBACK_INTENT, Description: expect.any(String), ParentIntentSignature: 'AMAZON.FallbackIntent', FulfillmentCodeHook: { Enabled: true } });
    expect(capture.Slots).toHaveLength(1);
    const [slot] = capture.Slots;
    expect(slot).toMatchObject({ Name: CAPTURE.slot, SlotTypeName: CAPTURE.slotType, ObfuscationSetting: { ObfuscationSettingType: 'DefaultObfuscation' }, ValueElicitationSetting: { SlotConstraint: 'Required' } });
  });

  it.each(bot.BotLocales.map((l) => [l.LocaleId, l] as const))('%s: the slot type takes 1 to 17 digits and nothing else, leading zeros kept', (_id, locale) => {
    expect(locale.SlotTypes).toHaveLength(1);
    const [type] = locale.SlotTypes;
    expect(type).toMatchObject({ Name: CAPTURE.slotType, ParentSlotTypeSignature: 'AMAZON.AlphaNumeric', ValueSelectionSetting: { ResolutionStrategy: 'ORIGINAL_VALUE' } });
    const pattern = new RegExp(`^(?:${type!.ValueSelectionSetting.RegexFilter.Pattern})$`);
    // Lex V2 regex filters admit bounded repeats only; the pattern is well inside the 300 characters allowed.
    expect(type!.ValueSelectionSetting.RegexFilter.Pattern).toMatch(/^[^+*]{1,300}$/);
    const accepted = ['0', '02134', '0213', '4111111111111111', '41111111111111110'];
    const refused = ['', '411111111111111100', '0213a', 'four', '02 134'];
    expect(accepted.map((v) => pattern.test(v))).toEqual(accepted.map(() => true));
    expect(refused.map((v) => pattern.test(v))).toEqual(refused.map(() => false));
    expect(CAPTURE.maxDigits).toBe(Math.max(...SECURE_FIELDS.map((s) => s.digits)) + 1);
  });

  it.each(bot.BotLocales.map((l) => [l.LocaleId, l] as const))('%s: one attempt, retries left to the code hook, with the envelope of the fields\' keypad and audio settings', (_id, locale) => {
    const prompt = (locale.Intents[0] as any).Slots[0].ValueElicitationSetting.PromptSpecification;
    // A refused value goes to FallbackIntent at once; the code hook counts MAX_RETRIES re-asks itself.
    expect(prompt.MaxRetries).toBe(0);
    expect(Object.keys(prompt.PromptAttemptsSpecification)).toEqual(['Initial']);
    expect(prompt.PromptAttemptsSpecification.Initial).toEqual({
      AllowedInputTypes: { AllowAudioInput: true, AllowDTMFInput: true },
      AllowInterrupt: true,
      AudioAndDTMFInputSpecification: {
        StartTimeoutMs: 8000,
        DTMFSpecification: { DeletionCharacter: '*', EndCharacter: '#', EndTimeoutMs: 5000, MaxLength: 17 },
        AudioSpecification: { EndTimeoutMs: 2000, MaxLengthMs: 15_000 },
      },
    });
    expect(prompt.MessageGroupsList).toEqual([{ Message: { PlainTextMessage: { Value: slotPrompt(locale.LocaleId as never) } } }]);
  });

  it('the capture module asks for each field in each of the bot\'s locales, on the capture intent', () => {
    const flow = buildCaptureModule({ botAliasArn: 'arn', locales: env.lex.locales });
    const blocks = flow.Actions.filter((a) => a.Type === 'ConnectParticipantWithLexBot');
    expect(blocks.map((b) => b.Parameters.Text)).toEqual(env.lex.locales.flatMap((l) => SECURE_FIELDS.map((s) => fieldPrompt(l, s))));
    for (const b of blocks) expect(b.Transitions.Conditions!.map((c) => c.Condition.Operands)).toEqual([[CAPTURE.intent]]);
  });
});

it('the envelope waits at least as long, and keys at least as many digits, as any field', () => {
  const envelope = envelopeInput();
  for (const spec of SECURE_FIELDS) {
    for (const key of ['dtmfMaxLength', 'dtmfEndTimeoutMs', 'startTimeoutMs', 'audioEndTimeoutMs', 'audioMaxLengthMs'] as const) expect(envelope[key]).toBeGreaterThanOrEqual(spec.input[key]);
    for (const key of ['dtmfEndCharacter', 'dtmfDeletionCharacter', 'allowInterrupt'] as const) expect(envelope[key]).toBe(spec.input[key]);
    // "#" after a full-length value ends that same input; the Connect guide's 15 s ceiling on speech.
    expect(spec.input.dtmfMaxLength).toBe(spec.digits + 1);
    expect(spec.input.audioMaxLengthMs).toBeLessThanOrEqual(15_000);
  }
});

describe('bot locales', () => {
  const withLocales = (locales: EnvironmentConfig['lex']['locales']) => buildSecureInputBotDefinition(loadEnvironment({ ...dev, lex: { ...dev.lex, locales } }), ROLE);

  it('speaks and understands each configured locale\'s own language, and the flow prompts in it', () => {
    const bot = withLocales(['en_US', 'es_US', 'de_DE']);
    const prompts = bot.BotLocales.map((l) => l.Intents[0]!.Slots![0]!.ValueElicitationSetting.PromptSpecification.MessageGroupsList[0]!.Message.PlainTextMessage.Value);
    expect(new Set(prompts).size).toBe(3);
    expect(new Set(bot.BotLocales.map((l) => l.VoiceSettings?.VoiceId)).size).toBe(3);
    expect(new Set((['en_US', 'es_US', 'de_DE'] as const).map((l) => fieldPrompt(l, CARD_NUMBER))).size).toBe(3);
  });

  it('has a prompt for every locale the environment schema admits', () => {
    const all = [...PROMPT_LOCALES];
    const bot = withLocales(all);
    expect(bot.BotLocales.map((l) => l.LocaleId)).toEqual(all);
    for (const locale of all) for (const spec of SECURE_FIELDS) expect(fieldPrompt(locale, spec)).toMatch(new RegExp(String(spec.digits)));
  });
});
