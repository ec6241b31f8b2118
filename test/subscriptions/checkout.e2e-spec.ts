import { createCustomer, onboardPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { relate } from '../transfers/support';
import { buy, createCart, writtenRows } from './checkout.fixtures';
import { mutate } from './support';

const E3 = 'offer-m365-e3-no-teams';

describe('checkoutCart through the gateway', () => {
  const t = useStack();

  describe('ORD-1', () => {
    it('ORD-1: checks a cart out into an order with one subscription per line, charged at the customer market price', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner, { country: 'DE' });
      const before = await writtenRows(t);
      const { payload } = await buy(t, partner, customer.id, [
        { offerId: E3, quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' },
        { offerId: 'offer-power-bi-pro', quantity: 3 },
      ]);
      expect(payload.errors).toEqual([]);
      expect(payload.order.lines.map((l: any) => [l.offer.id, l.quantity, l.status])).toEqual([
        [E3, 10, 'PROVISIONED'],
        ['offer-power-bi-pro', 3, 'PROVISIONED'],
      ]);
      expect(payload.order.lines[0].subscription).toMatchObject({ quantity: 10, status: 'ACTIVE', isTrial: false });
      const after = await writtenRows(t);
      expect(after.subscriptions - before.subscriptions).toBe(2);
      expect(after.batches - before.batches).toBe(2);
      expect(after.ledger - before.ledger).toBe(2);
      expect(after.orders - before.orders).toBe(1);
      expect(after.checkout_audits - before.checkout_audits).toBe(1);
      const { rows } = await t.db.query(
        `select l.currency, l.amount_value, s.unit_price from subscriptions.ledger_entry l join subscriptions.subscription s on s.id = l.subscription_id
          where s.order_id = $1 and s.offer_id = $2`,
        [payload.order.id, E3],
      );
      expect(rows[0].currency.trim()).toBe('EUR');
      // BIL-1: the first monthly period of the annual term: 10 licenses at the monthly unit price.
      expect(Number(rows[0].amount_value)).toBeCloseTo(Number(rows[0].unit_price) * 10, 4);
    });

    it('ORD-1: a checkout failing on its LAST line writes no order, subscription, batch, ledger or audit row', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      const before = await writtenRows(t);
      const auditsBefore = (await t.db.query(`select count(*)::int as n from platform.audit_record where tenant_id = $1`, [partner.id])).rows[0].n;
      const { payload } = await buy(t, partner, customer.id, [
        { offerId: E3, quantity: 5 },
        { offerId: 'offer-power-bi-pro', quantity: 2 },
        { offerId: 'offer-m365-e3', quantity: 1 }, // end-of-sale (CAT-3)
      ]);
      expect(payload.order).toBeNull();
      expect(payload.errors).toEqual([expect.objectContaining({ code: 'OFFER_END_OF_SALE', rule: 'CAT-3' })]);
      expect(await writtenRows(t)).toEqual(before);
      const auditsAfter = (await t.db.query(`select count(*)::int as n from platform.audit_record where tenant_id = $1 and operation = 'checkoutCart'`, [partner.id])).rows[0].n;
      expect(auditsAfter).toBe(0);
      expect(auditsBefore).toBeGreaterThan(0); // createCustomer and createCart were audited
    });
  });

  describe('relationship and customer (REL-1, REL-3, REL-6)', () => {
    it('REL-1, ACT-2: a partner without a relationship cannot even start a cart: NOT_FOUND, as for an unknown customer, and no cart is written', async () => {
      const owner = await onboardPartner(t);
      const stranger = await onboardPartner(t);
      const customer = await createCustomer(t, owner);
      const token = await stranger.token(['ADMIN_AGENT']);
      const cartsBefore = (await t.db.query(`select count(*)::int as n from subscriptions.cart where partner_id = $1`, [stranger.id])).rows[0].n;
      const strangers = await createCart(t, token, customer.id, [{ offerId: E3, quantity: 1 }]);
      const unknown = await createCart(t, token, 'cus-does-not-exist', [{ offerId: E3, quantity: 1 }]);
      for (const response of [strangers, unknown]) expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(strangers.errors?.[0]?.message).toBe(`Customer ${customer.id} not found`);
      expect((await t.db.query(`select count(*)::int as n from subscriptions.cart where partner_id = $1`, [stranger.id])).rows[0].n).toBe(cartsBefore);
    });

    it('REL-3: a customer outside the partner region gets REGION_MISMATCH', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner, { country: 'DE' });
      // The customer's billing country moved to another CSP region after the relationship began.
      // SQL on purpose: no mutation changes a customer's country, and REL-3 refuses a cross-region relationship.
      await t.db.query(`update customers.customer set country = 'US' where id = $1`, [customer.id]);
      const { payload } = await buy(t, partner, customer.id, [{ offerId: E3, quantity: 1 }]);
      expect(payload.errors[0]).toMatchObject({ code: 'REGION_MISMATCH', rule: 'REL-3' });
    });

    it('REL-6: a customer that has not accepted the customer agreement gets CUSTOMER_AGREEMENT_REQUIRED', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner, { agreementAcceptance: null });
      const { payload } = await buy(t, partner, customer.id, [{ offerId: E3, quantity: 1 }]);
      expect(payload.errors).toEqual([expect.objectContaining({ code: 'CUSTOMER_AGREEMENT_REQUIRED', rule: 'REL-6' })]);
    });
  });

  describe('purchasability (CAT-3, CAT-5, CAT-8)', () => {
    it('CAT-3: an end-of-sale SKU cannot be bought from the catalog', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      const { payload } = await buy(t, partner, customer.id, [{ offerId: 'offer-m365-e5', quantity: 1 }]);
      expect(payload.errors).toEqual([expect.objectContaining({ code: 'OFFER_END_OF_SALE', rule: 'CAT-3' })]);
    });

    it('CAT-5: an ISV offer the ISV opted out of CSP for, or exclusive to other partners, is OFFER_NOT_AVAILABLE', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      const optedOut = await buy(t, partner, customer.id, [{ offerId: 'offer-isv-proseware-analytics', quantity: 1 }]);
      expect(optedOut.payload.errors).toEqual([expect.objectContaining({ code: 'OFFER_NOT_AVAILABLE', rule: 'CAT-5' })]);
      const exclusive = await buy(t, partner, customer.id, [{ offerId: 'offer-isv-fabrikam-securemail', quantity: 1 }]);
      expect(exclusive.payload.errors).toEqual([expect.objectContaining({ code: 'OFFER_NOT_AVAILABLE', rule: 'CAT-5' })]);
    });

    it('CAT-8: Azure reservations are not sold in the excluded markets (Åland Islands); server subscriptions are', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner, { country: 'AX' });
      const reservation = await buy(t, partner, customer.id, [{ offerId: 'offer-azure-ri-d2s-v5', quantity: 1, termDuration: 'P1Y', billingFrequency: 'ANNUAL' }]);
      expect(reservation.payload.errors).toEqual([expect.objectContaining({ code: 'OFFER_NOT_AVAILABLE', rule: 'CAT-8' })]);
      const server = await buy(t, partner, customer.id, [{ offerId: 'offer-windows-server-2022-std', quantity: 1, termDuration: 'P1Y', billingFrequency: 'ANNUAL' }]);
      expect(server.payload.errors).toEqual([]);
    });

    it('CAT-8: Azure reservations and server subscriptions are sold to commercial customers only', async () => {
      const partner = await onboardPartner(t);
      const nonprofit = await createCustomer(t, partner, { segment: 'NONPROFIT' });
      const { payload } = await buy(t, partner, nonprofit.id, [
        { offerId: 'offer-azure-ri-d2s-v5', quantity: 1, termDuration: 'P1Y', billingFrequency: 'ANNUAL' },
        { offerId: 'offer-windows-server-2022-std', quantity: 1 },
      ]);
      expect(payload.errors).toEqual([
        expect.objectContaining({ code: 'OFFER_NOT_AVAILABLE', rule: 'CAT-8', message: expect.stringContaining('commercial customers only') }),
        expect.objectContaining({ code: 'OFFER_NOT_AVAILABLE', rule: 'CAT-8', message: expect.stringContaining('commercial customers only') }),
      ]);
    });
  });

  describe('quantity rules (CAT-4, CAT-6, CAT-7)', () => {
    it('CAT-4: a one-per-customer offer cannot be bought twice by the same partner for the customer', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      const trial = 'offer-m365-e5-no-teams-trial';
      const twice = await buy(t, partner, customer.id, [
        { offerId: trial, quantity: 25 },
        { offerId: trial, quantity: 25 },
      ]);
      expect(twice.payload.errors).toEqual([expect.objectContaining({ code: 'ONE_PER_CUSTOMER', rule: 'CAT-4' })]);
      const first = await buy(t, partner, customer.id, [{ offerId: trial, quantity: 25 }]);
      expect(first.payload.errors).toEqual([]);
      expect(first.payload.order.lines[0].subscription.isTrial).toBe(true);
      const again = await buy(t, partner, customer.id, [{ offerId: trial, quantity: 25 }]);
      expect(again.payload.errors).toEqual([expect.objectContaining({ code: 'ONE_PER_CUSTOMER', rule: 'CAT-4' })]);
    });

    it('CAT-6: small-business suites are capped at 300 licenses per customer, existing plus cart', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      const basic = 'offer-m365-business-basic';
      expect((await buy(t, partner, customer.id, [{ offerId: basic, quantity: 250 }])).payload.errors).toEqual([]);
      const over = await buy(t, partner, customer.id, [{ offerId: basic, quantity: 51 }]);
      expect(over.payload.errors).toEqual([expect.objectContaining({ code: 'LICENSE_CAP_EXCEEDED', rule: 'CAT-6' })]);
      expect((await buy(t, partner, customer.id, [{ offerId: basic, quantity: 50 }])).payload.errors).toEqual([]);
    });

    it("CAT-7: Copilot may not exceed the eligible base licenses of all partners' subscriptions plus the cart", async () => {
      const partner = await onboardPartner(t);
      const other = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      // Another partner's 10 E3 licenses count for the customer; only the number is used.
      await relate(t, other, customer.id);
      expect((await buy(t, other, customer.id, [{ offerId: E3, quantity: 10 }])).payload.errors).toEqual([]);
      const none = await buy(t, partner, customer.id, [{ offerId: 'offer-m365-copilot', quantity: 11 }]);
      expect(none.payload.errors).toEqual([expect.objectContaining({ code: 'ADDON_LIMIT_EXCEEDED', rule: 'CAT-7' })]);
      const withCartBase = await buy(t, partner, customer.id, [
        { offerId: 'offer-m365-copilot', quantity: 15 },
        { offerId: E3, quantity: 5 },
      ]);
      expect(withCartBase.payload.errors).toEqual([]);
    });

    it('CAT-7: an add-on without any base license gets ADDON_PREREQUISITE_MISSING', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      const { payload } = await buy(t, partner, customer.id, [{ offerId: 'offer-m365-copilot', quantity: 1 }]);
      expect(payload.errors).toEqual([expect.objectContaining({ code: 'ADDON_PREREQUISITE_MISSING', rule: 'CAT-7' })]);
    });

    it('CAT-7: Multi-Geo needs at least 5% of the eligible base licenses (400 base → 20)', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      expect((await buy(t, partner, customer.id, [{ offerId: E3, quantity: 400 }])).payload.errors).toEqual([]);
      const low = await buy(t, partner, customer.id, [{ offerId: 'offer-multi-geo', quantity: 19 }]);
      expect(low.payload.errors).toEqual([expect.objectContaining({ code: 'ADDON_MINIMUM_NOT_MET', rule: 'CAT-7' })]);
      const enough = await buy(t, partner, customer.id, [{ offerId: 'offer-multi-geo', quantity: 20 }]);
      expect(enough.payload.errors).toEqual([]);
    });

    it("SUB-9: an add-on aligns its term end with the partner's live base subscription", async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      const base = await buy(t, partner, customer.id, [{ offerId: E3, quantity: 20, termDuration: 'P1Y' }]);
      const baseSub = base.payload.order.lines[0].subscription;
      const addOn = await buy(t, partner, customer.id, [{ offerId: 'offer-m365-copilot', quantity: 5, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
      expect(addOn.payload.errors).toEqual([]);
      expect(addOn.payload.order.lines[0].subscription.termEnd).toBe(baseSub.termEnd);
      const { rows } = await t.db.query(`select base_subscription_id from subscriptions.subscription where id = $1`, [addOn.payload.order.lines[0].subscription.id]);
      expect(rows[0].base_subscription_id).toBe(baseSub.id);
    });
  });

  describe('ORD-4', () => {
    it('ORD-4: the directory subscription limit counts live subscriptions across all partners', async () => {
      const partner = await onboardPartner(t);
      const other = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      // A directory limit of 3 (DIRECTORY_SUBSCRIPTION_LIMIT), so that a few checkouts reach it.
      const saved = process.env.DIRECTORY_SUBSCRIPTION_LIMIT;
      process.env.DIRECTORY_SUBSCRIPTION_LIMIT = '3';
      try {
        await relate(t, other, customer.id);
        const held = await buy(t, other, customer.id, [{ offerId: 'offer-power-bi-pro', quantity: 1 }, { offerId: 'offer-power-bi-pro', quantity: 1 }]);
        expect(held.payload.errors).toEqual([]);
        // A subscription the other partner bought and cancelled is not live: it does not count.
        const cancelled = (await buy(t, other, customer.id, [{ offerId: E3, quantity: 1 }])).payload.order.lines[0].subscription.id;
        expect(dataOf(await mutate(t, await other.token(), 'cancelSubscription', { subscriptionId: cancelled })).cancelSubscription.errors).toEqual([]);
        expect((await buy(t, partner, customer.id, [{ offerId: E3, quantity: 1 }])).payload.errors).toEqual([]);
        const full = await buy(t, partner, customer.id, [{ offerId: 'offer-power-bi-pro', quantity: 1 }]);
        expect(full.payload.errors).toEqual([expect.objectContaining({ code: 'SUBSCRIPTION_LIMIT_REACHED', rule: 'ORD-4' })]);
      } finally {
        if (saved === undefined) delete process.env.DIRECTORY_SUBSCRIPTION_LIMIT;
        else process.env.DIRECTORY_SUBSCRIPTION_LIMIT = saved;
      }
    });
  });

  describe('ORD-6', () => {
    it('ORD-6: marketplace SaaS with a free trial starts its 30-day trial and the order returns the setup link', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      const { payload } = await buy(t, partner, customer.id, [{ offerId: 'offer-isv-adatum-projecthub', quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
      expect(payload.errors).toEqual([]);
      const line = payload.order.lines[0];
      expect(line.setupUrl).toBe('https://projecthub.adatum.example/landing');
      expect(line.subscription.isTrial).toBe(true);
      const start = new Date(line.subscription.termStart);
      const end = new Date(line.subscription.termEnd);
      const startDay = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
      expect(end.getTime() + 1 - startDay).toBe(30 * 24 * 3600 * 1000);
      const { rows } = await t.db.query(`select s.auto_renew, s.unit_price, (select coalesce(sum(amount_value), 0) from subscriptions.ledger_entry l where l.subscription_id = s.id) as charged
        from subscriptions.subscription s where s.id = $1`, [line.subscription.id]);
      expect(rows[0].auto_renew).toBe(true);
      expect(Number(rows[0].charged)).toBe(0);
      expect(Number(rows[0].unit_price)).toBeGreaterThan(0);
    });

    it('ORD-6: a marketplace offer without a trial is paid at once and still returns its setup link', async () => {
      const partner = await onboardPartner(t);
      const customer = await createCustomer(t, partner);
      const { payload } = await buy(t, partner, customer.id, [{ offerId: 'offer-isv-contoso-backup', quantity: 3 }]);
      expect(payload.errors).toEqual([]);
      expect(payload.order.lines[0].setupUrl).toBe('https://backup.contoso-software.example/csp/setup');
      expect(payload.order.lines[0].subscription.isTrial).toBe(false);
    });
  });
});
