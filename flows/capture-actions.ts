// The capture: per field, flow logging off, the bot block, then the checks before the ciphertext is
// stored. A reusable piece: the capture module (capture-module.ts) places it after its own start; where
// each outcome goes next is the caller's choice (`ends`).
import { blockSessionAttributes, CIPHERTEXT_PREFIX, FLOW_CONTACT_ID } from '../contract/capture-session';
import { fieldPrompt, languageCode, type PromptLocale } from '../contract/prompts';
import { CAPTURE, SECURE_FIELDS, STATUS, STATUS_ATTRIBUTE, type SecureFieldSpec } from '../contract/secure-fields';
import { compare, CURRENT_CONTACT, type FlowAction } from './flow-language';

/** Where the capture goes once it is over; each target is an action of the caller's. */
export interface CaptureEnds {
  /** Every field stored. */
  captured: string;
  /** A field's retries were spent on wrong answers, or the bot ended on another intent, or a check failed. */
  failed: string;
  /** A field's retries were spent and the last attempt was silence (the code hook's `no-input`). */
  noInput: string;
  /** The bot block took its error branch with no status that says why: Lex, the code hook or Connect failed, or silence ended the block (undocumented). */
  error: string;
}

export interface CaptureOptions {
  /** The Lex V2 bot alias; at synth a Terraform reference, treated as opaque text. */
  botAliasArn: string;
  /** The bot locale whose language the prompts speak; the contact's language must already match it. */
  locale: PromptLocale;
  ends: CaptureEnds;
}

const suffix = (locale: PromptLocale) => languageCode(locale);
const fieldId = (kind: string, spec: SecureFieldSpec, locale: PromptLocale) => `${kind}-${spec.field}-${suffix(locale)}`;

/** The first action of the capture in `locale`. */
export const captureEntry = (locale: PromptLocale): string => fieldId('logging-off-before', SECURE_FIELDS[0]!, locale);

function captureField(spec: SecureFieldSpec, options: CaptureOptions, next: string): FlowAction[] {
  const { locale, ends } = options;
  const id = (kind: string) => fieldId(kind, spec, locale);
  const status = `$.Lex.SessionAttributes.${STATUS_ATTRIBUTE}`;
  const ciphertext = `$.Lex.SessionAttributes.${spec.sessionAttribute}`;
  return [
    { Identifier: id('logging-off-before'), Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Disabled' }, Transitions: { NextAction: id('capture') } },
    {
      Identifier: id('capture'),
      Type: 'ConnectParticipantWithLexBot',
      // The block asks for the field itself; the caller's first answer is classified by the bot's
      // bare-slot utterance. LexInitializationData is chat only, and LexTimeoutSeconds (and with it
      // InputTimeLimitExceeded) is the chat timer: on voice Lex's own start timeout applies (docs/dialog.md).
      Parameters: {
        Text: fieldPrompt(locale, spec),
        LexV2Bot: { AliasArn: options.botAliasArn },
        LexSessionAttributes: blockSessionAttributes(spec, FLOW_CONTACT_ID),
      },
      Transitions: {
        NextAction: id('check-after-error'),
        Conditions: [{ NextAction: id('check-status'), Condition: { Operator: 'Equals', Operands: [CAPTURE.intent] } }],
        Errors: [
          { ErrorType: 'NoMatchingCondition', NextAction: ends.failed },
          { ErrorType: 'NoMatchingError', NextAction: id('check-after-error') },
        ],
      },
    },
    // An intent that is not fulfilled takes the Error branch (Get customer input, "Flow block branches"):
    // the status tells spent retries and silence from a failure, where Lex still reports it.
    compare(id('check-after-error'), status, [[STATUS.noInput, ends.noInput], [STATUS.invalid, ends.failed]], ends.error),
    compare(id('check-status'), status, [[STATUS.captured, id('check-ciphertext')]], ends.failed),
    // Empty, reset or anything but an Encryption SDK message of this project's suite: nothing is stored.
    compare(id('check-ciphertext'), ciphertext, [[CIPHERTEXT_PREFIX, id('store')]], ends.failed, 'TextStartsWith'),
    {
      Identifier: id('store'),
      Type: 'UpdateContactAttributes',
      Parameters: { Attributes: { [spec.contactAttribute]: ciphertext }, TargetContact: CURRENT_CONTACT },
      Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: ends.failed }] },
    },
  ];
}

/**
 * Every field in capture order, in the locale's language. Only `$.Lex.SessionAttributes` is read; the
 * slots are never touched. docs/dialog.md has the contract.
 */
export function captureActions(options: CaptureOptions): FlowAction[] {
  return SECURE_FIELDS.flatMap((spec, i) => {
    const following = SECURE_FIELDS[i + 1];
    return captureField(spec, options, following ? fieldId('logging-off-before', following, options.locale) : options.ends.captured);
  });
}
