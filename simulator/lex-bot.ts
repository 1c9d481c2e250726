// The parts of a bot locale the Lex V2 runtime model reads: intents with their sample utterances, slots,
// slot types' regular expressions, prompts and per-attempt input settings, code hook switches. The
// classifier is a deterministic stand-in for Lex's NLU: an utterance matches a sample utterance when
// the literal words match (case and spacing aside) and each `{slot}` span satisfies its slot type.
import type { LexBotDesiredState, LexBotLocale, LexIntent, LexSlot, PromptAttempt } from '../stacks/lex/lex-cfn-types';
import { DEFAULT_INPUT, type InputSettings } from './input';

export const FALLBACK_SIGNATURE = 'AMAZON.FallbackIntent';

export interface Classification {
  intent: string;
  /** Slot name -> the span as heard, for the slots the utterance filled. */
  slots: Record<string, string>;
  confidence: number;
}

const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class BotLocaleModel {
  readonly intents: LexIntent[];
  readonly fallback?: LexIntent;
  private readonly matchers: { intent: string; regex: RegExp; slots: string[]; full: boolean }[] = [];

  constructor(readonly bot: LexBotDesiredState, readonly locale: LexBotLocale) {
    this.intents = locale.Intents;
    this.fallback = locale.Intents.find((i) => i.ParentIntentSignature === FALLBACK_SIGNATURE);
    for (const intent of this.intents) {
      if (intent === this.fallback) continue;
      for (const { Utterance } of intent.SampleUtterances ?? []) {
        const parts = Utterance.replace(/\s+/g, ' ').trim().split(/(\{[A-Za-z0-9_]+\})/).filter((p) => p !== '');
        const slots = parts.filter((p) => p.startsWith('{')).map((p) => p.slice(1, -1));
        const body = (withSlots: boolean) => parts
          .map((p) => (p.startsWith('{') ? (withSlots ? '(.+?)' : '') : escape(p.trim())))
          .filter((p) => p !== '').join('\\s*');
        this.matchers.push({ intent: intent.Name, regex: new RegExp(`^${body(true)}$`, 'i'), slots, full: true });
        // The same utterance with its slots left out: Lex starts the intent and elicits them.
        if (slots.length > 0 && body(false) !== '') this.matchers.push({ intent: intent.Name, regex: new RegExp(`^${body(false)}$`, 'i'), slots: [], full: false });
      }
    }
  }

  intent(name: string): LexIntent | undefined {
    return this.intents.find((i) => i.Name === name);
  }

  slot(intentName: string, slotName: string): LexSlot | undefined {
    return this.intent(intentName)?.Slots?.find((s) => s.Name === slotName);
  }

  /** The slot type's value for a span, or undefined when the span does not satisfy it. */
  resolveSlot(intentName: string, slotName: string, span: string): { originalValue: string; interpretedValue: string } | undefined {
    const slot = this.slot(intentName, slotName);
    const type = this.locale.SlotTypes.find((t) => t.Name === slot?.SlotTypeName);
    if (!slot || !type) return undefined;
    // Spoken digit groups ("4111 1111 ...") are one alphanumeric value; the regex sees it without spaces.
    const interpretedValue = span.replace(/\s+/g, '');
    const pattern = type.ValueSelectionSetting.RegexFilter?.Pattern;
    if (pattern !== undefined && !new RegExp(`^(?:${pattern})$`).test(interpretedValue)) return undefined;
    return interpretedValue === '' ? undefined : { originalValue: span.trim(), interpretedValue };
  }

  /**
   * Every intent the utterance matches, best first: all slots filled before slots left out, then the
   * bot's own order; FallbackIntent when nothing matches.
   */
  classify(utterance: string): Classification[] {
    const text = normalize(utterance);
    const found: Classification[] = [];
    for (const m of this.matchers) {
      const hit = m.regex.exec(text);
      if (!hit) continue;
      const slots: Record<string, string> = {};
      let ok = true;
      m.slots.forEach((name, i) => {
        const value = this.resolveSlot(m.intent, name, hit[i + 1]!);
        if (value) slots[name] = hit[i + 1]!;
        else ok = false;
      });
      if (!ok || found.some((f) => f.intent === m.intent && Object.keys(f.slots).length >= Object.keys(slots).length)) continue;
      found.push({ intent: m.intent, slots, confidence: m.full ? 1 : 0.6 });
    }
    found.sort((a, b) => b.confidence - a.confidence);
    const confident = found.filter((f) => f.confidence >= this.locale.NluConfidenceThreshold);
    return this.fallback ? [...confident, { intent: this.fallback.Name, slots: {}, confidence: 0 }] : confident;
  }

  /** The first required slot still empty, in SlotPriorities order. */
  nextRequiredSlot(intentName: string, filled: Record<string, unknown>): string | undefined {
    const intent = this.intent(intentName);
    const byPriority = [...(intent?.SlotPriorities ?? [])].sort((a, b) => a.Priority - b.Priority).map((p) => p.SlotName);
    return byPriority.find((name) => {
      const slot = this.slot(intentName, name);
      return slot?.ValueElicitationSetting.SlotConstraint === 'Required' && (filled[name] === null || filled[name] === undefined);
    });
  }

  maxRetries(intentName: string, slotName: string): number {
    return this.slot(intentName, slotName)?.ValueElicitationSetting.PromptSpecification.MaxRetries ?? 0;
  }

  /** The slot's prompt text (the first message group's plain text). */
  slotPrompt(intentName: string, slotName: string): string | undefined {
    return this.slot(intentName, slotName)?.ValueElicitationSetting.PromptSpecification.MessageGroupsList[0]?.Message.PlainTextMessage.Value;
  }

  /** Input settings of one prompt attempt of a slot (0 = Initial, n = Retry n); Lex's defaults where unset. */
  attemptSettings(intentName: string, slotName: string, attempt: number): InputSettings {
    const prompt = this.slot(intentName, slotName)?.ValueElicitationSetting.PromptSpecification;
    const spec: PromptAttempt | undefined = prompt?.PromptAttemptsSpecification?.[attempt === 0 ? 'Initial' : `Retry${attempt}`];
    const allowInterrupt = spec?.AllowInterrupt ?? prompt?.AllowInterrupt ?? DEFAULT_INPUT.allowInterrupt;
    if (!spec) return { ...DEFAULT_INPUT, allowInterrupt };
    const io = spec.AudioAndDTMFInputSpecification;
    const dtmf = io?.DTMFSpecification;
    return {
      allowAudio: spec.AllowedInputTypes.AllowAudioInput,
      allowDtmf: spec.AllowedInputTypes.AllowDTMFInput,
      startTimeoutMs: io?.StartTimeoutMs ?? DEFAULT_INPUT.startTimeoutMs,
      allowInterrupt,
      dtmf: dtmf
        ? { endCharacter: dtmf.EndCharacter, deletionCharacter: dtmf.DeletionCharacter, maxLength: dtmf.MaxLength, endTimeoutMs: dtmf.EndTimeoutMs }
        : DEFAULT_INPUT.dtmf,
    };
  }

  hooks(intentName: string): { dialog: boolean; fulfillment: boolean } {
    const intent = this.intent(intentName);
    return { dialog: intent?.DialogCodeHook?.Enabled === true, fulfillment: intent?.FulfillmentCodeHook?.Enabled === true };
  }
}
