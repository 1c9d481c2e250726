import { z } from 'zod';

// Alarm thresholds and the utterance-deletion schedule of one environment. Every field has a default,
// so an environment file may leave `monitoring` out entirely (docs/operations.md, "Alarms and dashboard").

const count = z.number().int('must be a whole number').min(1, 'must be at least 1');
const percent = z.number().gt(0, 'must be above 0').max(100, 'must be at most 100');
// CloudWatch alarm periods of 60 s or more must be multiples of 60 (PutMetricAlarm, Period).
const minutes = z.number().int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(1440, 'must be at most 1440 minutes (one day)');

export const monitoringSchema = z.strictObject({
  /** Email endpoints subscribed to the alarm topic; each must confirm its subscription. None by default. */
  alarmEmails: z.array(z.email('must be an email address')).default([]),
  /** The period every count alarm sums over. */
  periodMinutes: minutes.default(5),
  /** Encrypt or Decrypt errors (AWS/Lambda Errors) per period that raise an alarm. */
  functionErrors: count.default(1),
  /** Encrypt throttles (AWS/Lambda Throttles) per period. */
  encryptThrottles: count.default(1),
  /** Encrypt's maximum duration, as a percentage of its timeout, that counts as near the timeout. */
  encryptDurationPercentOfTimeout: percent.default(80),
  /** Encrypt failures caused by KMS (log outcome encrypt-failed) per period. */
  kmsFailures: count.default(1),
  /** Failed captures as a percentage of all finished captures over the window. */
  captureFailureRatePercent: percent.default(20),
  captureFailureWindowMinutes: minutes.default(15),
  /** Lex runtime system errors and throttled events for the alias, per period. */
  lexSystemErrors: count.default(1),
  lexThrottledEvents: count.default(1),
  /** Connect flow error branches and fatal errors for the instance, per period. */
  contactFlowErrors: count.default(1),
  contactFlowFatalErrors: count.default(1),
  /** EventBridge Scheduler expression for DeleteUtterances: rate(...), cron(...) or at(...). */
  deleteUtterancesSchedule: z.string().regex(/^(rate|cron|at)\(.+\)$/, 'must be an EventBridge Scheduler expression such as rate(1 day) or cron(0 3 * * ? *)').default('rate(1 day)'),
  /** IANA time zone the schedule is read in. */
  deleteUtterancesTimezone: z.string().regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, 'must be an IANA time zone such as UTC or Europe/Berlin').default('UTC'),
});

export type MonitoringConfig = z.output<typeof monitoringSchema>;
