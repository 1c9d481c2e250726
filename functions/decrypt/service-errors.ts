import { Refusal } from './decrypt-answer';

// How a failed AWS call is told apart from bad input. Names are the SDK's error names (the service's
// error type); anything that is not an answer from the service (network, timeout, abort) is unavailability.
const THROTTLED_OR_DOWN = new Set([
  'ThrottlingException', 'TooManyRequestsException', 'LimitExceededException', 'InternalServiceException',
  'ServiceUnavailableException', 'InternalFailure', 'ServiceUnavailable',
  // KMS (API reference, Decrypt: Errors): the key or its store cannot serve right now.
  'KMSInternalException', 'DependencyTimeoutException', 'KMSInvalidStateException', 'DisabledException',
  'KeyUnavailableException', 'NotFoundException',
  // Node and the SDK's abort signal.
  'TimeoutError', 'AbortError', 'RequestTimeout',
]);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnrecognizedClientException', 'ExpiredTokenException']);

/** An error's name when it is a plain identifier (an SDK error's name), else 'Error': never its message. */
export const nameOf = (err: unknown): string => (err instanceof Error && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(err.name) ? err.name : 'Error');
const isServiceAnswer = (err: unknown): boolean => typeof (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 'number';

/**
 * The refusal for a failed call to `service`, its error class `<service>/<error name>` (e.g.
 * `kms/ThrottlingException`); `otherwise` is used when the service answered with any other error.
 */
export function serviceRefusal(err: unknown, service: 'kms' | 'connect', otherwise: Refusal): Refusal {
  const name = nameOf(err);
  const errorClass = `${service}/${name}`;
  const what = service === 'kms' ? 'KMS' : 'Amazon Connect';
  if (DENIED.has(name)) return new Refusal('access-denied', `${what} denied the Decrypt function's request`, errorClass);
  if (THROTTLED_OR_DOWN.has(name) || !isServiceAnswer(err)) {
    return new Refusal('kms-unavailable', `${what} is unavailable or throttled: nothing was decrypted, try again later`, errorClass);
  }
  return new Refusal(otherwise.code, otherwise.message, errorClass);
}
