import { timingSafeEqual } from 'node:crypto';
import type { Identity } from './roles';

/**
 * How the gateway hands the verified identity to a subgraph: a secret only the gateway and
 * the subgraphs know, plus the identity as base64url JSON. Subgraphs refuse requests without
 * the secret (401) and never read identity from anywhere else.
 */
export const SECRET_HEADER = 'x-csp-gateway-secret';
export const IDENTITY_HEADER = 'x-csp-identity';
/** The client's request key (API.md), forwarded by the gateway (ORD-7). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

export function decodeIdentity(value: string | undefined): Identity | undefined {
  if (!value) return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Identity;
  } catch {
    return undefined;
  }
}

export function secretMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
