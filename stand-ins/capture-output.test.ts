import { expect, it } from 'vitest';
import { createLogger } from '../functions/shared/logger';
import { captureOutput, secretsIn } from './capture-output';

// The log scans of the handler tests are only as good as this capture: every way out must land in it.
it('captures the global console, both streams and a Powertools Logger line', () => {
  const output = captureOutput();
  try {
    console.warn('via console %s', 'warn');
    console.log({ via: 'console.log' });
    process.stdout.write('via stdout\n');
    process.stderr.write(Buffer.from('via stderr\n'));
    createLogger('capture-probe').info('via powertools', { outcome: 'probe' });
  } finally {
    output.restore();
  }
  const text = output.text();
  for (const line of ['via console warn', "via: 'console.log'", 'via stdout', 'via stderr']) expect(text).toContain(line);
  const powertools = text.split('\n').find((l) => l.includes('via powertools'));
  expect(JSON.parse(powertools!)).toMatchObject({ level: 'INFO', service: 'capture-probe', message: 'via powertools', outcome: 'probe' });
});

it('gives the console and the streams back on restore', () => {
  const before = [console.warn, process.stdout.write];
  captureOutput().restore();
  expect([console.warn, process.stdout.write]).toEqual(before);
});

it('takes the separators out of fed values and keeps runs of four or more digits, as written and as ASCII', () => {
  expect(secretsIn(['4111 1111-1111 1111', 'zip 021', 42, 'ab 90210']).sort()).toEqual(['4111 1111-1111 1111', '4111111111111111', '90210']);
  expect(secretsIn(['card 5491.8937/7333_7426 x']).sort()).toEqual(['5491', '5491.8937/7333_7426', '5491893773337426', '7333', '7426', '8937']);
  expect(secretsIn(['\u0665\u0664\u0669\u0661 \u0668\u0669'])).toEqual(['549189', '\u0665\u0664\u0669\u0661 \u0668\u0669']);
});
