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

/**
 * Verifies a bearer token: HS256 with AUTH_JWT_SECRET (development default), or RS256
 * against AUTH_JWKS_URL when that is set. Returns undefined for anything invalid.
 */
export async function verifyToken(token: string): Promise<TokenClaims | undefined> {
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
    return { sub, tid, roles: roles.filter(isRole) };
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
