import { requireIdentity } from '../../../shared/context';
import { notFound } from '../../../shared/errors';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext } from '../context';
import { renewalInstant } from '../transitions/term';
import { catalogPeer } from '../peers/catalog';
import { customersPeer } from '../peers/customers';

export const CSV_HEADER = ['Subscription ID', 'Name', 'Quantity', 'Status', 'Billing cycle', 'Promotion', 'Reseller'];

/** RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 text: CRLF line ends, header first. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return [CSV_HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** SUB-10 status column: the state, the autorenew state and the renewal (or end) date. */
export function statusText(subscription: Pick<Subscription, 'status' | 'autoRenew' | 'termEnd'>): string {
  const renewal = renewalInstant(subscription.termEnd).toISOString().slice(0, 10);
  const end = subscription.termEnd.toISOString().slice(0, 10);
  if (subscription.status === 'ACTIVE') return subscription.autoRenew ? `Active; autorenew on; renews on ${renewal}` : `Active; autorenew off; expires on ${end}`;
  return `${subscription.status.charAt(0)}${subscription.status.slice(1).toLowerCase()}; autorenew ${subscription.autoRenew ? 'on' : 'off'}; term ends on ${end}`;
}

/**
 * SUB-10: the caller's subscriptions of one customer as CSV. Offer names come from the catalog
 * through the graph, in one call for all offers.
 */
export async function subscriptionsCsv(ctx: SubscriptionsContext, customerId: string): Promise<string> {
  requireIdentity(ctx);
  const subscriptions = await ctx.em.find(Subscription, { customerId }, { orderBy: { id: 'asc' } });
  if (!subscriptions.length) {
    // A customer the caller holds nothing for: an empty export, unless it cannot see the customer at all (ACT-2).
    const customer = await customersPeer.customer(ctx.graph, customerId);
    if (!customer) throw notFound('Customer', customerId);
  }
  const offerIds = [...new Set(subscriptions.map((s) => s.offerId))];
  const offers = await catalogPeer.offers(ctx.graph, offerIds);
  return toCsv(
    subscriptions.map((s) => [
      s.id,
      offers.get(s.offerId)?.name ?? s.offerId,
      String(s.quantity),
      statusText(s),
      s.billingFrequency,
      s.promotionId ?? 'None',
      s.resellerPartnerId ?? '',
    ]),
  );
}
