import { createSecretKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { jwtSecret } from '../config';
import { isRole, type Role } from './roles';

export interface TokenClaims {
  sub: string;
  tid: string;
  roles: Role[];
}

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
let hmac: { secret: string; key: KeyObject } | undefined;

/** The HS256 key, imported once per secret (importing it on every verification cost the gateway a tenth of its time). */
function hmacKey(secret: string): KeyObject {
  if (hmac?.secret !== secret) hmac = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return hmac.key;
}

/** Verified tokens and their claims, until they expire; bounded (the oldest go first). */
const verified = new Map<string, { claims: TokenClaims; expiresAt: number; verifier: string }>();
const MAX_VERIFIED = 10_000;
/** At most this long, so keys withdrawn from the JWKS stop counting soon. */
const MAX_REMEMBERED_MS = 5 * 60_000;

/**
 * Verifies a bearer token: HS256 with AUTH_JWT_SECRET (development default), or RS256
 * against AUTH_JWKS_URL when that is set. Returns undefined for anything invalid (ACT-3: the
 * caller is then UNAUTHENTICATED), expired or tampered tokens included. A token once
 * verified is remembered until its `exp`, at most five minutes, and only for the same secret or
 * key set (tokens without `exp` are verified every time): a dashboard sends the same token with
 * every request, and verification was a tenth of the gateway's time on small queries. Expiry is
 * real time, as the token issuer's is.
 */
export async function verifyToken(token: string): Promise<TokenClaims | undefined> {
  const verifier = process.env.AUTH_JWKS_URL ?? jwtSecret();
  const now = Date.now(); // the token issuer's wall clock, never the business clock: tokens expire in real time
  const known = verified.get(token);
  if (known) {
    if (now < known.expiresAt && known.verifier === verifier) return known.claims;
    verified.delete(token);
  }
  const result = await verifyUncached(token);
  if (result?.expiresAt) {
    if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
    verified.set(token, { claims: result.claims, expiresAt: Math.min(result.expiresAt, now + MAX_REMEMBERED_MS), verifier });
  }
  return result?.claims;
}

async function verifyUncached(token: string): Promise<{ claims: TokenClaims; expiresAt?: number } | undefined> {
  try {
    let payload: JWTPayload;
    if (process.env.AUTH_JWKS_URL) {
      jwks ??= createRemoteJWKSet(new URL(process.env.AUTH_JWKS_URL));
      ({ payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'] }));
    } else {
      ({ payload } = await jwtVerify(token, hmacKey(jwtSecret()), { algorithms: ['HS256'] }));
    }
    const { sub, tid, roles } = payload as JWTPayload & { tid?: unknown; roles?: unknown };
    if (typeof sub !== 'string' || !sub || typeof tid !== 'string' || !tid || !Array.isArray(roles)) return undefined;
    return { claims: { sub, tid, roles: roles.filter(isRole) }, expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined };
  } catch {
    return undefined;
  }
}

/** Signs a development token (HS256). */
export async function signDevToken(claims: TokenClaims, secret = jwtSecret(), expiresIn = '12h'): Promise<string> {
  return new SignJWT({ tid: claims.tid, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
