import type { LexV2Result } from 'aws-lambda';

// Every response of the code hook. Slots are always sent back empty: the plaintext never travels
// back to Lex and Connect. Session attributes are exactly those the caller passes: the hook never
// writes back an attribute it did not produce (docs/dialog.md).

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

/**
 * Ask for `slot` of `intentName` again, whatever intent Lex was running (FallbackIntent included), with
 * `message`: the hook always says which field it wants, since the slot's own prompt names none.
 */
export function elicitSlot(intentName: string, slot: string, attributes: Attributes, message: string): LexV2Result {
  return {
    sessionState: {
      sessionAttributes: attributes,
      dialogAction: { type: 'ElicitSlot', slotToElicit: slot },
      intent: { name: intentName, state: 'InProgress', slots: emptySlots(slot) as never },
    },
    messages: say(message),
  };
}
