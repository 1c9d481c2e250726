// The operator's request: `{"Details":{"Parameters":{"encrypted":"<base64>"}}}` (as a Connect flow
// would send it) or `{"encrypted":"<base64>"}`, optionally with the field the caller expects.
export interface DecryptRequest {
  encrypted: unknown;
  field?: unknown;
}

const get = (v: unknown, key: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined);

export function readDecryptRequest(event: unknown): DecryptRequest {
  const parameters = get(get(event, 'Details'), 'Parameters');
  const source = parameters !== undefined ? parameters : event;
  return { encrypted: get(source, 'encrypted'), field: get(source, 'field') };
}
