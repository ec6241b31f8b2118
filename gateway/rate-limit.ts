import type { ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { sendJson } from '../shared/http';

/**
 * Fair use, as Partner Center throttles: each tenant (the verified token's `tid`) may send
 * GATEWAY_RATE_LIMIT_PER_MINUTE GraphQL requests a minute (default 600), a caller without a
 * token GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE per client address (default 120); 0 turns a
 * limit off. Counted in memory per gateway process (rate-limiter-flexible), so N replicas
 * allow up to N times the limit: no shared store to run or to wait on for every request.
 * Off under the test runner unless set.
 */
export interface RateLimits {
  /** Counts one request of `key`; the seconds to wait when it is over the limit, else undefined. */
  take: (key: { tenant?: string; address?: string }) => Promise<number | undefined>;
}

function limitOf(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return process.env.NODE_ENV === 'test' ? 0 : fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`rate limits must be whole numbers of requests a minute (got ${value})`);
  return limit;
}

export function rateLimits(env: NodeJS.ProcessEnv = process.env): RateLimits {
  const perTenant = limitOf(env.GATEWAY_RATE_LIMIT_PER_MINUTE, 600);
  const perAddress = limitOf(env.GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE, 120);
  const tenants = perTenant ? new RateLimiterMemory({ points: perTenant, duration: 60, keyPrefix: 'tenant' }) : undefined;
  const addresses = perAddress ? new RateLimiterMemory({ points: perAddress, duration: 60, keyPrefix: 'address' }) : undefined;
  return {
    take: async ({ tenant, address }) => {
      const limiter = tenant ? tenants : addresses;
      if (!limiter) return undefined;
      try {
        await limiter.consume(tenant ?? address ?? 'unknown');
        return undefined;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        throw refusal;
      }
    },
  };
}

/** HTTP 429 with Retry-After (seconds) and a GraphQL error body with code RATE_LIMITED. */
export function sendRateLimited(res: ServerResponse, retryAfterSeconds: number): void {
  res.setHeader('retry-after', String(retryAfterSeconds));
  sendJson(res, 429, {
    errors: [{ message: `Too many requests: retry after ${retryAfterSeconds} s`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds } }],
  });
}
