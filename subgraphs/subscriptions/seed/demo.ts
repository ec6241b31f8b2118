import type { EntityManager } from '../../../shared/db/orm';
import { HOURS_168_MS, proratedCharge, termEndFor } from '../services/term';

/**
 * A few demo subscriptions for the demo customers (idempotent), each as a purchase leaves it:
 * the subscription with its currency and monthly unit price (the catalog price of the
 * customer's market at purchase, recorded here as data), its first license batch (SUB-2) and
 * its first ledger charge (SUB-3).
 */
export async function seedSubscriptionsDemo(em: EntityManager, now: Date): Promise<void> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const end = termEndFor(start, 'P1Y');
  const rows = [
    ['sub-alpine-e3', 'ptn-contoso-direct', 'cus-alpine-ski', 'offer-m365-e3-no-teams', 25, null, 'EUR', '31.0500'],
    ['sub-alpine-bi', 'ptn-contoso-direct', 'cus-alpine-ski', 'offer-power-bi-pro', 10, null, 'EUR', '12.8800'],
    ['sub-bavaria-bp', 'ptn-fabrikam-provider', 'cus-bavaria-bikes', 'offer-m365-business-premium', 40, 'ptn-northwind-reseller', 'EUR', '20.2400'],
    ['sub-hudson-bs', 'ptn-tailspin-direct', 'cus-hudson-bakery', 'offer-m365-business-standard', 12, null, 'USD', '12.5000'],
  ] as const;
  for (const [id, partner, customer, offer, quantity, reseller, currency, unitPrice] of rows) {
    const inserted = await em.execute<{ term_start: Date; term_end: Date }[]>(
      `insert into subscriptions.subscription (id, partner_id, customer_id, offer_id, quantity, status, auto_renew, term_start, term_end,
         term_duration, billing_frequency, reseller_partner_id, reseller_tenant_id, currency, unit_price, created_at)
       values (?, ?, ?, ?, ?, 'ACTIVE', true, ?, ?, 'P1Y', 'MONTHLY', ?, ?, ?, ?, ?) on conflict do nothing returning term_start, term_end`,
      [id, partner, customer, offer, quantity, start.toISOString(), end.toISOString(), reseller ? '1000003' : null, reseller, currency, unitPrice, now.toISOString()],
    );
    if (!inserted.length) continue;
    await em.execute(
      `insert into subscriptions.license_batch (id, subscription_id, kind, quantity, added_at, reducible_until)
       values (?, ?, 'PURCHASE', ?, ?, ?) on conflict do nothing`,
      [`lb-${id}`, id, quantity, start.toISOString(), new Date(start.getTime() + HOURS_168_MS).toISOString()],
    );
    await em.execute(
      `insert into subscriptions.ledger_entry (id, subscription_id, kind, amount_value, currency, quantity, description, at)
       values (?, ?, 'CHARGE', ?, ?, ?, 'Initial term charge', ?) on conflict do nothing`,
      [`led-${id}`, id, proratedCharge(unitPrice, quantity, 'P1Y', start, end, start).toFixed(4), currency, quantity, start.toISOString()],
    );
  }
}
