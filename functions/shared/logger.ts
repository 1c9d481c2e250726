import { Logger } from '@aws-lambda-powertools/logger';

// Structured JSON logs. Callers pass only what is safe: field names, outcomes, attempt numbers and error
// class names. Never the event, a slot, a transcript, a plaintext or a ciphertext.
export const createLogger = (serviceName: string): Logger => new Logger({ serviceName, logLevel: 'INFO' });

/** The class name of an error, and nothing of its message (messages can quote input). */
export const errorName = (err: unknown): string =>
  err instanceof Error ? err.name : typeof err;
