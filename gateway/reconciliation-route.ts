import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { encodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from '../shared/auth/forwarding';
import { RECONCILIATION_INTERNAL_PATH, RECONCILIATION_PATH } from '../shared/config';
import { remoteTimeoutMs } from '../shared/graph-client';
import { sendJson } from '../shared/http';
import type { IdentityResolver } from './identity';
import { routeCaller } from './route-caller';

export interface ReconciliationRouteOptions {
  identities: IdentityResolver;
  subscriptionsUrl: string;
  secret: string;
}

const INVOICE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * BIL-4/BIL-8: `GET /billing/invoices/<id>/reconciliation.csv` with the caller's bearer token.
 * The gateway checks the caller and the id, then asks the subscriptions subgraph for exactly
 * `/internal/billing/invoices/<id>/reconciliation.csv`, a URL rebuilt from the subgraph's address
 * and the validated id (nothing else of the caller's path or query goes through), and streams
 * the file back as it comes. Returns false for any other path.
 */
export async function serveReconciliationFile(req: IncomingMessage, res: ServerResponse, options: ReconciliationRouteOptions): Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0];
  if (!path.startsWith(RECONCILIATION_PATH) || !path.endsWith('/reconciliation.csv')) return false;
  const id = path.slice(RECONCILIATION_PATH.length, -'/reconciliation.csv'.length);
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    sendJson(res, 405, { error: 'Method not allowed: GET the reconciliation file' });
    return true;
  }
  const identity = await routeCaller(req, res, options.identities, { operation: 'viewInvoices', refused: 'Invoices are for the billing admin, admin agent and global admin' });
  if (!identity) return true;
  if (!INVOICE_ID.test(id)) {
    sendJson(res, 404, { error: 'Not found' });
    return true;
  }
  let response: Response;
  try {
    response = await fetch(new URL(`${RECONCILIATION_INTERNAL_PATH}${id}/reconciliation.csv`, options.subscriptionsUrl), {
      headers: { [SECRET_HEADER]: options.secret, [IDENTITY_HEADER]: encodeIdentity(identity) },
      // A partner with many lines gets a long file: the whole transfer may take longer than a query.
      signal: AbortSignal.timeout(remoteTimeoutMs() * 30),
    });
  } catch {
    sendJson(res, 503, { error: 'Service "subscriptions" is unavailable' });
    return true;
  }
  if (response.status !== 200 || !response.body) {
    const body = await response.json().catch(() => ({ error: 'The reconciliation file is not available' }));
    sendJson(res, response.status === 200 ? 502 : response.status, body);
    return true;
  }
  res.statusCode = 200;
  for (const header of ['content-type', 'content-disposition', 'cache-control']) {
    const value = response.headers.get(header);
    if (value) res.setHeader(header, value);
  }
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  body.on('error', () => res.destroy());
  body.pipe(res);
  await new Promise<void>((resolve) => res.on('close', resolve));
  return true;
}
