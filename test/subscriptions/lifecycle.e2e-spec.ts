import Decimal from 'decimal.js';
import { ACCEPT_REQUEST, CREATE_REQUEST, payload } from '../customers/helpers';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { recordStatementsWithParams } from '../../shared/db/sql-stats';
import { numberedPlaceholders } from '../../shared/db/prepared';
import { perTestEra } from '../support/eras';
import { codeOf, dataOf, useStack } from '../support/stack';
import { getSubscription, mutate, setClock, subscribeAt, type Purchase } from './support';
import { priceOf } from './upgrade.fixtures';

/** SPEC §6 lifecycle rules through the gateway, on the sandbox clock. */
describe('subscription lifecycle', () => {
  const t = useStack();
  // Every test replays March 2027 in its own era: the business clock never moves back. The test that
  // processes due work comes first: no earlier era's subscriptions are due then.
  const at = perTestEra();
  let partner: TestPartner;
  let token: string;
  let customerId: string;
  /** The catalog's monthly prices in the customer's market (DE, EUR), which checkout charges. */
  let e3: Decimal;
  let copilot: Decimal;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
    e3 = new Decimal((await priceOf(t, token, 'offer-m365-e3-no-teams')).amount);
    copilot = new Decimal((await priceOf(t, token, 'offer-m365-copilot')).amount);
  });

  /** Bought on the era's 2027-03-01 (10 licenses of Microsoft 365 E3, P1Y billed monthly, unless told otherwise). */
  const newSubscription = (extra: Partial<Purchase> = {}) => subscribeAt(t, { partnerId: partner.id, customerId, at: at('2027-03-01T00:00:00.000Z'), ...extra });
  /** The clock runs on after it is set: instants that follow the purchase are compared to the minute. */
  const minute = (iso: string) => iso.slice(0, 16);

  describe('renewal in progress', () => {
    it('SUB-8: from 00:00 UTC after the term end until renewed, autorenew, suspension, reactivation and cancellation answer CONFLICT; quantity may be changed', async () => {
      const id = await newSubscription({ at: at('2027-04-01T00:00:00.000Z'), termDuration: 'P1M' });
      await setClock(t, at('2027-04-30T23:59:00Z'));
      const sub = await getSubscription(t, token, id);
      expect(sub.termEnd).toBe(at('2027-04-30T23:59:59.999Z'));
      await setClock(t, at('2027-05-01T00:00:00Z'));
      for (const [name, input] of [
        ['setSubscriptionAutoRenew', { subscriptionId: id, enabled: false }],
        ['suspendSubscription', { subscriptionId: id }],
      ] as const) {
        const body = await mutate(t, token, name, input);
        expect(codeOf(body)).toBe('CONFLICT');
        expect(body.errors![0].message).toMatch(/being renewed.*retry/);
      }
      const increase = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 11 })).updateSubscriptionQuantity;
      expect(increase.errors).toEqual([]);
      // A cancellation waits for the renewal: the renewed term's window decides it (SUB-5).
      const cancel = await mutate(t, token, 'cancelSubscription', { subscriptionId: id });
      expect(codeOf(cancel)).toBe('CONFLICT');
      expect(cancel.errors![0].message).toMatch(/being renewed.*retry/);
      const processed = await t.gql(await t.operatorToken(), 'mutation { processDueWork { report { renewed } } }');
      expect(dataOf(processed).processDueWork.report.renewed).toBeGreaterThanOrEqual(1);
      const after = dataOf(await mutate(t, token, 'setSubscriptionAutoRenew', { subscriptionId: id, enabled: false })).setSubscriptionAutoRenew;
      expect(after.subscription).toMatchObject({ autoRenew: false, termStart: at('2027-05-01T00:00:00.000Z'), quantity: 11 });
    });
  });

  describe('updateSubscriptionQuantity', () => {
    it('SUB-2: an increase adds a batch with its own 168-hour window and a prorated charge (SUB-3, exact decimals)', async () => {
      const id = await newSubscription();
      await setClock(t, at('2027-03-03T12:00:00Z'));
      const body = await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 });
      const result = dataOf(body).updateSubscriptionQuantity;
      expect(result.errors).toEqual([]);
      expect(result.subscription.quantity).toBe(12);
      // BIL-2: 2 licenses at the monthly price for 29 of the monthly period's 31 days (Mar 3 counted, to Mar 31).
      const charge = result.subscription.ledger.find((e: any) => e.kind === 'CHARGE' && e.at.startsWith(at('2027-03-03')));
      expect(charge.amount).toEqual({ amount: e3.mul(2).mul(29).div(31).toFixed(2), currency: 'EUR' });
      // The purchase window (until Mar 8 00:00) closes first: all 12 are reducible until then.
      expect(result.subscription.reducibleLicenses).toMatchObject({ quantity: 12, reason: null });
      expect(minute(result.subscription.reducibleLicenses.until)).toBe(at('2027-03-08T00:00'));
      const batches = await t.db.query('select kind, quantity, reducible_until from subscriptions.license_batch where subscription_id = $1 order by added_at', [id]);
      // The clock keeps running after it is set: compare to the minute.
      expect(batches.rows.map((r) => [r.kind, r.quantity, r.reducible_until.toISOString().slice(0, 16)])).toEqual([
        ['PURCHASE', 10, at('2027-03-08T00:00')],
        ['INCREASE', 2, at('2027-03-10T12:00')],
      ]);
    });

    it('SUB-2: a reduction consumes open batches most recent first and refunds the unused days (SUB-3)', async () => {
      const id = await newSubscription();
      await setClock(t, at('2027-03-03T12:00:00Z'));
      dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 }));
      const result = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 5 })).updateSubscriptionQuantity;
      expect(result.errors).toEqual([]);
      const removed = await t.db.query('select kind, removed from subscriptions.license_batch where subscription_id = $1 order by added_at', [id]);
      expect(removed.rows).toEqual([{ kind: 'PURCHASE', removed: 5 }, { kind: 'INCREASE', removed: 2 }]);
      const refund = result.subscription.ledger.find((e: any) => e.kind === 'REFUND');
      // BIL-2: what was billed for 7 licenses (a month each) and not used: the 28 days after Mar 3 of the 31-day period.
      expect(refund.amount.amount).toBe(e3.mul(7).mul(28).div(31).toFixed(2));
      expect(result.subscription.reducibleLicenses).toMatchObject({ quantity: 5, reason: null });
      expect(minute(result.subscription.reducibleLicenses.until)).toBe(at('2027-03-08T00:00'));
    });

    it('SUB-2: once every window has closed, reductions fail with REDUCTION_WINDOW_CLOSED and reducibleLicenses says why', async () => {
      const id = await newSubscription();
      await setClock(t, at('2027-03-09T09:00:00Z'));
      const sub = await getSubscription(t, token, id);
      expect(sub.reducibleLicenses.quantity).toBe(0);
      expect(sub.reducibleLicenses.until).toBeNull();
      expect(sub.reducibleLicenses.reason).toMatch(/168 hours/);
      const refused = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 9 })).updateSubscriptionQuantity;
      expect(refused.subscription).toBeNull();
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'REDUCTION_WINDOW_CLOSED', rule: 'SUB-2' })]);
      // A later increase opens a window for its own licenses only.
      dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 13 }));
      const after = await getSubscription(t, token, id);
      expect(after.reducibleLicenses).toMatchObject({ quantity: 3, reason: null });
      expect(after.reducibleLicenses.until.slice(0, 16)).toBe(at('2027-03-16T09:00'));
      const tooMany = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 9 })).updateSubscriptionQuantity;
      expect(tooMany.errors[0]).toMatchObject({ code: 'REDUCTION_WINDOW_CLOSED', message: expect.stringContaining('Only 3') });
      expect(dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 10 })).updateSubscriptionQuantity.errors).toEqual([]);
    });

    it('SUB-2: a reduction and reducibleLicenses read only the batches they need, however many the subscription had before', async () => {
      const id = await newSubscription();
      // Only the change is asked back: the answer's own fields are read below.
      const change = `mutation($input: UpdateSubscriptionQuantityInput!) { updateSubscriptionQuantity(input: $input) { subscription { quantity } errors { code message } } }`;
      const quantity = async (n: number) => expect(dataOf(await t.gql(token, change, { input: { subscriptionId: id, quantity: n } })).updateSubscriptionQuantity.errors).toEqual([]);
      /** The rows the statements `run` sent read of the license batches (each run again). */
      const batchRowsRead = async (run: () => Promise<unknown>) => {
        const { statements } = await recordStatementsWithParams(run);
        let read = 0;
        for (const statement of statements.filter((s) => /^\s*select/i.test(s.sql) && s.sql.includes('license_batch'))) {
          read += (await t.db.query(numberedPlaceholders(statement.sql) ?? statement.sql, statement.params as unknown[])).rowCount ?? 0;
        }
        return read;
      };
      // Four increases whose windows close on Mar 9, then (after they closed) two more, the last one spent again.
      await setClock(t, at('2027-03-02T00:00:00Z'));
      for (const n of [11, 12, 13, 14]) await quantity(n);
      await setClock(t, at('2027-03-10T00:00:00Z'));
      await quantity(16);
      await quantity(20);
      await quantity(16);
      // Of the subscription's seven batches, the reduction reads the one open batch with licenses left, as a fact and then to change it.
      expect(await batchRowsRead(() => quantity(15))).toBe(2);
      const batches = await t.db.query('select kind, quantity, removed from subscriptions.license_batch where subscription_id = $1 order by added_at, id', [id]);
      expect(batches.rows.filter((b) => b.kind === 'INCREASE').map((b) => [b.quantity, b.removed])).toEqual([
        [1, 0], [1, 0], [1, 0], [1, 0], [2, 1], [4, 4],
      ]);
      // reducibleLicenses: that open batch, and the one whose window closes last (the reason when none is open).
      let shown: any;
      const read = await batchRowsRead(async () => (shown = (await getSubscription(t, token, id)).reducibleLicenses));
      expect(shown).toMatchObject({ quantity: 1, reason: null });
      expect(minute(shown.until)).toBe(at('2027-03-17T00:00'));
      expect(read).toBe(2);
    });

    it('SUB-3: the ledger keeps charges and refunds in the subscription currency, and a refused change writes nothing (AUD-1)', async () => {
      // A Swiss customer pays in its market's currency.
      const swiss = (await createCustomer(t, partner, { country: 'CH' })).id;
      const chf = await priceOf(t, token, 'offer-m365-e3-no-teams', 'CH');
      expect(chf.currency).toBe('CHF');
      const id = await newSubscription({ customerId: swiss });
      await setClock(t, at('2027-03-02T00:00:00Z'));
      dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 11 }));
      const sub = await getSubscription(t, token, id);
      expect(sub.ledger.map((e: any) => [e.kind, e.amount.currency])).toEqual([['CHARGE', 'CHF'], ['CHARGE', 'CHF']]);
      // BIL-1: the first monthly period of 10 licenses.
      expect(sub.ledger[0].amount.amount).toBe(new Decimal(chf.amount).mul(10).toFixed(2));
      // Besides its purchase (createSubscription), the one change.
      const audits = await t.db.query(`select operation, outcome from platform.audit_record where resource_id = $1 and operation <> 'createSubscription'`, [id]);
      expect(audits.rows).toEqual([{ operation: 'updateSubscriptionQuantity', outcome: 'SUCCESS' }]);
      await setClock(t, at('2027-04-01T00:00:00Z'));
      const before = await t.db.query('select count(*)::int as n from subscriptions.ledger_entry where subscription_id = $1', [id]);
      dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 1 }));
      const after = await t.db.query('select count(*)::int as n from subscriptions.ledger_entry where subscription_id = $1', [id]);
      expect(after.rows[0].n).toBe(before.rows[0].n);
      const audited = await t.db.query(`select count(*)::int as n from platform.audit_record where resource_id = $1 and operation <> 'createSubscription'`, [id]);
      expect(audited.rows[0].n).toBe(1);
    });

    it('SUB-4: the 1,200th update is the last one; further updates fail with UPDATE_LIMIT_REACHED', async () => {
      const id = await newSubscription();
      // SQL on purpose: 1,199 updates through the API would take minutes for one assertion; the count is the only thing set here.
      await t.db.query(`update subscriptions.subscription set update_count = 1199 where id = $1`, [id]);
      await setClock(t, at('2027-03-02T00:00:00Z'));
      expect(dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 11 })).updateSubscriptionQuantity.errors).toEqual([]);
      expect((await t.db.query('select update_count from subscriptions.subscription where id = $1', [id])).rows[0].update_count).toBe(1200);
      const refused = dataOf(await mutate(t, token, 'setSubscriptionAutoRenew', { subscriptionId: id, enabled: false })).setSubscriptionAutoRenew;
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'UPDATE_LIMIT_REACHED', rule: 'SUB-4', message: expect.stringMatching(/1200 times.*second subscription/) })]);
      const quantity = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 })).updateSubscriptionQuantity;
      expect(quantity.errors[0].code).toBe('UPDATE_LIMIT_REACHED');
    });

    it('CAT-6: an increase may not take a small-business suite past 300 licenses per customer, across partners', async () => {
      // Another partner with a relationship with the customer (REL-2) holds 100 licenses.
      const other = await onboardPartner(t);
      const request = (await payload(t, await other.token(), CREATE_REQUEST, {})).request;
      expect((await payload(t, await t.token(customerId, ['CUSTOMER_ADMIN']), ACCEPT_REQUEST, { requestId: request.id })).errors).toEqual([]);
      await subscribeAt(t, { partnerId: other.id, customerId, offerId: 'offer-m365-business-basic', quantity: 100, at: at('2027-03-01T00:00:00.000Z') });
      const id = await newSubscription({ offerId: 'offer-m365-business-basic', quantity: 150 });
      await setClock(t, at('2027-03-02T00:00:00Z'));
      const refused = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 201 })).updateSubscriptionQuantity;
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'LICENSE_CAP_EXCEEDED', rule: 'CAT-6', field: ['quantity'] })]);
      expect(dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 200 })).updateSubscriptionQuantity.errors).toEqual([]);
    });

    it("CAT-1: an increase may not take a subscription past its offer's licenses per subscription (the caps asked of the catalog before the unit)", async () => {
      // Microsoft 365 E3 (no Teams) allows 10,000 licenses per subscription.
      const id = await newSubscription({ quantity: 10 });
      await setClock(t, at('2027-03-02T00:00:00Z'));
      const refused = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 10_001 })).updateSubscriptionQuantity;
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'LICENSE_CAP_EXCEEDED', rule: 'CAT-1', field: ['quantity'] })]);
      const allowed = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 10_000 })).updateSubscriptionQuantity;
      expect(allowed.errors).toEqual([]);
      expect(allowed.subscription.quantity).toBe(10_000);
    });

    it('TRI-1: a trial keeps its quantity and status (TRIAL_LOCKED); autorenew may still be turned off', async () => {
      const id = await newSubscription({ offerId: 'offer-m365-e5-no-teams-trial', quantity: 25, termDuration: 'P1M' });
      await setClock(t, at('2027-03-02T00:00:00Z'));
      for (const [name, input] of [
        ['updateSubscriptionQuantity', { subscriptionId: id, quantity: 30 }],
        ['suspendSubscription', { subscriptionId: id }],
        ['cancelSubscription', { subscriptionId: id }],
      ] as const) {
        const payload = dataOf(await mutate(t, token, name, input))[name];
        expect(payload.errors).toEqual([expect.objectContaining({ code: 'TRIAL_LOCKED', rule: 'TRI-1' })]);
      }
      expect(dataOf(await mutate(t, token, 'setSubscriptionAutoRenew', { subscriptionId: id, enabled: false })).setSubscriptionAutoRenew.subscription.autoRenew).toBe(false);
    });
  });

  describe('cancelSubscription', () => {
    it('SUB-5: cancellation within 168 hours of the term start refunds the unused days; CANCELLED is terminal', async () => {
      const id = await newSubscription();
      await setClock(t, at('2027-03-03T12:00:00Z'));
      const result = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id }, 'refund { amount currency }')).cancelSubscription;
      expect(result.errors).toEqual([]);
      expect(result.subscription.status).toBe('CANCELLED');
      expect(result.subscription.autoRenew).toBe(false);
      // BIL-2: what the first monthly period billed for 10 licenses and will not use: 28 of its 31 days.
      expect(result.refund).toEqual({ amount: e3.mul(10).mul(28).div(31).toFixed(2), currency: 'EUR' });
      expect(result.subscription.ledger.map((e: any) => e.kind)).toEqual(['CHARGE', 'REFUND']);
      expect(result.subscription.ledger[1].amount).toEqual(result.refund);
      for (const [name, input] of [
        ['reactivateSubscription', { subscriptionId: id }],
        ['cancelSubscription', { subscriptionId: id }],
        ['updateSubscriptionQuantity', { subscriptionId: id, quantity: 3 }],
      ] as const) {
        const payload = dataOf(await mutate(t, token, name, input))[name];
        expect(payload.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', message: expect.stringContaining('CANCELLED') })]);
      }
      // AUD-1: the refund as before, plus the state after the change that the event carries (AUD-2).
      const audit = await t.db.query(`select operation, details from platform.audit_record where resource_id = $1 and operation <> 'createSubscription'`, [id]);
      expect(minute(result.subscription.termStart)).toBe(at('2027-03-01T00:00'));
      expect(audit.rows).toEqual([
        {
          operation: 'cancelSubscription',
          details: {
            refund: result.refund.amount, currency: 'EUR', status: 'CANCELLED', quantity: 10, offerId: 'offer-m365-e3-no-teams', customerId,
            autoRenew: false, termStart: result.subscription.termStart, termEnd: result.subscription.termEnd,
          },
        },
      ]);
    });

    it('SUB-5: after the first 168 hours cancellation fails with CANCELLATION_WINDOW_CLOSED', async () => {
      const id = await newSubscription();
      // A minute after the 168 hours: the purchase completed a moment after the clock read 2027-03-01 00:00.
      await setClock(t, at('2027-03-08T00:01:00Z'));
      const result = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id }, 'refund { amount }')).cancelSubscription;
      expect(result.errors).toEqual([expect.objectContaining({ code: 'CANCELLATION_WINDOW_CLOSED', rule: 'SUB-5', message: expect.stringContaining(at('2027-03-08T00:00')) })]);
      expect((await getSubscription(t, token, id)).status).toBe('ACTIVE');
    });

    it('SUB-5: marketplace SaaS is refunded in full within its window; the payload states the window end', async () => {
      const id = await newSubscription({ offerId: 'offer-isv-contoso-backup' });
      const monthly = new Decimal((await priceOf(t, token, 'offer-isv-contoso-backup')).amount);
      await setClock(t, at('2027-03-05T00:00:00Z'));
      const result = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id }, 'refund { amount currency } cancellationDeadline')).cancelSubscription;
      expect(result.errors).toEqual([]);
      // Everything billed for the term so far (BIL-1: its first monthly period).
      expect(result.refund).toEqual({ amount: monthly.mul(10).toFixed(2), currency: 'EUR' });
      expect(minute(result.cancellationDeadline)).toBe(at('2027-03-08T00:00'));
    });

    it('SUB-9: cancelling a base subscription cancels its add-ons, each refunded for its unused days', async () => {
      const base = await newSubscription();
      const addOn = await newSubscription({ offerId: 'offer-m365-copilot', quantity: 2 });
      await setClock(t, at('2027-03-03T12:00:00Z'));
      const result = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: base }, 'addOns { id status ledger { kind amount { amount } } }')).cancelSubscription;
      expect(result.errors).toEqual([]);
      expect(result.addOns).toEqual([
        { id: addOn, status: 'CANCELLED', ledger: [
          { kind: 'CHARGE', amount: { amount: copilot.mul(2).toFixed(2) } },
          { kind: 'REFUND', amount: { amount: copilot.mul(2).mul(28).div(31).toFixed(2) } },
        ] },
      ]);
    });

    it('SW-4: Red Hat plans are NOT_CANCELLABLE; software is cancelled only by an ADMIN_AGENT', async () => {
      const redHat = await newSubscription({ offerId: 'offer-rhel-server' });
      const server = await newSubscription({ offerId: 'offer-windows-server-2022-std' });
      await setClock(t, at('2027-03-02T00:00:00Z'));
      const refused = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: redHat })).cancelSubscription;
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'NOT_CANCELLABLE', rule: 'SW-4' })]);
      expect(codeOf(await mutate(t, await partner.token(['HELPDESK_AGENT']), 'cancelSubscription', { subscriptionId: server }))).toBe('FORBIDDEN');
      expect(dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: server })).cancelSubscription.subscription.status).toBe('CANCELLED');
    });
  });

  describe('suspend and reactivate', () => {
    it('SUB-6: suspension turns autorenew off, keeps billing and suspends the add-ons; reactivation keeps autorenew off', async () => {
      const base = await newSubscription();
      // Bought the next day, it ends with its base (SUB-9).
      const addOn = await newSubscription({ offerId: 'offer-m365-copilot', at: at('2027-03-02T00:00:00.000Z') });
      await setClock(t, at('2027-05-01T00:00:00Z'));
      const suspended = dataOf(await mutate(t, token, 'suspendSubscription', { subscriptionId: base }, 'addOns { id status autoRenew }')).suspendSubscription;
      expect(suspended.errors).toEqual([]);
      expect(suspended.subscription).toMatchObject({ status: 'SUSPENDED', autoRenew: false });
      expect(suspended.addOns).toEqual([{ id: addOn, status: 'SUSPENDED', autoRenew: false }]);
      // Billing continues: the monthly periods of March, April and May are charged (BIL-1).
      expect(suspended.subscription.ledger.map((e: any) => e.kind)).toEqual(['CHARGE', 'CHARGE', 'CHARGE']);
      expect((await getSubscription(t, token, addOn)).status).toBe('SUSPENDED');

      const alone = dataOf(await mutate(t, token, 'reactivateSubscription', { subscriptionId: addOn })).reactivateSubscription;
      expect(alone.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'SUB-9', message: expect.stringContaining('SUSPENDED') })]);

      const again = dataOf(await mutate(t, token, 'suspendSubscription', { subscriptionId: base })).suspendSubscription;
      expect(again.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', message: expect.stringContaining('SUSPENDED') })]);

      const reactivated = dataOf(await mutate(t, token, 'reactivateSubscription', { subscriptionId: base }, 'addOns { id status }')).reactivateSubscription;
      expect(reactivated.subscription).toMatchObject({ status: 'ACTIVE', autoRenew: false });
      expect(reactivated.addOns).toEqual([{ id: addOn, status: 'ACTIVE' }]);
      const audits = await t.db.query(`select operation, resource_id from platform.audit_record where resource_id in ($1, $2) and operation <> 'createSubscription' order by at, id`, [base, addOn]);
      expect(audits.rows.map((r) => r.operation).sort()).toEqual(['reactivateSubscription', 'reactivateSubscription', 'suspendSubscription', 'suspendSubscription']);
    });

    it('SUB-1: an illegal transition fails with INVALID_STATE naming the current state', async () => {
      const id = await newSubscription();
      await setClock(t, at('2027-05-01T00:00:00Z'));
      const result = dataOf(await mutate(t, token, 'reactivateSubscription', { subscriptionId: id })).reactivateSubscription;
      expect(result.errors).toEqual([{ code: 'INVALID_STATE', message: 'Cannot reactivate a subscription that is ACTIVE', rule: 'SUB-1', field: null }]);
    });
  });

  describe('setSubscriptionFriendlyName and licenseBatches', () => {
    it('SUB-1: setSubscriptionFriendlyName names the subscription (audited, SUBSCRIPTION_UPDATED), clears it when empty, and refuses a cancelled one', async () => {
      const id = await newSubscription();
      await setClock(t, at('2027-03-02T00:00:00Z'));
      const named = dataOf(await mutate(t, token, 'setSubscriptionFriendlyName', { subscriptionId: id, friendlyName: '  Sales team  ' })).setSubscriptionFriendlyName;
      expect(named.errors).toEqual([]);
      expect(dataOf(await t.gql(token, `query($id: ID!) { subscription(id: $id) { friendlyName version } }`, { id })).subscription).toEqual({ friendlyName: 'Sales team', version: 2 });
      const events = await t.db.query(`select type, data from platform.outbox_event where resource_id = $1 and type <> 'SUBSCRIPTION_CREATED'`, [id]);
      expect(events.rows).toEqual([{ type: 'SUBSCRIPTION_UPDATED', data: expect.objectContaining({ friendlyName: 'Sales team', previousFriendlyName: null }) }]);
      dataOf(await mutate(t, token, 'setSubscriptionFriendlyName', { subscriptionId: id, friendlyName: '' }));
      expect(dataOf(await t.gql(token, `query($id: ID!) { subscription(id: $id) { friendlyName } }`, { id })).subscription.friendlyName).toBeNull();
      expect(codeOf(await mutate(t, token, 'setSubscriptionFriendlyName', { subscriptionId: id, friendlyName: 'x'.repeat(101) }))).toBe('BAD_USER_INPUT');
      dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id }));
      const refused = dataOf(await mutate(t, token, 'setSubscriptionFriendlyName', { subscriptionId: id, friendlyName: 'Later' })).setSubscriptionFriendlyName;
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'SUB-5' })]);
      const stranger = await onboardPartner(t);
      expect(codeOf(await mutate(t, await stranger.token(), 'setSubscriptionFriendlyName', { subscriptionId: id, friendlyName: 'Mine' }))).toBe('NOT_FOUND');
    });

    it('SUB-2: licenseBatches lists each addition with its quantity, when it was added and until when it is reducible', async () => {
      const id = await newSubscription();
      await setClock(t, at('2027-03-03T12:00:00Z'));
      dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 }));
      const batches = dataOf(await t.gql(token, `query($id: ID!) { subscription(id: $id) { licenseBatches { quantity addedAt reducibleUntil } } }`, { id })).subscription.licenseBatches;
      expect(batches[0]).toMatchObject({ quantity: 10 });
      expect([minute(batches[0].addedAt), minute(batches[0].reducibleUntil)]).toEqual([at('2027-03-01T00:00'), at('2027-03-08T00:00')]);
      expect(batches[1]).toMatchObject({ quantity: 2 });
      expect(batches[1].addedAt.slice(0, 16)).toBe(at('2027-03-03T12:00'));
      expect(batches[1].reducibleUntil.slice(0, 16)).toBe(at('2027-03-10T12:00'));
    });
  });
});
