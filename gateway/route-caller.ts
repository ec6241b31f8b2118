import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Identity } from '../shared/auth/roles';
import { decide, type Operation } from '../shared/auth/role-matrix';
import { isProduction } from '../shared/config';
import { sendJson } from '../shared/http';
import type { IdentityResolver } from './identity';

/**
 * The caller of one of the gateway's plain HTTP routes (price list, reconciliation file,
 * software downloads), from its bearer token. Answers the refusal itself and returns null when
 * the token is missing or wrong (401; 503 while the identity source is down), or, with an
 * `operation`, when the role matrix refuses it (401/403 with `refused` as the message).
 */
export async function routeCaller(
  req: IncomingMessage,
  res: ServerResponse,
  identities: IdentityResolver,
  access: { operation: Operation; refused: string } | { operation?: undefined; unauthenticated: string },
): Promise<Identity | null> {
  let identity: Identity | undefined;
  try {
    identity = await identities.fromHeaders(req.headers);
  } catch (error) {
    const status = error instanceof GraphQLError && error.extensions.code === 'SERVICE_UNAVAILABLE' ? 503 : 401;
    sendJson(res, status, { error: error instanceof Error ? error.message : 'Authentication required' });
    return null;
  }
  if (!access.operation) {
    if (identity) return identity;
    sendJson(res, 401, { error: access.unauthenticated });
    return null;
  }
  const decision = decide(access.operation, identity, isProduction());
  if (decision === 'ALLOW' && identity) return identity;
  sendJson(res, decision === 'UNAUTHENTICATED' || !identity ? 401 : 403, { error: decision === 'UNAUTHENTICATED' || !identity ? 'Authentication required' : access.refused });
  return null;
}
