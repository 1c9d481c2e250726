// Reads an Encryption SDK message's framing before anything is decrypted, so that the message is refused
// unless it is exactly one message of this project, for this contact, field and key:
// - The SDK's decrypt stops at the end of the final frame and silently ignores bytes after it (for suites
//   without a signature, such as ours): @aws-crypto/decrypt-node 5.0.2, src/verify_stream.ts, after
//   `isFinalFrame` "just moving on to concatenate the signature". So the length is checked here.
// - The header's encryption context and data-key provider are readable without KMS: a ciphertext moved
//   from another contact, field, environment or key is refused without a KMS call. They are only trusted
//   after decryption authenticates the header, so the handler checks the context again afterwards.
import { NodeAlgorithmSuite } from '@aws-crypto/material-management-node';
import { decodeBodyHeader, deserializeFactory, type HeaderInfo } from '@aws-crypto/serialize';
import { MAX_CIPHERTEXT_BASE64 } from '../shared/ciphertext';
import { Refusal } from './decrypt-answer';

const { deserializeMessageHeader } = deserializeFactory((bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'), NodeAlgorithmSuite);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface MessageFraming {
  context: Readonly<Record<string, string>>;
  /** The key ARNs the message's data keys name (KMS provider info). */
  keyIds: string[];
}

/**
 * The bytes of a base64 message. Shape problems are the caller's input when the operator pasted it
 * (`bad-request`), and damage when it came from the contact's attributes (`corrupt`).
 */
export function messageBytes(base64: string, shapeCode: 'bad-request' | 'corrupt'): Buffer {
  if (base64.length > MAX_CIPHERTEXT_BASE64) throw new Refusal(shapeCode, 'the ciphertext is too long', 'too-long');
  if (!BASE64.test(base64)) throw new Refusal(shapeCode, 'the ciphertext is not valid base64', 'not-base64');
  return Buffer.from(base64, 'base64');
}

/** The message's context and keys, after checking it ends exactly where its final frame ends. */
export function readFraming(bytes: Uint8Array): MessageFraming {
  let header: HeaderInfo | false;
  try {
    header = deserializeMessageHeader(bytes, { maxEncryptedDataKeys: 1 });
  } catch {
    header = false;
  }
  if (!header) throw new Refusal('corrupt', 'the ciphertext is not a readable message', 'unreadable-header');
  if (header.algorithmSuite.signatureCurve) throw new Refusal('corrupt', 'the ciphertext uses an algorithm suite this project does not write', 'foreign-suite');
  let position = header.headerLength + header.headerAuth.headerAuthLength;
  for (;;) {
    let frame: ReturnType<typeof decodeBodyHeader>;
    try {
      frame = decodeBodyHeader(bytes, header, position);
    } catch {
      frame = false;
    }
    if (!frame) throw new Refusal('corrupt', 'the ciphertext is cut short', 'truncated');
    position = frame.readPos + frame.contentLength + frame.tagLength / 8;
    if (position > bytes.length) throw new Refusal('corrupt', 'the ciphertext is cut short', 'truncated');
    if (frame.isFinalFrame) break;
  }
  if (position !== bytes.length) throw new Refusal('corrupt', 'the ciphertext has bytes after the end of its message', 'trailing-bytes');
  return {
    context: header.messageHeader.encryptionContext,
    keyIds: header.messageHeader.encryptedDataKeys.map((k) => k.providerInfo),
  };
}
