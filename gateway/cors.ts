import type { IncomingMessage, ServerResponse } from 'node:http';
import { isProduction } from '../shared/config';

/** Request headers a browser may send cross-origin (API.md headers, and Apollo's CSRF markers). */
export const CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'idempotency-key', 'x-request-id', 'apollo-require-preflight', 'x-apollo-operation-name'];
export const CORS_ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'];
/** Response headers a cross-origin script may read. */
const CORS_EXPOSED_HEADERS = ['x-request-id'];
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Any port of this machine's own names: the usual home of a dashboard in development. */
const LOCALHOST = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export type OriginPolicy = (origin: string) => boolean;

/**
 * The allow-list of browser origins (CORS_ORIGINS, comma-separated exact origins such as
 * `https://dashboard.example.com`). Unset: localhost origins in development, none in
 * production. Origins are compared exactly (scheme, host and port), never by pattern, so a
 * look-alike domain is not let in.
 */
export function originPolicy(configured = process.env.CORS_ORIGINS, production = isProduction()): OriginPolicy {
  const listed = new Set((configured ?? '').split(',').map((origin) => origin.trim().replace(/\/$/, '').toLowerCase()).filter(Boolean));
  if (configured?.trim()) return (origin) => listed.has(origin.toLowerCase());
  if (production) return () => false;
  return (origin) => LOCALHOST.test(origin.toLowerCase());
}

/**
 * CORS for the gateway's endpoints. An allowed origin gets Access-Control-Allow-Origin (echoed,
 * never `*`: tokens travel in the Authorization header, not cookies, so no credentials mode);
 * any other origin gets no CORS header and the browser keeps the response from its script.
 * A preflight (OPTIONS with Access-Control-Request-Method) is answered here with 204 and
 * returns true: nothing else handles it. CSRF prevention stays with Apollo Server: a request
 * a browser sends without a preflight (simple GET or form POST) is still refused there.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: OriginPolicy): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && !!req.headers['access-control-request-method'];
  res.setHeader('vary', 'Origin');
  const ok = !!origin && allowed(origin);
  if (ok) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
  }
  if (!preflight) return false;
  if (ok) {
    res.setHeader('access-control-allow-methods', CORS_ALLOWED_METHODS.join(', '));
    res.setHeader('access-control-allow-headers', CORS_ALLOWED_HEADERS.join(', '));
    res.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
  }
  res.statusCode = 204;
  res.end();
  return true;
}
