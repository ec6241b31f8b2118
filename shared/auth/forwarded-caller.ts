import type { IncomingMessage } from 'node:http';
import { isProduction } from '../config';
import { HttpError } from '../http';
import { decodeIdentity, IDENTITY_HEADER } from './forwarding';
import { decide, type Operation } from './role-matrix';
import type { Identity } from './roles';

/** The caller the gateway forwarded with a request (none when the header is absent or unreadable). */
export function forwardedIdentity(req: IncomingMessage): Identity | undefined {
  const raw = req.headers[IDENTITY_HEADER];
  return decodeIdentity(Array.isArray(raw) ? raw[0] : raw);
}

/**
 * The caller of a subgraph's plain HTTP route (behind the gateway secret), allowed by the role
 * matrix for `operation`; otherwise an HttpError: 401 without a caller, 403 with `refused`.
 */
export function forwardedCaller(req: IncomingMessage, operation: Operation, refused: string): Identity {
  const identity = forwardedIdentity(req);
  if (!identity) throw new HttpError(401, 'Authentication required');
  if (decide(operation, identity, isProduction()) !== 'ALLOW') throw new HttpError(403, refused);
  return identity;
}
