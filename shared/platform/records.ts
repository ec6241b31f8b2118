import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../context';
import type { EntityManager } from '../db/orm';
import type { Identity } from '../auth/roles';
import { forwardedIdentity } from '../auth/forwarded-caller';
import { sendJson } from '../http';
import { listDueFailures, type DueFailureView } from '../jobs/due-failures';
import { AuditRecord } from './entities/audit-record.entity';
import { DueWorkFailure } from './entities/due-work-failure.entity';

/**
 * The operator's and partners' views of platform records that every subgraph writes into its
 * own database (AUD-1 audit records, failing due work). With one database they are one table;
 * with subgraphs on separate databases (docs/deployment.md) the subgraph serving the query
 * reads its own database and asks one subgraph of each other database for the same page
 * (`POST /internal/platform/<kind>`, behind the gateway secret), then merges by id: never SQL
 * across databases.
 */

export interface AuditQuery {
  from: Date;
  to: Date;
  afterId?: string;
  limit: number;
}

export interface AuditView {
  id: string;
  operation: string;
  resourceType: string;
  resourceId: string;
  userId: string;
  at: Date;
  outcome: string;
}

export interface DueFailureQuery {
  afterId?: string;
  limit: number;
}

/** What one database answers: a page, or how many rows match (when counting). */
export interface RecordsPage<T> {
  rows: T[];
  totalCount?: number;
}

function auditWhere(query: AuditQuery) {
  // AUD-1: the caller's own tenant, by the tenant filter of the EntityManager (shared/db/tenant-filter.ts).
  return { at: { $gte: new Date(query.from), $lte: new Date(query.to) } };
}

/** AUD-1: one page of a tenant's audit records in this database, by id; or, `counting`, only how many there are. */
export async function readAuditRecords(em: EntityManager, query: AuditQuery, counting: boolean): Promise<RecordsPage<AuditView>> {
  const where = auditWhere(query);
  if (counting) return { rows: [], totalCount: await em.count(AuditRecord, where) };
  const rows = await em.find(AuditRecord, query.afterId ? { ...where, id: { $gt: query.afterId } } : where, {
    fields: ['id', 'operation', 'resourceType', 'resourceId', 'userId', 'at', 'outcome'],
    orderBy: { id: 'asc' },
    limit: query.limit,
  });
  const views = rows.map(({ id, operation, resourceType, resourceId, userId, at, outcome }) => ({ id, operation, resourceType, resourceId, userId, at, outcome }));
  return { rows: views };
}

/** One page of the failing due work in this database; or, `counting`, only how many there are. */
export async function readDueFailures(em: EntityManager, query: DueFailureQuery, counting: boolean): Promise<RecordsPage<DueFailureView>> {
  if (counting) return { rows: [], totalCount: await em.count(DueWorkFailure, {}) };
  const { rows } = await listDueFailures(em, query.afterId, query.limit);
  return { rows };
}

export type RecordsKind = 'audit-records' | 'due-work-failures';

const ROUTE = /^\/internal\/platform\/(audit-records|due-work-failures)$/;

async function bodyOf(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/** `POST /internal/platform/<kind>` of every subgraph (the server checks the gateway secret first). */
export function platformRecordsRoute(emFor: (caller: Identity | undefined) => EntityManager) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const match = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
    if (!match) return false;
    const { query, counting } = await bodyOf(req);
    // Within the forwarded caller's tenant scope, as its own subgraph reads (ACT-2, AUD-1).
    const em = () => emFor(forwardedIdentity(req));
    const page = match[1] === 'audit-records' ? await readAuditRecords(em(), query as AuditQuery, Boolean(counting)) : await readDueFailures(em(), query as DueFailureQuery, Boolean(counting));
    sendJson(res, 200, page);
    return true;
  };
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** Pages of several databases merged into one, in the order each database sorted its page by (`keyOf`). */
export function mergePages<T>(pages: RecordsPage<T>[], limit: number, keyOf: (row: T) => string[]): RecordsPage<T> {
  const rows = pages.flatMap((page) => page.rows).sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  return { rows: rows.slice(0, limit) };
}

/**
 * This database's page (`local`) and the same page of every other database (through one
 * subgraph of each, `ctx.elsewhere`), merged: the page, and a count read only when asked.
 */
export async function recordsEverywhere<T>(
  ctx: RequestContext<unknown>,
  kind: RecordsKind,
  query: AuditQuery | DueFailureQuery,
  local: (counting: boolean) => Promise<RecordsPage<T>>,
  keyOf: (row: T) => string[],
): Promise<{ rows: T[]; totalCount: () => Promise<number> }> {
  const pages = (counting: boolean) => Promise.all([local(counting), ...(ctx.elsewhere ?? []).map((name) => ctx.graph.platformRecords<T>(name, kind, query, counting))]);
  const { rows } = mergePages(await pages(false), query.limit, keyOf);
  return { rows, totalCount: async () => (await pages(true)).reduce((sum, page) => sum + (page.totalCount ?? 0), 0) };
}

/** The operator's failing due work of every subgraph, whatever database each uses, by queue then item. */
export async function dueFailuresEverywhere(ctx: RequestContext<unknown>, page: { afterId?: string; first: number }) {
  const query: DueFailureQuery = { afterId: page.afterId, limit: page.first + 1 };
  const { rows, totalCount } = await recordsEverywhere(ctx, 'due-work-failures', query, (counting) => readDueFailures(ctx.em, query, counting), (row: DueFailureView) => [row.queue, row.itemId]);
  // Rows from another database arrive as JSON: dates as strings.
  return { rows: rows.map((row) => ({ ...row, firstFailedAt: new Date(row.firstFailedAt), lastFailedAt: new Date(row.lastFailedAt) })), totalCount };
}
