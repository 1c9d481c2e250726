import { afterAll, beforeAll, expect, it } from 'vitest';
import { captureOutput, secretsIn } from '../test-support/capture-output';
import { HOSTILE_LEX_EVENTS } from '../test-support/hostile-lex-events';
import { startKmsStandIn, useStandIn, type KmsStandIn } from '../test-support/kms-stand-in';
import { lexResponseProblems } from '../test-support/lex-events';
import { handler } from './handler';

let kms: KmsStandIn;
beforeAll(async () => {
  kms = await startKmsStandIn();
  useStandIn(kms, 'dev');
});
afterAll(() => kms.close());

it('the corpus holds at least 50 events', () => {
  expect(HOSTILE_LEX_EVENTS.length).toBeGreaterThanOrEqual(50);
});

it.each(HOSTILE_LEX_EVENTS)('%s: a valid Lex V2 response, no throw, no digits in the logs', async (_name, event) => {
  const output = captureOutput();
  const response = await handler(event).finally(() => output.restore());
  expect(lexResponseProblems(response)).toEqual([]);
  expect(({} as any).polluted).toBeUndefined();
  const fed = JSON.stringify(event ?? null).match(/[0-9\u0660-\u0669\uff10-\uff19\u0966-\u096f]{4,}/g) ?? [];
  for (const secret of secretsIn(fed)) expect(output.text()).not.toContain(secret);
  for (const slot of Object.values(response.sessionState.intent?.slots ?? {})) expect(slot).toBeNull();
});
