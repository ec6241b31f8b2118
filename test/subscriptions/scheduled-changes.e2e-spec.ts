import Decimal from 'decimal.js';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { perTestEra } from '../support/eras';
import { codeOf, dataOf, useStack } from '../support/stack';
import { mutate, processDueWork, setClock, subscribeAt, type Purchase } from './support';
import { auditsOf, eventsOf, priceOf, readSubscription, removeScheduledChange, rowCounts, scheduleRenewalChange, upgradeSubscription } from './upgrade.fixtures';

const E3 = 'offer-m365-e3-no-teams';
const E5 = 'offer-m365-e5-no-teams';

/** Scheduled changes applied at the next renewal (SCH-1, SCH-2, SCH-3, UPG-2, UPG-6, SUB-8). */
describe('scheduled changes', () => {
  const t = useStack();
  // Each test buys on its own era's 2027-01-01: the business clock never moves back. The renewal test
  // comes first, so that no earlier era's subscriptions are due when it processes due work.
  const at = perTestEra();
  let partner: TestPartner;
  let token: string;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
  });

  /** An annual subscription bought on 2027-01-01 of the era (ends 2027-12-31, renews 2028-01-01), 10 licenses billed monthly at the catalog price. */
  const annual = (extra: Partial<Purchase> = {}) => subscribeAt(t, { partnerId: partner.id, customerId, offerId: E3, at: at('2027-01-01T00:00:00.000Z'), ...extra });
  const schedule = async (input: Record<string, unknown>) => dataOf(await scheduleRenewalChange(t, token, input)).scheduleRenewalChange;
  const saved = async (id: string) => (await readSubscription(t, token, id)).scheduledChange;

  it('SCH-1: the renewal applies each kind of scheduled change (SKU, quantity up and down, term, billing, coterminous end) and deletes it; SUB-8: read-only while it is processed', async () => {
    const ids = {
      sku: await annual(),
      up: await annual(),
      down: await annual(),
      term: await annual(),
      billing: await annual(),
      coterminous: await annual(),
    };
    const other = await annual({ at: at('2027-07-01T00:00:00.000Z') });
    expect((await schedule({ subscriptionId: ids.sku, offerId: E5 })).errors).toEqual([]);
    expect((await schedule({ subscriptionId: ids.up, quantity: 15 })).errors).toEqual([]);
    expect((await schedule({ subscriptionId: ids.down, quantity: 6 })).errors).toEqual([]);
    expect((await schedule({ subscriptionId: ids.term, termDuration: 'P1M' })).errors).toEqual([]);
    expect((await schedule({ subscriptionId: ids.billing, billingFrequency: 'ANNUAL' })).errors).toEqual([]);
    expect((await schedule({ subscriptionId: ids.coterminous, coterminousWithSubscriptionId: other })).errors).toEqual([]);
    const price = await priceOf(t, token, E5);
    /** BIL-7: the price per licence and billing period of Microsoft 365 E3 for a renewal into `term` billed `billing`. */
    const renewal = async (term: string, billing: string) =>
      new Decimal(dataOf(await t.gql(token, `query($term: String!, $billing: BillingFrequency!, $at: DateTime!) { offer(id: "${E3}") {
        priceQuote(market: "DE", termDuration: $term, billingFrequency: $billing, at: $at, target: RENEWAL) { effectivePrice { amount } } } }`,
      { term, billing, at: at('2028-01-01T00:00:00Z') })).offer.priceQuote.effectivePrice.amount);
    const [monthly, oneMonth, yearly] = [await renewal('P1Y', 'MONTHLY'), await renewal('P1M', 'MONTHLY'), await renewal('P1Y', 'ANNUAL')];

    // SUB-8: from 00:00 UTC after the end date until the renewal is done, scheduled changes are read-only.
    await setClock(t, at('2028-01-01T00:30:00Z'));
    expect(codeOf(await scheduleRenewalChange(t, token, { subscriptionId: ids.up, quantity: 20 }))).toBe('CONFLICT');
    expect(codeOf(await removeScheduledChange(t, token, ids.up))).toBe('CONFLICT');
    expect(codeOf(await upgradeSubscription(t, token, { subscriptionId: ids.up, targetOfferId: E5, quantity: 10, timing: 'AT_RENEWAL' }))).toBe('CONFLICT');

    await setClock(t, at('2028-01-01T06:00:00Z'));
    expect((await processDueWork(t)).renewed).toBe(6);
    const read = async (id: string) => readSubscription(t, token, id);
    const charge = (s: any) => s.ledger[s.ledger.length - 1].amount.amount;
    const sku = await read(ids.sku);
    expect(sku).toMatchObject({ offer: { id: E5 }, quantity: 10, termStart: at('2028-01-01T00:00:00.000Z'), termEnd: at('2028-12-31T23:59:59.999Z'), scheduledChange: null });
    // BIL-1: a monthly-billed term charges its first month at the renewal.
    expect(charge(sku)).toBe((Number(price.amount) * 10).toFixed(2));
    expect(await read(ids.up)).toMatchObject({ quantity: 15, reducibleLicenses: { quantity: 15 } });
    expect(charge(await read(ids.up))).toBe(monthly.mul(15).toFixed(2));
    expect(await read(ids.down)).toMatchObject({ quantity: 6 });
    expect(charge(await read(ids.down))).toBe(monthly.mul(6).toFixed(2));
    expect(await read(ids.term)).toMatchObject({ termDuration: 'P1M', termEnd: at('2028-01-31T23:59:59.999Z') });
    expect(charge(await read(ids.term))).toBe(oneMonth.mul(10).toFixed(2));
    expect(await read(ids.billing)).toMatchObject({ billingFrequency: 'ANNUAL', termDuration: 'P1Y' });
    // BIL-1: billed annually, the renewed year is charged at once.
    expect(charge(await read(ids.billing))).toBe(yearly.mul(10).toFixed(2));
    const coterminous = await read(ids.coterminous);
    expect(coterminous).toMatchObject({ termStart: at('2028-01-01T00:00:00.000Z'), termEnd: at('2028-06-30T23:59:59.999Z') });
    // BIL-1: the shorter term still runs from the 1st: its first monthly period is a whole month.
    expect(charge(coterminous)).toBe(monthly.mul(10).toFixed(2));
    const { rows } = await t.db.query('select count(*)::int as n from subscriptions.scheduled_change where subscription_id = any($1)', [Object.values(ids)]);
    expect(rows[0].n).toBe(0);
    // SCH-3: the renewal event says how licenses are reassigned.
    const renewed = (await eventsOf(t, ids.sku)).find((e) => e.type === 'SUBSCRIPTION_RENEWED');
    expect(renewed?.data).toMatchObject({ offerId: E5, previousOfferId: E3, scheduledChange: true, licenseReassignment: 'AUTOMATIC' });
  });

  it('SCH-1: a change is saved on an ACTIVE subscription with autorenew on; it can be viewed, replaced and removed; each is an audited SUBSCRIPTION_UPDATED', async () => {
    const id = await annual();
    const first = await schedule({ subscriptionId: id, offerId: E5, quantity: 12, billingFrequency: 'ANNUAL' });
    expect(first.errors).toEqual([]);
    expect(first.subscription.scheduledChange).toEqual({ offer: { id: E5 }, quantity: 12, termDuration: null, billingFrequency: 'ANNUAL', customTermEnd: null });
    expect(await saved(id)).toEqual(first.subscription.scheduledChange);
    // Saving again replaces the whole change.
    const replaced = await schedule({ subscriptionId: id, quantity: 8 });
    expect(replaced.subscription.scheduledChange).toEqual({ offer: null, quantity: 8, termDuration: null, billingFrequency: null, customTermEnd: null });
    const removed = dataOf(await removeScheduledChange(t, token, id)).removeScheduledChange;
    expect(removed.errors).toEqual([]);
    expect(removed.subscription.scheduledChange).toBeNull();
    // Removing what is not there changes nothing (no event, only its audit record).
    expect(dataOf(await removeScheduledChange(t, token, id)).removeScheduledChange.errors).toEqual([]);
    // After the purchase's SUBSCRIPTION_CREATED.
    expect((await eventsOf(t, id)).map((e) => e.type)).toEqual(['SUBSCRIPTION_CREATED', 'SUBSCRIPTION_UPDATED', 'SUBSCRIPTION_UPDATED', 'SUBSCRIPTION_UPDATED']);
    expect(await auditsOf(t, id)).toEqual(expect.arrayContaining(['scheduleRenewalChange', 'scheduleRenewalChange', 'removeScheduledChange', 'removeScheduledChange']));
    expect((await eventsOf(t, id))[1].data.scheduledChange).toEqual({ offerId: E5, quantity: 12, billingFrequency: 'ANNUAL' });
  });

  it('SCH-1: only on an ACTIVE subscription with autorenew on (AUTORENEW_REQUIRED, INVALID_STATE); the SKU must be an eligible upgrade sold with the term (CAT-10, CAT-1); a refusal leaves nothing', async () => {
    const noRenew = await annual({ autoRenew: false });
    const suspended = await annual({ suspended: true });
    const active = await annual();
    const copilot = await annual({ offerId: 'offer-m365-copilot' });
    const before = await rowCounts(t);
    expect((await schedule({ subscriptionId: noRenew, quantity: 12 })).errors).toEqual([expect.objectContaining({ code: 'AUTORENEW_REQUIRED', rule: 'SCH-1' })]);
    expect((await schedule({ subscriptionId: suspended, quantity: 12 })).errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'SCH-1', message: expect.stringContaining('SUSPENDED') })]);
    expect((await schedule({ subscriptionId: active, offerId: 'offer-o365-e1-no-teams' })).errors).toEqual([expect.objectContaining({ code: 'UPGRADE_NOT_ELIGIBLE', field: ['targetOfferId'] })]);
    expect((await schedule({ subscriptionId: copilot, termDuration: 'P3Y' })).errors).toEqual([expect.objectContaining({ code: 'UPGRADE_NOT_ELIGIBLE', rule: 'CAT-1', field: ['termDuration'] })]);
    expect(codeOf(await scheduleRenewalChange(t, token, { subscriptionId: active }))).toBe('BAD_USER_INPUT');
    expect(await rowCounts(t)).toEqual(before);
  });

  it('SCH-2: a saved change is deleted when the subscription is cancelled, autorenew is turned off, its quantity changes or its SKU is upgraded', async () => {
    const changes: [string, (id: string) => Promise<unknown>][] = [
      ['cancelSubscription', (id) => mutate(t, token, 'cancelSubscription', { subscriptionId: id })],
      ['setSubscriptionAutoRenew', (id) => mutate(t, token, 'setSubscriptionAutoRenew', { subscriptionId: id, enabled: false })],
      ['updateSubscriptionQuantity', (id) => mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 11 })],
      ['upgradeSubscription', (id) => upgradeSubscription(t, token, { subscriptionId: id, targetOfferId: E5, quantity: 10 })],
    ];
    // Cancellation needs the 168-hour window (SUB-5): bought just now.
    const bought: string[] = [];
    for (let i = 0; i < changes.length; i++) bought.push(await annual({ at: at('2027-04-29T00:00:00.000Z') }));
    await setClock(t, at('2027-05-01T10:00:00Z'));
    for (const [name, change] of changes) {
      const id = bought.shift()!;
      expect((await schedule({ subscriptionId: id, quantity: 15 })).errors).toEqual([]);
      const body: any = await change(id);
      expect({ name, errors: body.errors ?? Object.values(body.data)[0] }).toMatchObject({ name, errors: { errors: [] } });
      const { rows } = await t.db.query('select count(*)::int as n from subscriptions.scheduled_change where subscription_id = $1', [id]);
      expect({ name, left: rows[0].n }).toEqual({ name, left: 0 });
    }
  });

  it('SCH-3/UPG-2: an upgrade AT_RENEWAL is a scheduled SKU change: AUTOMATIC reassignment with the same quantity, MANUAL (with a warning) with another', async () => {
    const [sources, target] = [[await annual(), await annual(), await annual()], await annual({ offerId: E5 })];
    const same = dataOf(await upgradeSubscription(t, token, { subscriptionId: sources[0], targetOfferId: E5, quantity: 10, timing: 'AT_RENEWAL' })).upgradeSubscription;
    expect(same).toMatchObject({ errors: [], licenseReassignment: 'AUTOMATIC', warnings: [], target: null });
    expect(same.source).toMatchObject({ offer: { id: E3 }, quantity: 10, scheduledChange: { offer: { id: E5 }, quantity: null } });
    const fewer = dataOf(await upgradeSubscription(t, token, { subscriptionId: sources[1], targetOfferId: E5, quantity: 6, timing: 'AT_RENEWAL' })).upgradeSubscription;
    expect(fewer).toMatchObject({ errors: [], licenseReassignment: 'MANUAL', warnings: [expect.stringContaining('SCH-3')] });
    expect(fewer.source.scheduledChange).toMatchObject({ offer: { id: E5 }, quantity: 6 });
    const into = dataOf(await upgradeSubscription(t, token, { subscriptionId: sources[2], targetOfferId: E5, quantity: 10, timing: 'AT_RENEWAL', targetSubscriptionId: target })).upgradeSubscription;
    expect(into.errors).toEqual([expect.objectContaining({ code: 'TARGET_SUBSCRIPTION_INVALID', rule: 'SCH-1' })]);
  });

  it('SCH-1/UPG-6: a coterminous end date must fall within the next term of an active subscription of the customer', async () => {
    const id = await annual();
    const other = await annual({ at: at('2027-07-01T00:00:00.000Z') });
    const far = await annual({ at: at('2027-07-01T00:00:00.000Z'), termDuration: 'P3Y' });
    const aligned = await schedule({ subscriptionId: id, coterminousWithSubscriptionId: other });
    expect(aligned.errors).toEqual([]);
    expect(aligned.subscription.scheduledChange.customTermEnd).toBe(at('2028-06-30T23:59:59.999Z'));
    expect((await schedule({ subscriptionId: id, coterminousWithSubscriptionId: far })).errors).toEqual([
      expect.objectContaining({ code: 'TARGET_SUBSCRIPTION_INVALID', rule: 'SCH-1', field: ['coterminousWithSubscriptionId'] }),
    ]);
  });
});
