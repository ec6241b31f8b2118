import { MAX_ATTEMPTS, nextAttemptAt, RETRY_DELAYS_MS } from './retry-schedule';

describe('webhook retry schedule (AUD-2)', () => {
  const now = new Date('2030-01-01T00:00:00Z');

  it('AUD-2: at least six attempts spread over at least 24 hours, with growing delays', () => {
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(6);
    expect(RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0)).toBeGreaterThanOrEqual(24 * 3600_000);
    for (let i = 1; i < RETRY_DELAYS_MS.length; i++) expect(RETRY_DELAYS_MS[i]).toBeGreaterThan(RETRY_DELAYS_MS[i - 1]);
  });

  it('AUD-2: the first retry is a minute after the first attempt on the business clock', () => {
    expect(nextAttemptAt(1, now)).toEqual(new Date('2030-01-01T00:01:00Z'));
    expect(nextAttemptAt(2, now)).toEqual(new Date('2030-01-01T00:05:00Z'));
  });

  it('AUD-2: no attempt after the last one', () => {
    expect(nextAttemptAt(MAX_ATTEMPTS - 1, now)).not.toBeNull();
    expect(nextAttemptAt(MAX_ATTEMPTS, now)).toBeNull();
  });
});
