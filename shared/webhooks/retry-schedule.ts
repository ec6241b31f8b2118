const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * AUD-2: delays on the business clock before attempts 2, 3, …: a receiver that is down for a
 * deploy gets the event within minutes, one that is down for a day still gets it. Seven
 * attempts over 26 h 36 min; after the last one the delivery is FAILED (and stays visible).
 */
export const RETRY_DELAYS_MS: readonly number[] = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 8 * HOUR, 16 * HOUR];

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When to try again after `attemptsMade` failed attempts, or null when none is left. */
export function nextAttemptAt(attemptsMade: number, now: Date): Date | null {
  const delay = attemptsMade >= 1 ? RETRY_DELAYS_MS[attemptsMade - 1] : undefined;
  return delay === undefined ? null : new Date(now.getTime() + delay);
}
