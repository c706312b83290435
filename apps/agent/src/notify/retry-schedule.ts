/**
 * When a failed notification is tried again: after 5 s, 30 s, 2 min, then 10 min; five attempts
 * in all, then it is given up (and stays failed in the delivery log). Each attempt has its own
 * timeout ({@link SEND_TIMEOUT_MS}), so a target that hangs costs one timeout per attempt and
 * never holds anything else.
 */
export const RETRY_DELAYS_MS: readonly number[] = [5_000, 30_000, 120_000, 600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** The longest one send may take (HTTP, SMTP or script), ms. */
export const SEND_TIMEOUT_MS = 10_000;

/** The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed, or null: give up. Pure. */
export function retryDelayMs(attempt: number): number | null {
  return RETRY_DELAYS_MS[attempt - 1] ?? null;
}
