// A KMS stand-in on 127.0.0.1 for tests and benchmarks: the real @aws-sdk/client-kms talks HTTP to it
// (point AWS_ENDPOINT_URL_KMS at `url`). It speaks the KMS JSON protocol for GenerateDataKey and Decrypt,
// seals data keys with AES-256-GCM bound to the key id and the encryption context (so a changed context
// or key really fails), counts calls, and can be told to throttle, deny or stall.
//
//   const kms = await startKmsStandIn();            // kms.keyArn, kms.foreignKeyArn, kms.url
//   kms.mode = 'throttle'; kms.calls.GenerateDataKey; await kms.close();
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { RUNTIME_ENV } from '../contract/runtime-env';
import { listenOnLoopback } from './loopback';

export type StandInMode = 'ok' | 'throttle' | 'deny' | 'stall';

export interface KmsStandIn {
  url: string;
  keyArn: string;
  /** A second key in the same account, for foreign-key tests. */
  foreignKeyArn: string;
  mode: StandInMode;
  /** How long 'stall' holds a request before answering. */
  stallMs: number;
  /** Context entries every call must carry, as a key policy condition would demand. */
  requiredContext: Record<string, string>;
  /**
   * The only context keys a call may carry, as `ForAllValues:StringEquals` on kms:EncryptionContextKeys
   * demands (a call with no context passes); undefined: no such condition.
   */
  allowedContextKeys?: readonly string[];
  calls: { GenerateDataKey: number; Decrypt: number };
  /** Every encryption context the stand-in was called with, in order. */
  contexts: Record<string, string>[];
  close(): Promise<void>;
}

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

class KmsError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

const aad = (keyArn: string, context: Record<string, string> = {}) =>
  Buffer.from(JSON.stringify([keyArn, Object.entries(context).sort(([a], [b]) => (a < b ? -1 : 1))]));

export async function startKmsStandIn(): Promise<KmsStandIn> {
  const keys = new Map<string, Buffer>();
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
  const foreignKeyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-8888-7777-6666-555555555555`;
  keys.set(keyArn, randomBytes(32));
  keys.set(foreignKeyArn, randomBytes(32));
  const arnOf = (keyId: unknown) => {
    const id = String(keyId ?? '');
    const arn = keys.has(id) ? id : [...keys.keys()].find((k) => k.endsWith(`/${id}`));
    if (!arn) throw new KmsError('NotFoundException', 'key not found');
    return arn;
  };

  const state: KmsStandIn = {
    url: '', keyArn, foreignKeyArn, mode: 'ok', stallMs: 10_000, requiredContext: {},
    calls: { GenerateDataKey: 0, Decrypt: 0 }, contexts: [], close: async () => {},
  };

  const checkContext = (context: Record<string, string> = {}) => {
    for (const [k, v] of Object.entries(state.requiredContext)) {
      if (context[k] !== v) throw new KmsError('AccessDeniedException', 'the key policy does not allow this encryption context');
    }
    const allowed = state.allowedContextKeys;
    if (allowed && Object.keys(context).some((k) => !allowed.includes(k))) {
      throw new KmsError('AccessDeniedException', 'the key policy does not allow these encryption context keys');
    }
  };

  const operations: Record<string, (body: any) => object> = {
    GenerateDataKey(body) {
      const arn = arnOf(body.KeyId);
      checkContext(body.EncryptionContext);
      const bytes = body.NumberOfBytes ?? (body.KeySpec === 'AES_128' ? 16 : 32);
      const plaintext = randomBytes(bytes);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.get(arn)!, iv).setAAD(aad(arn, body.EncryptionContext));
      const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const blob = Buffer.concat([Buffer.from(arn.padEnd(100)), iv, cipher.getAuthTag(), sealed]);
      return { KeyId: arn, Plaintext: plaintext.toString('base64'), CiphertextBlob: blob.toString('base64') };
    },
    Decrypt(body) {
      const blob = Buffer.from(String(body.CiphertextBlob ?? ''), 'base64');
      const arn = blob.subarray(0, 100).toString().trim();
      if (!keys.has(arn) || blob.length < 100 + 12 + 16) throw new KmsError('InvalidCiphertextException', 'invalid ciphertext');
      if (body.KeyId !== undefined && arnOf(body.KeyId) !== arn) throw new KmsError('IncorrectKeyException', 'wrong key');
      checkContext(body.EncryptionContext);
      try {
        const decipher = createDecipheriv('aes-256-gcm', keys.get(arn)!, blob.subarray(100, 112))
          .setAAD(aad(arn, body.EncryptionContext)).setAuthTag(blob.subarray(112, 128));
        const plaintext = Buffer.concat([decipher.update(blob.subarray(128)), decipher.final()]);
        return { KeyId: arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
      } catch {
        throw new KmsError('InvalidCiphertextException', 'invalid ciphertext');
      }
    },
  };

  const reply = (res: ServerResponse, status: number, body: object, type?: string) => {
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': randomBytes(8).toString('hex'),
      ...(type ? { 'x-amzn-errortype': type } : {}),
    });
    res.end(JSON.stringify(type ? { __type: type, message: (body as { message: string }).message } : body));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace('TrentService.', '');
      const handle = operations[operation];
      if (!handle) return reply(res, 400, { message: `unsupported ${operation}` }, 'UnsupportedOperationException');
      state.calls[operation as keyof KmsStandIn['calls']]++;
      const answer = () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
          state.contexts.push({ ...(body.EncryptionContext ?? {}) });
          if (state.mode === 'throttle') throw new KmsError('ThrottlingException', 'rate exceeded');
          if (state.mode === 'deny') throw new KmsError('AccessDeniedException', 'not authorized');
          reply(res, 200, handle(body));
        } catch (err) {
          const type = err instanceof KmsError ? err.type : 'KMSInternalException';
          reply(res, type === 'KMSInternalException' ? 500 : 400, { message: (err as Error).message }, type);
        }
      };
      if (state.mode === 'stall') setTimeout(answer, state.stallMs).unref();
      else answer();
    });
  });
  Object.assign(state, await listenOnLoopback(server));
  return state;
}

/** Points the real SDK at a stand-in, with dummy credentials: call before the handler creates its client. */
export function useStandIn(kms: Pick<KmsStandIn, 'url' | 'keyArn'>, environment: string): void {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_KMS: kms.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: REGION,
    [RUNTIME_ENV.keyArn]: kms.keyArn,
    [RUNTIME_ENV.environment]: environment,
  });
}
