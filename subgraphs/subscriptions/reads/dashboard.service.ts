import { raw, type FilterQuery } from '@mikro-orm/core';
import type { Identity } from '../../../shared/auth/roles';
import type { EntityManager } from '../../../shared/db/orm';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { emptyConnection, soonestConnection, type SoonestPage } from '../../../shared/graphql/soonest-first';
import type { ConnectionShape } from '../../../shared/graphql/connection';
import { Subscription } from '../entities/subscription.entity';
import { cancellationDeadline } from '../transitions/subscription-transitions';
import { HOURS_168_MS } from '../transitions/term';

/**
 * The partner dashboard's subscription lists (API.md "Dashboard fields"): each a page of the
 * partner's subscriptions due within a window of the business clock, soonest first, in two
 * statements (page and total) whatever the page size; the nested fields of the nodes are
 * batched by the subgraph's loaders.
 */

/**
 * ACT-2: a partner sees only its own dashboard (the reseller of record its read-only share, as
 * everywhere: the tenant filter's scope, applied to the builders below); the operator may look
 * at any partner's. The condition picks whose dashboard it is; null: nothing to show.
 */
export function dashboardScope(identity: Identity | undefined, partnerId: string): FilterQuery<Subscription> | null {
  if (!identity) return null;
  if (identity.tenantKind === 'PLATFORM') return { partnerId };
  if (identity.tenantKind === 'PARTNER' && identity.tenantId === partnerId) return {};
  return null;
}

interface DueList {
  /** SQL of the due moment of a row of `subscription s`. */
  dueAt: string;
  /** The list's own conditions besides the window. */
  where: FilterQuery<Subscription>;
  /** The due moment of a loaded row, the cursor's sort key. */
  keyOf: (row: Subscription) => Date;
}

async function dueSubscriptions(em: EntityManager, scope: FilterQuery<Subscription>, list: DueList, from: Date, to: Date, page: SoonestPage): Promise<ConnectionShape<Subscription>> {
  // ACT-2: the builders apply the tenant filter when asked (shared/db/tenant-filter.ts).
  const base = async () => {
    const qb = em
      .createQueryBuilder(Subscription, 's')
      .where({ $and: [scope, list.where] } as never)
      .andWhere(`${list.dueAt} >= ? and ${list.dueAt} <= ?`, [from, to]);
    await qb.applyFilters();
    return qb;
  };
  const rows = (await base()).select('s.*');
  if (page.after) rows.andWhere(`(${list.dueAt}, s.id) > (?::timestamptz, ?)`, [page.after.key, page.after.id]);
  const found = page.first ? await rows.orderBy([{ [raw(list.dueAt)]: 'asc' }, { id: 'asc' }] as never).limit(page.first + 1).getResultList() : [];
  // Counted only if the query shows totalCount.
  const totalCount = async () => (await base()).getCount();
  return soonestConnection(found, page, totalCount, (row) => list.keyOf(row).toISOString());
}

/**
 * SUB-7: ACTIVE subscriptions whose term ends within the window (the end date is inclusive):
 * with autorenew they renew the day after, without it they expire — either way the partner
 * decides before. Trials are listed too: they end (or convert) at their term end.
 */
export function renewalsDue(em: EntityManager, identity: Identity | undefined, partnerId: string, now: Date, until: Date, page: SoonestPage) {
  const scope = dashboardScope(identity, partnerId);
  if (!scope) return emptyConnection<Subscription>();
  return dueSubscriptions(em, scope, { dueAt: 's.term_end', where: { status: SubscriptionStatus.ACTIVE }, keyOf: (row) => row.termEnd }, now, until, page);
}

/**
 * SUB-5: subscriptions still cancellable whose 168-hour cancellation window (from the moment
 * the term was put in place) closes within the window; trials cannot be cancelled (TRI-1).
 */
export function cancellationWindowsClosing(em: EntityManager, identity: Identity | undefined, partnerId: string, now: Date, until: Date, page: SoonestPage) {
  const scope = dashboardScope(identity, partnerId);
  if (!scope) return emptyConnection<Subscription>();
  const hours = HOURS_168_MS / 3_600_000;
  return dueSubscriptions(
    em,
    scope,
    {
      // The SQL form of cancellationDeadline (SUB-5), which gives the cursor's key.
      dueAt: `(coalesce(s.window_opened_at, s.term_start) + interval '${hours} hours')`,
      where: { status: { $in: [SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED] }, isTrial: false },
      keyOf: cancellationDeadline,
    },
    // A window closing exactly now is already closed (SUB-5 refuses at the deadline).
    new Date(now.getTime() + 1),
    until,
    page,
  );
}
