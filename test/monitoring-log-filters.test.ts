import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../functions/encrypt/handler';
import { ATTEMPTS_ATTRIBUTE, CARD_NUMBER, MAX_RETRIES, STATUS, STATUS_ATTRIBUTE } from '../contract/secure-fields';
import { blockSessionAttributes } from '../contract/capture-session';
import { captureOutput } from '../stand-ins/capture-output';
import { startKmsStandIn, useStandIn, type KmsStandIn } from '../stand-ins/kms-stand-in';
import { lexEvent, type EventOptions } from '../stand-ins/lex-events';
import { environments, synthEnvironment } from './synth-helpers';
import { matchesJsonFilter } from './log-filter-pattern';

// The metric filters of the synthesized stack, run over log lines the Encrypt handler really writes
// (Powertools JSON on stdout, which Lambda ships to the log group): each filter counts exactly the lines
// it is meant to, and the lines carry no digits.
const CARD = '4111111111111111';
const env = environments.find((e) => e.name === 'dev')!;
const filters = Object.values(synthEnvironment(env).resource.aws_cloudwatch_log_metric_filter ?? {})
  .map((f) => ({ metric: f.metric_transformation.name as string, pattern: f.pattern as string, logGroup: f.log_group_name as string }));

let kms: KmsStandIn;
const lines: Record<string, string[]> = {};

async function logLinesOf(options: EventOptions, mode: KmsStandIn['mode'] = 'ok'): Promise<string[]> {
  kms.mode = mode;
  const output = captureOutput();
  try {
    await handler(lexEvent(CARD_NUMBER, options));
  } finally {
    output.restore();
  }
  expect(output.text(), 'a fed digit string reached stdout or stderr').not.toContain(CARD);
  // Only the handler's JSON lines: the SDK's Node-version warning on this machine's Node 20 is not the handler's.
  return output.text().split('\n').filter((l) => l.startsWith('{'));
}

beforeAll(async () => {
  kms = await startKmsStandIn();
  useStandIn(kms, 'dev');
  const elicited = (attempts: number) => ({ ...blockSessionAttributes(CARD_NUMBER, 'a1b2c3d4-0000-4000-8000-123456789abc'), [STATUS_ATTRIBUTE]: STATUS.eliciting, [ATTEMPTS_ATTRIBUTE]: String(attempts) });
  lines.captured = await logLinesOf({ value: CARD });
  lines.kmsDenied = await logLinesOf({ value: CARD }, 'deny');
  lines.retry = await logLinesOf({ value: '41111', sessionAttributes: elicited(0) });
  lines.invalid = await logLinesOf({ value: '41111', sessionAttributes: elicited(MAX_RETRIES) });
});
afterAll(() => kms.close());

const counts = (metric: string) => {
  const { pattern } = filters.find((f) => f.metric === metric)!;
  return Object.fromEntries(Object.entries(lines).map(([k, ls]) => [k, ls.filter((l) => matchesJsonFilter(pattern, l)).length]));
};

describe('the Encrypt log metric filters', () => {
  it('are three, all on the Encrypt function\'s own log group', () => {
    expect(filters.map((f) => f.metric).sort()).toEqual(['CapturesFailed', 'CapturesSucceeded', 'EncryptKmsFailures']);
    for (const f of filters) expect(f.logGroup).toMatch(/^\$\{aws_lambda_function\.functions_encrypt_[0-9A-F]+\.logging_config\[0\]\.log_group\}$/);
  });

  it('the handler wrote one JSON line per case, with no digits of the card', () => {
    for (const [name, ls] of Object.entries(lines)) {
  expect(ls, name).toHaveLength(1);
      expect(() => JSON.parse(ls[0]!), name).not.toThrow();
      expect(ls[0], name).not.toContain(CARD);
      expect(ls[0], name).not.toContain('41111');
    }
  });

  it('EncryptKmsFailures counts only the encrypt failure KMS caused', () => {
    expect(counts('EncryptKmsFailures')).toEqual({ captured: 0, kmsDenied: 1, retry: 0, invalid: 0 });
  });

  it('CapturesSucceeded counts only a capture', () => {
    expect(counts('CapturesSucceeded')).toEqual({ captured: 1, kmsDenied: 0, retry: 0, invalid: 0 });
  });

  it('CapturesFailed counts every capture that ended without a value, never a retry', () => {
    expect(counts('CapturesFailed')).toEqual({ captured: 0, kmsDenied: 1, retry: 0, invalid: 1 });
  });
});

describe('the filter pattern reader used above', () => {
  it('reads JSON fields and alternatives, and refuses what it does not know', () => {
    expect(matchesJsonFilter('{ $.outcome = "captured" }', '{"outcome":"captured"}')).toBe(true);
    expect(matchesJsonFilter('{ $.outcome = "captured" }', '{"outcome":"invalid"}')).toBe(false);
    expect(matchesJsonFilter('{ $.a = "x" || $.b = "y" }', '{"b":"y"}')).toBe(true);
    expect(matchesJsonFilter('{ $.outcome = "captured" }', 'START RequestId: 1')).toBe(false);
    expect(() => matchesJsonFilter('{ $.n > 1 }', '{}')).toThrow(/unsupported term/);
    expect(() => matchesJsonFilter('captured', '{}')).toThrow(/not a JSON filter/);
  });
});
