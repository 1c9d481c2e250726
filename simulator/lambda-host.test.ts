// The Lambda host on small zips of its own: one container per zip (module state survives invocations),
// the function's variables, JSON in and out, the timeout, and the runtime's log line for a thrown error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { deterministicZip } from '../bundler/deterministic-zip';
import { startContainer, unzip } from './lambda-host';

const HANDLER = `
let calls = 0;
exports.handler = async (event, context) => {
  calls++;
  if (event.mode === 'throw') throw new Error('bad card ' + event.digits);
  if (event.mode === 'hang') return new Promise(() => {});
  console.log(JSON.stringify({ message: 'hello', calls }));
  return { calls, colour: process.env.COLOUR, region: process.env.AWS_REGION, isCopy: event.marker !== marker, left: context.getRemainingTimeInMillis() > 0 };
};
const marker = {};`;

function zipOf(source: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'host-test-')), 'fn.zip');
  writeFileSync(file, deterministicZip({ 'index.js': Buffer.from(source) }));
  return file;
}

const fn = (timeoutSeconds = 1) => ({ name: 'f', zipPath: zipOf(HANDLER), handler: 'index.handler', timeoutSeconds, memorySize: 128, variables: {} });

it('unzips what deterministicZip writes', () => {
  expect(unzip(deterministicZip({ 'a.js': Buffer.from('x'), 'b/c.txt': Buffer.from('yz') }))).toEqual({ 'a.js': Buffer.from('x'), 'b/c.txt': Buffer.from('yz') });
});

it('keeps one container warm: module state survives, variables are set, logs are kept per invocation', async () => {
  const c = startContainer(fn(), { COLOUR: 'blue' }, { AWS_REGION: 'eu-west-1' });
  try {
    expect(await c.invoke({})).toEqual({ ok: true, payload: { calls: 1, colour: 'blue', region: 'eu-west-1', isCopy: true, left: true }, logs: ['{"message":"hello","calls":1}'] });
    expect(await c.invoke({})).toMatchObject({ ok: true, payload: { calls: 2 } });
    expect(c.invocations).toBe(2);
  } finally {
    c.dispose();
  }
});

it('logs a thrown error as the runtime does, message included: the leak check must see it', async () => {
  const c = startContainer(fn(), {}, { AWS_REGION: 'eu-west-1' });
  try {
    const r = await c.invoke({ mode: 'throw', digits: '4111111111111111' });
    expect(r).toMatchObject({ ok: false, error: 'Unhandled' });
    expect(JSON.parse(r.logs.at(-1)!)).toMatchObject({ level: 'ERROR', errorType: 'Error', errorMessage: 'bad card 4111111111111111' });
  } finally {
    c.dispose();
  }
});

it('stops waiting at the function timeout', async () => {
  const c = startContainer(fn(0.2), {}, { AWS_REGION: 'eu-west-1' });
  try {
    const r = await c.invoke({ mode: 'hang' });
    expect(r).toMatchObject({ ok: false, error: 'TimedOut', logs: [expect.stringMatching(/Task timed out after 0\.20 seconds$/)] });
  } finally {
    c.dispose();
  }
});
