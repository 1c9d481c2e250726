import type { LexV2Result } from 'aws-lambda';

// Every response of the code hook. Slots are always sent back empty: the plaintext never travels
// back to Lex and Connect.

type Attributes = Record<string, string>;

const emptySlots = (slot?: string) => (slot ? { [slot]: null } : {});
const say = (content: string) => [{ contentType: 'PlainText' as const, content }];

export function closeIntent(intentName: string, state: 'Fulfilled' | 'Failed', attributes: Attributes, slot?: string, message?: string): LexV2Result {
  return {
    sessionState: {
      sessionAttributes: attributes,
      dialogAction: { type: 'Close' },
      intent: { name: intentName, state, slots: emptySlots(slot) as never },
    },
    ...(message ? { messages: say(message) } : {}),
  };
}

export function elicitAgain(intentName: string, slot: string, attributes: Attributes, message: string): LexV2Result {
  return {
    sessionState: {
      sessionAttributes: attributes,
      dialogAction: { type: 'ElicitSlot', slotToElicit: slot },
      intent: { name: intentName, state: 'InProgress', slots: emptySlots(slot) as never },
    },
    messages: say(message),
  };
}

/** Nothing captured yet: let Lex prompt with the bot's own slot prompt. */
export function delegate(intentName: string, slot: string, attributes: Attributes): LexV2Result {
  return {
    sessionState: {
      sessionAttributes: attributes,
      dialogAction: { type: 'Delegate' },
      intent: { name: intentName, state: 'InProgress', slots: emptySlots(slot) as never },
    },
  };
}
