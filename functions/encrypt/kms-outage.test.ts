import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STATUS, STATUS_ATTRIBUTE, CARD_NUMBER } from '../../contract/secure-fields';
import { captureOutput } from '../../stand-ins/capture-output';
import { startKmsStandIn, useStandIn, type KmsStandIn } from '../../stand-ins/kms-stand-in';
import { lexEvent } from '../../stand-ins/lex-events';

// The code hook must answer Lex even when KMS does not: a failed close, never a hang or a throw.
// The bound below is the function's own timeout (10 s, see the functions construct), not a speed test.
const FUNCTION_TIMEOUT_MS = 10_000;
const CARD = '4111111111111111';

async function freshHandler() {
  vi.resetModules();
  return (await import('./handler')).handler;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let kms: KmsStandIn;
beforeAll(async () => {
  kms = await startKmsStandIn();
});
afterAll(() => kms.close());

describe('when KMS is out of reach', () => {
  it.each(['unreachable', 'stalled'] as const)('%s: closes with an error status inside the function timeout', async (outage) => {
    if (outage === 'unreachable') useStandIn({ url: `http://127.0.0.1:${await closedPort()}`, keyArn: kms.keyArn }, 'dev');
    else {
      useStandIn(kms, 'dev');
      kms.mode = 'stall';
    }
    const handler = await freshHandler();
    const output = captureOutput();
    const started = Date.now();
    const response = await handler(lexEvent(CARD_NUMBER, { value: CARD })).finally(() => output.restore());
    expect(Date.now() - started).toBeLessThan(FUNCTION_TIMEOUT_MS);
    expect(response.sessionState.intent?.state).toBe('Failed');
    expect(response.sessionState.sessionAttributes).toMatchObject({ [STATUS_ATTRIBUTE]: STATUS.error });
    expect(response.sessionState.sessionAttributes).not.toHaveProperty(CARD_NUMBER.sessionAttribute);
    expect(output.text()).toContain('encrypt-failed');
    expect(output.text()).not.toContain(CARD);
  }, 20_000);
});
