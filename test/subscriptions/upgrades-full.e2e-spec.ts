import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { perTestEra } from '../support/eras';
import { dataOf, useStack } from '../support/stack';
import { agreement, agreementNumber, relate, schedule, scheduleById } from '../transfers/support';
import { clockAt, mutate, processDueWork, setClock, subscribeAt, type Purchase } from './support';
import { auditsOf, eventsOf, priceOf, prorated, readSubscription, rowCounts, scheduleRenewalChange, upgradeSubscription } from './upgrade.fixtures';

const E3 = 'offer-m365-e3-no-teams';
const E5 = 'offer-m365-e5-no-teams';

/** Full upgrades now (UPG-1, UPG-2, UPG-3, UPG-6, CAT-10), their money (SUB-3) and events (AUD-1, AUD-2). */
describe('full upgrades', () => {
  const t = useStack();
  // Each test buys on its own era's 2027-01-01 and upgrades on 2027-05-01: the business clock never moves back.
  const at = perTestEra();
  let partner: TestPartner;
  let token: string;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
  });

  /** An annual subscription bought on 2027-01-01 of the era (ends 2027-12-31), 10 licenses billed monthly at the catalog price. */
  const annual = (extra: Partial<Purchase> = {}) => subscribeAt(t, { partnerId: partner.id, customerId, offerId: E3, at: at('2027-01-01T00:00:00.000Z'), ...extra });
  /** The day of the upgrades: 2027-05-01 10:00 of the era. */
  const firstOfMay = () => clockAt(t, at('2027-05-01T10:00:00Z'));

  it('UPG-1/CAT-10: upgradeOptions lists only the eligible targets of the catalog policy', async () => {
    const [e3Id, e1Id, defenderId, emsId] = [await annual(), await annual({ offerId: 'offer-o365-e1-no-teams' }), await annual({ offerId: 'offer-defender-endpoint-p1' }), await annual({ offerId: 'offer-ems-e3' })];
    // Office 365 E1 with Teams is end of sale (CAT-3): an EA renewal still makes one (EA-8), processed the day after the EA ends.
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate: at('2027-01-31'), subscriptions: [{ offerProvisioningId: 'Office_365_E1', quantity: 10, endDate: at('2027-01-31') }] });
    const made = await schedule(t, token, { eaSubscriptionId: ea.sub.Office_365_E1 });
    expect(made.errors).toEqual([]);
    await setClock(t, at('2027-02-01T12:00:00Z'));
    await processDueWork(t);
    const withTeamsId = (await scheduleById(t, token, made.schedule.id)).subscription.id;

    const e3 = await readSubscription(t, token, e3Id);
    expect(e3.upgradeOptions).toEqual([{ offer: { id: E5 }, kind: 'LINEAR' }]);
    // Without Teams never leads to with Teams (CAT-10); with Teams leads one way to without Teams.
    const e1 = await readSubscription(t, token, e1Id);
    expect(e1.upgradeOptions.map((o: any) => o.offer.id).sort()).toEqual(['offer-m365-e3-no-teams', 'offer-m365-e5-no-teams', 'offer-o365-e3-no-teams', 'offer-o365-e5-no-teams']);
    const withTeams = await readSubscription(t, token, withTeamsId);
    expect(withTeams.offer.id).toBe('offer-o365-e1');
    expect(withTeams.upgradeOptions.map((o: any) => o.offer.id)).toEqual(expect.arrayContaining(['offer-o365-e1-no-teams', 'offer-o365-e3']));
    // Seed 002's unsupported paths are not offered (Defender for Endpoint P1 → P2).
    expect((await readSubscription(t, token, defenderId)).upgradeOptions).toEqual([]);
    const ems = await readSubscription(t, token, emsId);
    expect(ems.upgradeOptions.map((o: any) => o.offer.id)).not.toContain('offer-ems-e5');
    expect(ems.upgradeOptions.every((o: any) => o.kind === 'MANY_TO_ONE')).toBe(true);
  });

  it('UPG-1/CAT-10: a downgrade, a without-Teams → with-Teams suite and an unsupported path are refused with UPGRADE_NOT_ELIGIBLE, leaving nothing', async () => {
    const cases: [string, string, RegExp][] = [
      [E5, E3, /[Dd]owngrade/],
      ['offer-o365-e3-no-teams', 'offer-o365-e3', /Teams/],
      ['offer-ems-e3', 'offer-ems-e5', /not supported/],
      ['offer-defender-endpoint-p1', 'offer-defender-endpoint-p2', /not supported/],
    ];
    const ids: string[] = [];
    for (const [from] of cases) ids.push(await annual({ offerId: from }));
    await firstOfMay();
    for (const [from, to, reason] of cases) {
      const id = ids[cases.findIndex(([source]) => source === from)];
      const before = await rowCounts(t);
      const refused = dataOf(await upgradeSubscription(t, token, { subscriptionId: id, targetOfferId: to, quantity: 10 })).upgradeSubscription;
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'UPGRADE_NOT_ELIGIBLE', message: expect.stringMatching(reason), field: ['targetOfferId'] })]);
      expect(await rowCounts(t)).toEqual(before);
    }
  });

  it('UPG-1: only an ACTIVE subscription is upgraded (INVALID_STATE naming its state); a trial converts instead (TRI-3)', async () => {
    const suspended = await annual({ suspended: true });
    // One trial per customer (CAT-4): a customer of its own.
    const trial = await annual({ customerId: (await createCustomer(t, partner)).id, offerId: 'offer-m365-e5-no-teams-trial', quantity: 25, termDuration: 'P1M', at: at('2027-04-20T00:00:00.000Z') });
    await firstOfMay();
    const refused = dataOf(await upgradeSubscription(t, token, { subscriptionId: suspended, targetOfferId: E5, quantity: 10 })).upgradeSubscription;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'UPG-1', message: expect.stringContaining('SUSPENDED') })]);
    expect((await readSubscription(t, token, suspended)).upgradeOptions).toEqual([]);
    const trialRefused = dataOf(await upgradeSubscription(t, token, { subscriptionId: trial, targetOfferId: E5, quantity: 25 })).upgradeSubscription;
    expect(trialRefused.errors).toEqual([expect.objectContaining({ code: 'UPGRADE_NOT_ELIGIBLE', rule: 'TRI-3' })]);
    expect((await readSubscription(t, token, trial)).upgradeOptions).toEqual([]);
  });

  it('UPG-3/UPG-6: a full upgrade keeps the subscription id and its end date (E3 annual → E5 after 4 months leaves 8), reassignment AUTOMATIC; credit and charge for the same days', async () => {
    // A customer of its own: it holds no other subscription of either SKU (UPG-3).
    const own = (await createCustomer(t, partner)).id;
    const id = await annual({ customerId: own });
    const [price, old] = [await priceOf(t, token, E5), await priceOf(t, token, E3)];
    await firstOfMay();
    const payload = dataOf(await upgradeSubscription(t, token, { subscriptionId: id, targetOfferId: E5, quantity: 10 })).upgradeSubscription;
    expect(payload.errors).toEqual([]);
    expect(payload).toMatchObject({ licenseReassignment: 'AUTOMATIC', warnings: [] });
    expect(payload.source.id).toBe(id);
    expect(payload.target.id).toBe(id);
    expect(payload.source).toMatchObject({ offer: { id: E5 }, quantity: 10, status: 'ACTIVE', termEnd: at('2027-12-31T23:59:59.999Z'), termDuration: 'P1Y' });
    expect(payload.source.termStart.slice(0, 16)).toBe(at('2027-01-01T00:00'));
    // BIL-1: the monthly periods January to May were billed; BIL-2: the unused days of May's period
    // after today (May 2 … May 31: 30 of 31) credited at the old price, charged at the new one.
    expect(payload.source.ledger.map((e: any) => [e.kind, e.amount.amount, e.amount.currency])).toEqual([
      ...new Array(5).fill(['CHARGE', prorated(old.amount, 10, 1, 1, 1), 'EUR']),
      ['CREDIT', prorated(old.amount, 10, 1, 30, 31), 'EUR'],
      ['CHARGE', prorated(price.amount, 10, 1, 30, 31), price.currency],
    ]);
    // AUD-1/AUD-2: after the purchase's, one SUBSCRIPTION_UPDATED through the outbox and an audit record.
    expect(await eventsOf(t, id)).toEqual([
      expect.objectContaining({ type: 'SUBSCRIPTION_CREATED' }),
      { type: 'SUBSCRIPTION_UPDATED', data: expect.objectContaining({ offerId: E5, previousOfferId: E3 }) },
    ]);
    expect(await auditsOf(t, id)).toEqual(['createSubscription', 'upgradeSubscription']);
  });

  it('UPG-2: an upgrade has no cancellation window afterwards and its licenses cannot be removed', async () => {
    // Bought two days before: without the upgrade, still cancellable.
    const id = await annual({ at: at('2027-04-29T00:00:00.000Z') });
    await firstOfMay();
    const upgraded = dataOf(await upgradeSubscription(t, token, { subscriptionId: id, targetOfferId: E5, quantity: 10 })).upgradeSubscription;
    expect(upgraded.errors).toEqual([]);
    expect(upgraded.source.reducibleLicenses.quantity).toBe(0);
    const cancel = dataOf(await mutate(t, token, 'cancelSubscription', { subscriptionId: id })).cancelSubscription;
    expect(cancel.errors).toEqual([expect.objectContaining({ code: 'CANCELLATION_WINDOW_CLOSED', rule: 'SUB-5' })]);
    const reduce = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 9 })).updateSubscriptionQuantity;
    expect(reduce.errors).toEqual([expect.objectContaining({ code: 'REDUCTION_WINDOW_CLOSED' })]);
  });

  it('UPG-2: a mid-term upgrade removes the upgrade scheduled for the renewal', async () => {
    const id = await annual({ offerId: 'offer-o365-e3-no-teams' });
    await firstOfMay();
    const scheduled = dataOf(await scheduleRenewalChange(t, token, { subscriptionId: id, offerId: 'offer-o365-e5-no-teams' })).scheduleRenewalChange;
    expect(scheduled.subscription.scheduledChange).toMatchObject({ offer: { id: 'offer-o365-e5-no-teams' } });
    const now = dataOf(await upgradeSubscription(t, token, { subscriptionId: id, targetOfferId: E3, quantity: 10 })).upgradeSubscription;
    expect(now.errors).toEqual([]);
    expect(now.source.scheduledChange).toBeNull();
    expect((await t.db.query('select count(*)::int as n from subscriptions.scheduled_change where subscription_id = $1', [id])).rows[0].n).toBe(0);
  });

  it('UPG-6: upgrading to a longer term (annual → three-year) starts a full new term, charged in full', async () => {
    const [id, another] = [await annual(), await annual()];
    const [price, old] = [await priceOf(t, token, E5), await priceOf(t, token, E3)];
    await firstOfMay();
    const payload = dataOf(await upgradeSubscription(t, token, { subscriptionId: id, targetOfferId: E5, quantity: 10, termDuration: 'P3Y' })).upgradeSubscription;
    expect(payload.errors).toEqual([]);
    expect(payload.source).toMatchObject({ termEnd: at('2030-04-30T23:59:59.999Z'), termDuration: 'P3Y' });
    expect(payload.source.termStart.slice(0, 10)).toBe(at('2027-05-01'));
    // BIL-2: May's unused days credited; BIL-1: the new term, billed monthly, charged its first month.
    expect(payload.source.ledger.slice(5).map((e: any) => [e.kind, e.amount.amount])).toEqual([
      ['CREDIT', prorated(old.amount, 10, 1, 30, 31)],
      ['CHARGE', prorated(price.amount, 10, 1, 1, 1)],
    ]);
    const shorter = dataOf(await upgradeSubscription(t, token, { subscriptionId: another, targetOfferId: E5, quantity: 10, termDuration: 'P1M' })).upgradeSubscription;
    expect(shorter.errors).toEqual([expect.objectContaining({ code: 'UPGRADE_NOT_ELIGIBLE', rule: 'UPG-6' })]);
  });

  it('UPG-3: licenses are reassigned MANUALLY, with warnings, when the customer holds the target SKU from another partner or several subscriptions of the same SKU', async () => {
    const other = await onboardPartner(t);
    const shared = (await createCustomer(t, partner)).id;
    await relate(t, other, shared);
    const twice = (await createCustomer(t, partner)).id;
    const own = await annual({ customerId: shared });
    await subscribeAt(t, { partnerId: other.id, customerId: shared, offerId: E5, at: at('2027-01-01T00:00:00.000Z') });
    const first = await annual({ customerId: twice });
    await annual({ customerId: twice, at: at('2027-02-01T00:00:00.000Z') });
    await firstOfMay();
    const elsewhere = dataOf(await upgradeSubscription(t, token, { subscriptionId: own, targetOfferId: E5, quantity: 10 })).upgradeSubscription;
    expect(elsewhere).toMatchObject({ errors: [], licenseReassignment: 'MANUAL', warnings: [expect.stringContaining('another partner')] });

    const several = dataOf(await upgradeSubscription(t, token, { subscriptionId: first, targetOfferId: E5, quantity: 10 })).upgradeSubscription;
    expect(several).toMatchObject({ errors: [], licenseReassignment: 'MANUAL', warnings: [expect.stringContaining('several subscriptions')] });
  });

  it('UPG-3: holding the target SKU through a running Enterprise Agreement (another channel) makes reassignment MANUAL; an ended agreement does not', async () => {
    const withEa = (await createCustomer(t, partner)).id;
    const ended = (await createCustomer(t, partner)).id;
    const source = await annual({ customerId: withEa });
    const other = await annual({ customerId: ended });
    await firstOfMay();
    await agreement(t, { customerId: withEa, number: agreementNumber(), endDate: at('2028-03-31'), subscriptions: [{ offerProvisioningId: 'Microsoft_365_E5_(no_Teams)', quantity: 40, endDate: at('2028-03-31') }] });
    const held = dataOf(await upgradeSubscription(t, token, { subscriptionId: source, targetOfferId: E5, quantity: 10 })).upgradeSubscription;
    expect(held).toMatchObject({ errors: [], licenseReassignment: 'MANUAL', warnings: [expect.stringContaining('another partner or channel')] });

    await agreement(t, { customerId: ended, number: agreementNumber(), endDate: at('2027-03-31'), subscriptions: [{ offerProvisioningId: 'Microsoft_365_E5_(no_Teams)', quantity: 40, endDate: at('2027-03-31') }] });
    const free = dataOf(await upgradeSubscription(t, token, { subscriptionId: other, targetOfferId: E5, quantity: 10 })).upgradeSubscription;
    expect(free).toMatchObject({ errors: [], licenseReassignment: 'AUTOMATIC', warnings: [] });
  });

  it('UPG-1/SCH-1: upgradeOptions and scheduledChange of a subscription list are loaded in batches (3 or 12 subscriptions, same SQL statements)', async () => {
    const list = `query($id: ID!) { customer(id: $id) { subscriptions(first: 50) { edges { node { id upgradeOptions { offer { id } kind } scheduledChange { quantity } } } } } }`;
    const customerWith = async (count: number, offerIds: string[]) => {
      const id = (await createCustomer(t, partner)).id;
      for (let i = 0; i < count; i++) {
        const subscription = await annual({ customerId: id, offerId: offerIds[i % offerIds.length] });
        if (i % 2) expect(dataOf(await scheduleRenewalChange(t, token, { subscriptionId: subscription, quantity: 12 })).scheduleRenewalChange.errors).toEqual([]);
      }
      return id;
    };
    const offers = [E3, 'offer-o365-e1-no-teams', 'offer-power-bi-pro'];
    const small = await customerWith(3, offers);
    const large = await customerWith(12, offers);
    await t.gql(token, list, { id: small });
    const three = await t.countedGql(token, list, { id: small });
    const twelve = await t.countedGql(token, list, { id: large });
    const nodes = dataOf(twelve.body).customer.subscriptions.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(12);
    expect(nodes.filter((n: any) => n.scheduledChange?.quantity === 12)).toHaveLength(6);
    expect(nodes.every((n: any) => n.upgradeOptions.length > 0)).toBe(true);
    expect(twelve.statements).toBe(three.statements);
  });
});
