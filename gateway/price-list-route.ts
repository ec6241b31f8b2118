import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from '../shared/auth/forwarding';
import { PRICE_LIST_INTERNAL_PATH, PRICE_LIST_PATH } from '../shared/config';
import { remoteTimeoutMs } from '../shared/graph-client';
import { hasContentType, sendJson } from '../shared/http';
import type { IdentityResolver } from './identity';
import { routeCaller } from './route-caller';

export interface PriceListRouteOptions {
  identities: IdentityResolver;
  catalogUrl: string;
  secret: string;
}

/**
 * BIL-7: `PUT /catalog/price-list` with the operator's bearer token and `Content-Type: text/csv`.
 * The gateway checks the caller, then streams the body to the catalog's one internal import
 * path, built from the catalog's URL alone: nothing of the caller's path or query reaches the
 * subgraph. Answers the catalog's JSON report. Returns false for any other path.
 */
export async function servePriceListImport(req: IncomingMessage, res: ServerResponse, options: PriceListRouteOptions): Promise<boolean> {
  if ((req.url ?? '/').split('?')[0] !== PRICE_LIST_PATH) return false;
  if (req.method !== 'PUT') {
    res.setHeader('allow', 'PUT');
    sendJson(res, 405, { error: 'Method not allowed: PUT the price list' });
    return true;
  }
  const identity = await routeCaller(req, res, options.identities, { operation: 'importPriceList', refused: 'Only the programme operator imports the price list' });
  if (!identity) return true;
  if (!hasContentType(req, 'text/csv')) {
    sendJson(res, 415, { error: 'Send the price list as Content-Type: text/csv' });
    return true;
  }
  let response: Response;
  try {
    response = await fetch(new URL(PRICE_LIST_INTERNAL_PATH, options.catalogUrl), {
      method: 'PUT',
      headers: { [SECRET_HEADER]: options.secret, [IDENTITY_HEADER]: encodeIdentity(identity), 'content-type': 'text/csv' },
      body: req as unknown as ReadableStream,
      duplex: 'half',
      // A monthly file of several hundred thousand rows takes more than a query's time.
      signal: AbortSignal.timeout(remoteTimeoutMs() * 30),
    } as RequestInit);
  } catch {
    sendJson(res, 503, { error: 'Service "catalog" is unavailable' });
    return true;
  }
  const body = await response.json().catch(() => ({ error: 'The catalog gave no report' }));
  sendJson(res, response.status, body);
  return true;
}
