// What the smoke test drives: a Lex V2 alias through RecognizeText and the Decrypt function. The live
// target speaks to AWS (live-target.ts), the local one to the call simulator (local-target.ts); the
// checks (smoke-run.ts) are the same.

/** The parts of a RecognizeText response the smoke test reads (Lex V2 runtime API, RecognizeText). */
export interface LexAnswer {
  sessionState?: {
    sessionAttributes?: Record<string, string>;
    intent?: { name?: string; state?: string; slots?: Record<string, unknown> };
    dialogAction?: { type?: string; slotToElicit?: string };
  };
  messages?: { content?: string }[];
  requestAttributes?: Record<string, string>;
}

/** Decrypt's one-ciphertext request (docs/operators-decrypt.md). */
export interface DecryptRequest {
  contactId: string;
  reason: string;
  field: string;
  encrypted: string;
  reveal: false;
}

export interface SmokeTarget {
  /** Where the answers come from, for the report line (no secret in it). */
  readonly description: string;
  recognizeText(sessionId: string, text: string, sessionAttributes?: Record<string, string>): Promise<LexAnswer>;
  invokeDecrypt(request: DecryptRequest): Promise<unknown>;
  close(): Promise<void>;
}

/** A failure the smoke test reports in one line; never carries a value. */
export class SmokeFailure extends Error {}
