// One deadline per request, inside the function's timeout (contract/decrypt-budget.ts). The budget is
// the function's timeout, or less when Lambda says less is left (context.getRemainingTimeInMillis,
// Lambda developer guide, "Using the Lambda context object to retrieve Node.js function information").
import type { Context } from 'aws-lambda';
import { AUDIT_SHARE, DECRYPT_TIMEOUT_SECONDS, RETURN_SHARE } from '../../contract/decrypt-budget';

export interface RequestDeadline {
  /** When the request's work (Connect, KMS) must have ended: the audit write's share starts here. */
  workEndsAt: number;
  /** When the audit write must have ended: what is left is for returning the answer. */
  auditEndsAt: number;
}

export function requestDeadline(context?: Pick<Partial<Context>, 'getRemainingTimeInMillis'>, now: number = Date.now()): RequestDeadline {
  const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : Infinity;
  const budget = Math.max(0, Math.min(DECRYPT_TIMEOUT_SECONDS * 1000, remaining));
  const auditEndsAt = now + budget - Math.round(budget * RETURN_SHARE);
  return { workEndsAt: auditEndsAt - Math.round(budget * AUDIT_SHARE), auditEndsAt };
}

/** An abort signal for one AWS call that fires at `endsAt`: the call gets what is left, retries included. */
export const signalUntil = (endsAt: number): AbortSignal => AbortSignal.timeout(Math.max(1, Math.floor(endsAt - Date.now())));

export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

/** The promise's result, or DeadlineExceeded at `endsAt` if it has not settled by then (it is then ignored). */
export async function withinDeadline<T>(work: Promise<T>, endsAt: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded('the request ran out of time')), Math.max(0, endsAt - Date.now()));
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
    work.catch(() => {}); // an abandoned call's late failure is not an unhandled rejection
  }
}
