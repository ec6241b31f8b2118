import type { EntityManager } from '../../../shared/db/orm';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A demo Enterprise Agreement (README dashboard): Alpine Ski GmbH, customer of Contoso, ends 75
 * days after the first seeding, inside the EA-2 window. Its subscriptions show each EA-3 case:
 * available SKUs, an end-of-sale one renewed as it is (EA-4), a government one that takes the
 * manual path. Offer ids are the catalog's, as the import would have found them. Idempotent.
 */
export async function seedTransfersDemo(em: EntityManager, now: Date): Promise<void> {
  const endDate = new Date(now.getTime() + 75 * DAY_MS).toISOString().slice(0, 10);
  const inserted = await em.execute(
    `insert into transfers.enterprise_agreement (id, customer_id, number, end_date, in_extended_term, imported_at)
     values ('ea-alpine-ski', 'cus-alpine-ski', 'EA-7312-4490', ?, false, ?) on conflict do nothing`,
    [endDate, now.toISOString()],
    'run',
  );
  if ((inserted as { affectedRows?: number }).affectedRows === 0) return;
  const rows = [
    ['eas-alpine-e3', 'Microsoft_365_E3_(no_Teams)', 'offer-m365-e3-no-teams', 120, true],
    ['eas-alpine-bi', 'Power_BI_Pro', 'offer-power-bi-pro', 15, true],
    ['eas-alpine-e5-teams', 'Microsoft_365_E5', 'offer-m365-e5', 30, true],
    ['eas-alpine-g3', 'Office_365_G3', 'offer-o365-g3', 10, false],
  ] as const;
  for (const [id, provisioningId, offerId, quantity, commercial] of rows) {
    await em.execute(
      `insert into transfers.ea_subscription (id, agreement_id, provisioning_id, offer_id, quantity, end_date, commercial)
       values (?, 'ea-alpine-ski', ?, ?, ?, ?, ?) on conflict do nothing`,
      [id, provisioningId, offerId, quantity, endDate, commercial],
    );
  }
}
