import { describe, expect, it } from 'vitest';
import dev from './dev';
import { loadEnvironment } from './load';
import type { EnvironmentInput } from './schema';

const withMonitoring = (monitoring: unknown): EnvironmentInput => ({ ...structuredClone(dev), monitoring } as EnvironmentInput);
const messageOf = (input: EnvironmentInput): string => {
  try {
    loadEnvironment(input);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the config to be refused');
};

describe('the monitoring config', () => {
  it('may be left out: every threshold has its default, no emails, a daily deletion in UTC', () => {
    expect(loadEnvironment(structuredClone(dev)).monitoring).toEqual({
      alarmEmails: [], periodMinutes: 5, functionErrors: 1, encryptThrottles: 1, encryptDurationPercentOfTimeout: 80, kmsFailures: 1,
      captureFailureRatePercent: 20, captureFailureWindowMinutes: 15, lexSystemErrors: 1, lexThrottledEvents: 1,
      contactFlowErrors: 1, contactFlowFatalErrors: 1, deleteUtterancesSchedule: 'rate(1 day)', deleteUtterancesTimezone: 'UTC',
    });
  });

  it('keeps what is set and defaults the rest', () => {
    const m = loadEnvironment(withMonitoring({ alarmEmails: ['oncall@example.com'], captureFailureRatePercent: 5 })).monitoring;
    expect(m).toMatchObject({ alarmEmails: ['oncall@example.com'], captureFailureRatePercent: 5, periodMinutes: 5 });
  });

  it.each([
    [{ alarmEmails: ['oncall'] }, /alarmEmails.*email address/],
    [{ captureFailureRatePercent: 0 }, /captureFailureRatePercent.*above 0/],
    [{ periodMinutes: 1.5 }, /periodMinutes.*whole number/],
    [{ deleteUtterancesSchedule: 'daily' }, /deleteUtterancesSchedule.*Scheduler expression/],
    [{ lexThrottles: 1 }, /lexThrottles/],
  ])('refuses %j in one line naming environment and field', (monitoring, rule) => {
    const message = messageOf(withMonitoring(monitoring));
    expect(message).toMatch(/dev/);
    expect(message).toMatch(rule);
    expect(message.split('\n')).toHaveLength(1);
  });
});
