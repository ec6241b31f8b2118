import type { EntityManager } from '../../../shared/db/orm';

/** A few demo subscriptions for the demo customers (idempotent). */
export async function seedSubscriptionsDemo(em: EntityManager, now: Date): Promise<void> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const end = new Date(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), start.getUTCDate() - 1, 23, 59, 59));
  const rows = [
    ['sub-alpine-e3', 'ptn-contoso-direct', 'cus-alpine-ski', 'offer-m365-e3-no-teams', 25, null],
    ['sub-alpine-bi', 'ptn-contoso-direct', 'cus-alpine-ski', 'offer-power-bi-pro', 10, null],
    ['sub-bavaria-bp', 'ptn-fabrikam-provider', 'cus-bavaria-bikes', 'offer-m365-business-premium', 40, 'ptn-northwind-reseller'],
    ['sub-hudson-bs', 'ptn-tailspin-direct', 'cus-hudson-bakery', 'offer-m365-business-standard', 12, null],
  ] as const;
  for (const [id, partner, customer, offer, quantity, reseller] of rows) {
    await em.execute(
      `insert into subscriptions.subscription (id, partner_id, customer_id, offer_id, quantity, status, auto_renew, term_start, term_end,
         term_duration, billing_frequency, reseller_partner_id, reseller_tenant_id, created_at)
       values (?, ?, ?, ?, ?, 'ACTIVE', true, ?, ?, 'P1Y', 'MONTHLY', ?, ?, ?) on conflict do nothing`,
      [id, partner, customer, offer, quantity, start.toISOString(), end.toISOString(), reseller ? '1000003' : null, reseller, now.toISOString()],
    );
  }
}
