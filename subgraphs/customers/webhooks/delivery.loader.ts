import DataLoader from 'dataloader';
import { requireIdentity, type RequestContext } from '../../../shared/context';
import { placeholders } from '../../../shared/db/orm';
import { toConnection, type ConnectionShape, type Page } from '../../../shared/graphql/connection';
import { WebhookDeliveryNode } from '../types/webhook.types';

export interface DeliveryPageKey {
  webhookId: string;
  page: Page;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_response_status: number | null;
  next_attempt_at: Date | string | null;
  delivered_at: Date | string | null;
  created_at: Date | string;
  total_count: string | number;
}

const keyOf = (key: DeliveryPageKey) => `${key.webhookId}|${key.page.first}|${key.page.afterId ?? ''}`;
const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

const toNode = (row: DeliveryRow): WebhookDeliveryNode =>
  Object.assign(new WebhookDeliveryNode(), {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    lastResponseStatus: row.last_response_status,
    nextAttemptAt: dateOrNull(row.next_attempt_at),
    deliveredAt: dateOrNull(row.delivered_at),
    createdAt: new Date(row.created_at),
  });

/**
 * A page of deliveries per webhook, every webhook of a list in one query (window paging).
 * The tenant filter repeats the caller's scope: a webhook id alone never reaches another
 * tenant's deliveries (ACT-2).
 */
function createDeliveriesLoader(ctx: RequestContext<unknown>) {
  const tenantId = requireIdentity(ctx).tenantId;
  return new DataLoader<DeliveryPageKey, ConnectionShape<WebhookDeliveryNode>, string>(
    async (keys) => {
      const groups = new Map<string, DeliveryPageKey[]>();
      for (const key of keys) {
        const group = `${key.page.first}|${key.page.afterId ?? ''}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<string, ConnectionShape<WebhookDeliveryNode>>();
      for (const group of groups.values()) {
        const { page } = group[0];
        const webhookIds = group.map((key) => key.webhookId);
        const rows = await ctx.em.execute<DeliveryRow[]>(
          `select * from (
             select f.*, row_number() over (partition by f.webhook_id order by f.id) as page_row
               from (select d.*, count(*) over (partition by d.webhook_id) as total_count
                       from platform.webhook_delivery d
                      where d.webhook_id in (${placeholders(webhookIds)}) and d.tenant_id = ?) f
              where ?::text is null or f.id > ?::text
           ) x where x.page_row <= ? order by x.webhook_id, x.id`,
          [...webhookIds, tenantId, page.afterId ?? null, page.afterId ?? null, page.first + 1],
        );
        const totals = new Map(rows.map((row) => [row.webhook_id, Number(row.total_count)]));
        // Past the last page the window query returns no row to carry the total: count those apart.
        const unknown = page.afterId ? webhookIds.filter((id) => !totals.has(id)) : [];
        if (unknown.length) {
          const counted = await ctx.em.execute<{ webhook_id: string; n: number }[]>(
            `select webhook_id, count(*)::int as n from platform.webhook_delivery where webhook_id in (${placeholders(unknown)}) and tenant_id = ? group by webhook_id`,
            [...unknown, tenantId],
          );
          for (const row of counted) totals.set(row.webhook_id, row.n);
        }
        for (const key of group) {
          const own = rows.filter((row) => row.webhook_id === key.webhookId);
          results.set(keyOf(key), toConnection(own.map(toNode), page, totals.get(key.webhookId) ?? 0));
        }
      }
      return keys.map((key) => results.get(keyOf(key))!);
    },
    { cacheKeyFn: keyOf },
  );
}

const perRequest = new WeakMap<object, ReturnType<typeof createDeliveriesLoader>>();

/** One loader per request context, so batching spans the whole request and nothing outlives it. */
export function deliveriesLoader(ctx: RequestContext<unknown>) {
  let loader = perRequest.get(ctx);
  if (!loader) perRequest.set(ctx, (loader = createDeliveriesLoader(ctx)));
  return loader;
}
