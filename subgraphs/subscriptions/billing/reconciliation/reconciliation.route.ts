import { once } from 'node:events';
import { forwardedCaller } from '../../../../shared/auth/forwarded-caller';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify';
import { RECONCILIATION_INTERNAL_PATH } from '../../../../shared/config';
import type { EntityManager } from '../../../../shared/db/orm';
import { scopeToTenant } from '../../../../shared/db/tenant-filter';
import { HttpError } from '../../../../shared/http';
import { currencyDigits } from '../../../../shared/money';
import type { Identity } from '../../../../shared/auth/roles';
import type { Graph } from '../../../../shared/graph-client';
import { describedLines } from '../invoices/invoice-line-names';
import { InvoiceLine } from '../invoices/invoice-line.entity';
import { Invoice } from '../invoices/invoice.entity';
import { RECONCILIATION_COLUMNS, reconciliationRow } from './reconciliation-file';

const PATH = new RegExp(`^${RECONCILIATION_INTERNAL_PATH.replace(/\//g, '\\/')}([A-Za-z0-9_-]{1,100})/reconciliation\\.csv$`);
/** Lines read per query: memory stays flat whatever the invoice's size (keyset on the line id). */
const BATCH = 1000;

/**
 * BIL-4/BIL-8: `GET /internal/billing/invoices/<id>/reconciliation.csv` (behind the gateway
 * secret; the gateway serves the public path with the caller's identity). The partner's
 * BILLING_ADMIN, ADMIN_AGENT or GLOBAL_ADMIN gets one row per invoice line in Partner Center's
 * column layout, RFC 4180 quoted and streamed page by page with backpressure; another tenant's
 * invoice is not found (ACT-2).
 */
export async function reconciliationRoute(req: IncomingMessage, res: ServerResponse, orm: MikroORM, contextFor: (identity: Identity) => { graph: Graph }): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://subgraph');
  const match = req.method === 'GET' ? PATH.exec(url.pathname) : null;
  if (!match) return false;
  const identity = forwardedCaller(req, 'viewInvoices', 'Invoices are for the billing admin, admin agent and global admin');
  // ACT-2: the caller's tenant scope, as for a GraphQL request: another tenant's invoice is not found.
  const em = scopeToTenant(orm.em.fork() as EntityManager, identity);
  const { graph } = contextFor(identity);
  const invoice = identity.tenantKind === 'PARTNER' ? await em.findOne(Invoice, { id: match[1] }) : null;
  if (!invoice) throw new HttpError(404, 'Not found');
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="invoice-${invoice.number}-${invoice.periodStart.toISOString().slice(0, 7)}-${invoice.currency}.csv"`,
    'cache-control': 'no-store',
  });
  const csv = stringify({ header: true, columns: [...RECONCILIATION_COLUMNS], record_delimiter: 'windows', quoted_match: /^\s|\s$/ });
  csv.pipe(res);
  const digits = currencyDigits(invoice.currency);
  // A client that goes away stops the reading: no page is read for nobody, no wait for a drain that never comes.
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  let after: string | undefined;
  try {
    while (!gone.signal.aborted) {
      em.clear();
      const lines = await em.find(InvoiceLine, { invoiceId: invoice.id, ...(after ? { id: { $gt: after } } : {}) }, { orderBy: { id: 'asc' }, limit: BATCH });
      // An open invoice's lines booked since due work last ran are described now, as the caller (BIL-4).
      for (const line of await describedLines(graph, lines)) if (!csv.write(reconciliationRow(invoice, line, digits))) await once(csv, 'drain', { signal: gone.signal });
      if (lines.length < BATCH) break;
      after = lines[lines.length - 1].id;
    }
  } catch (error) {
    if (!gone.signal.aborted) throw error;
  }
  csv.end();
  if (!gone.signal.aborted && !res.writableFinished) await once(res, 'close');
  return true;
}
