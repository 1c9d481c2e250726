// Connect contact ids are UUIDs: the one rule the code hook applies to the contact the flow names
// (functions/encrypt/lex-event.ts), and Decrypt and the operator's CLI to a request (validContactId,
// decrypt-request.ts). Kept apart from both so that neither function bundles the other's contract.
export const CONTACT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
