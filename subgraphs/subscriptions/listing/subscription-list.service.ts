import type { FilterQuery } from '@mikro-orm/core';
import { badInput } from '../../../shared/errors';
import { readRows, toReadModels } from '../../../shared/db/read-model';
import { connectionOf, type ConnectionShape } from '../../../shared/graphql/connection';
import { PageInfo } from '../../../shared/graphql/types';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { decodeListCursor, encodeListCursor, type ListPosition } from './list-cursor';
import { SubscriptionListOrder, type SubscriptionListFilter } from './subscription-list.types';

export interface ListRequest {
  filter?: SubscriptionListFilter;
  order: SubscriptionListOrder;
  first: number;
  after?: string;
  /** Whether the query shows `totalCount` (counted only then). */
  counted?: boolean;
  /** The properties the query needs (every column when absent). */
  fields?: (keyof Subscription & string)[];
}

/** An edge whose cursor is encoded only when a query asks for it. */
class ListEdge {
  constructor(
    readonly node: Subscription,
    private readonly order: SubscriptionListOrder,
  ) {}

  get cursor(): string {
    return encodeListCursor(this.order, this.node);
  }
}

/**
 * The caller's subscriptions across all its customers (ACT-2: within the tenant scope), in
 * creation or term-end order, one keyset page at a time: the page starts after the cursor's
 * (sort key, id) inside an index of the partner's subscriptions in that order, so a page deep in
 * 500,000 rows costs what the first page costs (docs/platform.md, "Large partners").
 */
export async function listSubscriptions(ctx: SubscriptionsContext, request: ListRequest): Promise<ConnectionShape<Subscription>> {
  const after = request.after ? decodeListCursor(request.order, request.after) : undefined;
  const where = filterWhere(request.filter);
  const byTermEnd = request.order === SubscriptionListOrder.TERM_END;
  const fields = request.fields && byTermEnd && !request.fields.includes('termEnd') ? [...request.fields, 'termEnd' as const] : request.fields;
  const qb = ctx.em
    .createQueryBuilder(Subscription, 'r')
    .select((fields ?? '*') as never)
    .where(where as never);
  if (after) keysetAfter(qb, byTermEnd, after);
  // ACT-2: the builder applies the tenant filter when asked (the count below is an ORM count, filtered).
  await qb.applyFilters();
  qb.orderBy((byTermEnd ? { termEnd: 'asc', id: 'asc' } : { id: 'asc' }) as never).limit(request.first + 1);
  const rows = toReadModels(ctx.em, Subscription, await readRows(ctx.em, qb.toQuery()));
  const nodes = rows.slice(0, request.first);
  const edges = nodes.map((node) => new ListEdge(node, request.order));
  const pageInfo = Object.assign(new PageInfo(), { hasNextPage: rows.length > request.first, endCursor: edges.at(-1)?.cursor ?? null });
  // Counting every match of a partner-wide list costs what the list is built to avoid: only when asked
  // (then as a number: compiled queries read it as a plain field).
  const count = () => ctx.em.count(Subscription, where as never);
  return connectionOf(edges, pageInfo, request.counted ? await count() : count);
}

/** Rows strictly after the position in the list's order: a row comparison, which the (…, term_end, id) indexes serve as a range. */
function keysetAfter(qb: { andWhere(cond: string | object, params?: unknown[]): unknown }, byTermEnd: boolean, after: ListPosition) {
  if (byTermEnd) qb.andWhere('(r.term_end, r.id) > (?, ?)', [after.termEnd, after.id]);
  else qb.andWhere({ id: { $gt: after.id } });
}

function filterWhere(filter: SubscriptionListFilter | undefined): FilterQuery<Subscription> {
  const where: Record<string, unknown> = {};
  if (!filter) return where;
  if (filter.status) where.status = filter.status;
  if (filter.offerId != null) where.offerId = bounded(filter.offerId, 'offerId');
  if (filter.customerId != null) where.customerId = bounded(filter.customerId, 'customerId');
  if (filter.resellerId != null) where.resellerTenantId = bounded(filter.resellerId, 'resellerId');
  if (filter.autoRenew != null) where.autoRenew = filter.autoRenew;
  const termEnd: Record<string, Date> = {};
  if (filter.termEndAfter) termEnd.$gte = filter.termEndAfter;
  if (filter.termEndBefore) termEnd.$lt = filter.termEndBefore;
  if (Object.keys(termEnd).length) where.termEnd = termEnd;
  return where as FilterQuery<Subscription>;
}

function bounded(value: string, field: string): string {
  if (value.length > 100) throw badInput(`${field} must be at most 100 characters`, ['filter', field]);
  return value;
}
