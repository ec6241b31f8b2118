import { recordEvent, requireIdentity, type RequestContext } from '../../../shared/context';
import { isProduction } from '../../../shared/config';
import { badInput, notFound, topLevelError } from '../../../shared/errors';
import type { WebhookEventType } from '../../../shared/events/event-types';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import { newId } from '../../../shared/ids';
import { Webhook } from '../../../shared/platform/entities/webhook.entity';
import { WebhookDelivery } from '../../../shared/platform/entities/webhook-delivery.entity';
import { newSigningSecret } from '../../../shared/webhooks/message';
import { checkDestination } from '../../../shared/webhooks/url-policy';
import { WebhookNode } from '../types/webhook.types';

export interface NewWebhook {
  url: string;
  events: WebhookEventType[];
}

const toNode = (webhook: Webhook): WebhookNode =>
  Object.assign(new WebhookNode(), { id: webhook.id, url: webhook.url, events: webhook.events, createdAt: webhook.createdAt });

/** AUD-2: a partner's webhooks, always scoped to the caller's own tenant (ACT-2). */
export class WebhookService {
  /**
   * The URL policy, DNS included, so it runs before the unit of work opens (no remote call
   * inside a transaction). A refusal is a top-level BAD_USER_INPUT on `url` whose `reason`
   * extension names the rule (MALFORMED, SCHEME_NOT_ALLOWED, CREDENTIALS_IN_URL, …).
   */
  async acceptableUrl(url: string): Promise<string> {
    const checked = await checkDestination(url ?? '', { production: isProduction() });
    if (!checked.ok) throw topLevelError('BAD_USER_INPUT', checked.message, { field: ['url'], reason: checked.reason });
    return checked.url.href;
  }

  async create(ctx: RequestContext<unknown>, input: NewWebhook): Promise<{ webhook: WebhookNode; signingSecret: string }> {
    const identity = requireIdentity(ctx);
    const events = [...new Set(input.events ?? [])];
    if (!events.length) throw badInput('events must name at least one event type', ['events']);
    const signingSecret = newSigningSecret();
    const webhook = ctx.em.create(Webhook, {
      id: newId('whk'),
      tenantId: identity.tenantId,
      url: input.url,
      events,
      secret: signingSecret,
      createdBy: identity.userId,
      createdAt: await ctx.clock.now(),
      deletedAt: null,
    });
    await ctx.em.flush();
    // The secret never goes into the audit row.
    recordEvent(ctx, { resourceType: 'Webhook', resourceId: webhook.id, data: { url: webhook.url, events } });
    return { webhook: toNode(webhook), signingSecret };
  }

  /**
   * Another tenant's webhook is NOT_FOUND (ACT-2). Its pending deliveries end as FAILED so no
   * worker sends them any more; the history stays in the table.
   */
  async delete(ctx: RequestContext<unknown>, webhookId: string): Promise<{ deleted: boolean }> {
    requireIdentity(ctx);
    const webhook = await ctx.em.findOne(Webhook, { id: webhookId, deletedAt: null });
    if (!webhook) throw notFound('Webhook', webhookId);
    webhook.deletedAt = await ctx.clock.now();
    await ctx.em.flush();
    await ctx.em.nativeUpdate(WebhookDelivery, { webhookId: webhook.id, status: 'PENDING' }, { status: 'FAILED', nextAttemptAt: null, lastResponseBody: 'webhook deleted' });
    recordEvent(ctx, { resourceType: 'Webhook', resourceId: webhook.id, data: { url: webhook.url } });
    return { deleted: true };
  }

  /** The caller's live webhooks, oldest first. */
  async list(ctx: RequestContext<unknown>, page: Page) {
    requireIdentity(ctx);
    // ACT-2: the tenant filter keeps the caller's own (shared/db/tenant-filter.ts).
    const where = { deletedAt: null };
    const rows = await ctx.em.find(Webhook, page.afterId ? { ...where, id: { $gt: page.afterId } } : where, { orderBy: { id: 'asc' }, limit: page.first + 1 });
    // Counted only if the query shows totalCount.
    const totalCount = () => ctx.em.count(Webhook, where);
    return toConnection(rows.map(toNode), page, totalCount);
  }
}

export const webhookService = new WebhookService();
