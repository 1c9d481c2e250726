// The bot and the flow agree on how each bot block starts its field (docs/dialog.md): the flow's
// InitialMessage is the one and only sample utterance of that field's intent, in every locale.
import { describe, expect, it } from 'vitest';
import { loadAllEnvironments } from '../../environments';
import { buildSecureInputFlow } from '../../flows';
import { SECURE_FIELDS } from '../../contract/secure-fields';
import { buildSecureInputBotDefinition } from './secure-input-bot-definition';

describe.each(loadAllEnvironments().map((env) => [env.name, env] as const))('%s', (_name, env) => {
  const bot = buildSecureInputBotDefinition(env, 'arn:aws:iam::111122223333:role/lex');
  const starts = buildSecureInputFlow({ botAliasArn: 'arn' }).Actions
    .filter((a) => a.Type === 'ConnectParticipantWithLexBot')
    .map((a) => (a.Parameters.LexInitilizationData as { InitialMessage: string }).InitialMessage);

  it.each(bot.BotLocales.map((l) => [l.LocaleId, l] as const))('%s: each start message is exactly one intent\'s only utterance; no utterance holds a slot', (_id, locale) => {
    const utterances = locale.Intents.map((i) => ({ intent: i.Name, all: (i.SampleUtterances ?? []).map((u) => u.Utterance) }));
    expect(starts).toEqual(SECURE_FIELDS.map((s) => s.startUtterance));
    for (const [i, spec] of SECURE_FIELDS.entries()) {
      expect(utterances.filter((u) => u.all.includes(starts[i]!)).map((u) => u.intent)).toEqual([spec.intent]);
      expect(utterances.find((u) => u.intent === spec.intent)!.all).toEqual([starts[i]]);
    }
    expect(utterances.flatMap((u) => u.all).filter((u) => u.includes('{'))).toEqual([]);
    expect(locale.Intents.find((i) => i.Name === 'FallbackIntent')!.FulfillmentCodeHook).toEqual({ Enabled: true });
  });
});
