import { describe, expect, it } from 'vitest';
import { AUDIT_SHARE, DECRYPT_TIMEOUT_SECONDS, RETURN_SHARE } from '../../contract/decrypt-budget';
import { DeadlineExceeded, requestDeadline, withinDeadline } from './deadline';

describe('requestDeadline', () => {
  it('splits the function\'s timeout (the stack sets it from the same constant): work, then the audit write, then the answer', () => {
    const { workEndsAt, auditEndsAt } = requestDeadline(undefined, 0);
    expect(workEndsAt).toBe(Math.round(DECRYPT_TIMEOUT_SECONDS * 1000 * (1 - AUDIT_SHARE - RETURN_SHARE)));
    expect(auditEndsAt).toBe(Math.round(DECRYPT_TIMEOUT_SECONDS * 1000 * (1 - RETURN_SHARE)));
    expect(0 < workEndsAt && workEndsAt < auditEndsAt && auditEndsAt < DECRYPT_TIMEOUT_SECONDS * 1000).toBe(true);
  });

  it('takes less when Lambda says less is left, never more than the timeout', () => {
    expect(requestDeadline({ getRemainingTimeInMillis: () => 1000 }, 0)).toEqual({ workEndsAt: 650, auditEndsAt: 950 });
    expect(requestDeadline({ getRemainingTimeInMillis: () => 60_000 }, 0)).toEqual(requestDeadline(undefined, 0));
    expect(requestDeadline({ getRemainingTimeInMillis: () => -5 }, 100)).toEqual({ workEndsAt: 100, auditEndsAt: 100 });
  });
});

describe('withinDeadline', () => {
  it('gives the result in time, and DeadlineExceeded at the deadline otherwise', async () => {
    expect(await withinDeadline(Promise.resolve(7), Date.now() + 50)).toBe(7);
    const never = new Promise<number>(() => {});
    const started = Date.now();
    await expect(withinDeadline(never, started + 60)).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('leaves an abandoned promise\'s late failure unhandled by nobody', async () => {
    const late = new Promise<number>((_r, reject) => setTimeout(() => reject(new Error('late')), 30));
    await expect(withinDeadline(late, Date.now() + 1)).rejects.toBeInstanceOf(DeadlineExceeded);
    await new Promise((r) => setTimeout(r, 60)); // vitest fails the run on an unhandled rejection
  });
});
