import type { Role } from '../../shared/auth/roles';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { perTestEra } from '../support/eras';
import { codeOf, dataOf, useStack, type GraphQLResponse } from '../support/stack';
import { clockAt, mutate, subscribeAt } from './support';
import { convertTrial, readSubscription, removeScheduledChange, rowCounts, scheduleRenewalChange, upgradeSubscription } from './upgrade.fixtures';

const E3 = 'offer-m365-e3-no-teams';
const E5 = 'offer-m365-e5-no-teams';
const ALLOWED: Role[] = ['ADMIN_AGENT', 'SALES_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN', 'GLOBAL_ADMIN'];
const FORBIDDEN: Role[] = ['ACCOUNT_ADMIN', 'REFERRALS_ADMIN', 'MARKETING_CONTENT_ADMIN'];

/** SPEC §10 rows of upgrades, scheduled changes and trial conversion (ACT-3), tenant isolation (ACT-2), concurrency (SUB-11). */
describe('upgrades, scheduled changes and conversions: roles, tenants, races', () => {
  const t = useStack();
  // Each test buys on its own era's 2027-01-01 (trials on 2027-04-25) and acts on 2027-05-01: the business clock never moves back.
  const at = perTestEra();
  let partner: TestPartner;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    customerId = (await createCustomer(t, partner)).id;
  });

  /** An annual subscription bought on 2027-01-01 of the era. */
  const annual = () => subscribeAt(t, { partnerId: partner.id, customerId, offerId: E3, at: at('2027-01-01T00:00:00.000Z') });
  /** A trial bought on 2027-04-25 of the era, for a customer of its own (one trial per customer, CAT-4). */
  const trial = async () =>
    subscribeAt(t, { partnerId: partner.id, customerId: (await createCustomer(t, partner)).id, offerId: 'offer-m365-e5-no-teams-trial', quantity: 25, termDuration: 'P1M', at: at('2027-04-25T00:00:00.000Z') });
  const firstOfMay = () => clockAt(t, at('2027-05-01T10:00:00Z'));

  /** Each mutation of this area on the given fresh subscriptions, as `token`. */
  async function runAll(token: string, [upgraded, scheduled, trialId]: string[]): Promise<[string, GraphQLResponse][]> {
    return [
      ['upgradeSubscription', await upgradeSubscription(t, token, { subscriptionId: upgraded, targetOfferId: E5, quantity: 10 })],
      ['scheduleRenewalChange', await scheduleRenewalChange(t, token, { subscriptionId: scheduled, quantity: 12 })],
      ['removeScheduledChange', await removeScheduledChange(t, token, scheduled)],
      ['convertTrial', await convertTrial(t, token, { subscriptionId: trialId, targetOfferId: E5 })],
    ];
  }

  it('ACT-3: upgradeSubscription, scheduleRenewalChange, removeScheduledChange and convertTrial are allowed to ADMIN_AGENT, SALES_AGENT, HELPDESK_AGENT, BILLING_ADMIN and GLOBAL_ADMIN', async () => {
    const annuals: string[] = [];
    for (let i = 0; i < 2 * ALLOWED.length; i++) annuals.push(await annual());
    const trials: string[] = [];
    for (let i = 0; i < ALLOWED.length; i++) trials.push(await trial());
    await firstOfMay();
    for (const [i, role] of ALLOWED.entries()) {
      for (const [name, body] of await runAll(await partner.token([role]), [annuals[2 * i], annuals[2 * i + 1], trials[i]])) {
        expect({ role, name, errors: body.errors, payload: dataOf(body)[name].errors }).toEqual({ role, name, errors: undefined, payload: [] });
      }
    }
  });

  it('ACT-3: other partner roles, customers, the operator and indirect resellers get FORBIDDEN, no token UNAUTHENTICATED; nothing changes', async () => {
    const reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
    const tokens = [
      ...(await Promise.all(FORBIDDEN.map((role) => partner.token([role])))),
      await t.token(customerId, ['CUSTOMER_ADMIN']),
      await t.operatorToken(),
      await reseller.token(['ADMIN_AGENT', 'SALES_AGENT', 'GLOBAL_ADMIN']),
    ];
    const [id, trialId] = [await annual(), await trial()];
    await firstOfMay();
    const before = await rowCounts(t);
    for (const token of tokens) {
      expect(codeOf(await upgradeSubscription(t, token, { subscriptionId: id, targetOfferId: E5, quantity: 10 }))).toBe('FORBIDDEN');
      expect(codeOf(await scheduleRenewalChange(t, token, { subscriptionId: id, quantity: 12 }))).toBe('FORBIDDEN');
      expect(codeOf(await removeScheduledChange(t, token, id))).toBe('FORBIDDEN');
      expect(codeOf(await convertTrial(t, token, { subscriptionId: trialId, targetOfferId: E5 }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await upgradeSubscription(t, undefined as unknown as string, { subscriptionId: 'sub_x', targetOfferId: E5, quantity: 10 }))).toBe('UNAUTHENTICATED');
    expect(await rowCounts(t)).toEqual(before);
  });

  it("ACT-2: another partner's subscriptions are NOT_FOUND to these mutations, as sources and as targets, and nothing is recorded for them", async () => {
    const other = await onboardPartner(t);
    const token = await other.token();
    const otherCustomer = (await createCustomer(t, other)).id;
    const id = await annual();
    const own = await subscribeAt(t, { partnerId: other.id, customerId: otherCustomer, offerId: E3, at: at('2027-01-01T00:00:00.000Z') });
    const target = await subscribeAt(t, { partnerId: partner.id, customerId, offerId: E5, at: at('2027-01-01T00:00:00.000Z') });
    const trialId = await trial();
    await firstOfMay();
    const before = await rowCounts(t);
    expect(codeOf(await upgradeSubscription(t, token, { subscriptionId: id, targetOfferId: E5, quantity: 10 }))).toBe('NOT_FOUND');
    expect(codeOf(await scheduleRenewalChange(t, token, { subscriptionId: id, quantity: 12 }))).toBe('NOT_FOUND');
    expect(codeOf(await removeScheduledChange(t, token, id))).toBe('NOT_FOUND');
    expect(codeOf(await convertTrial(t, token, { subscriptionId: trialId, targetOfferId: E5 }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(token, 'query($id: ID!) { subscription(id: $id) { id upgradeOptions { kind } scheduledChange { quantity } } }', { id }))).toBe('NOT_FOUND');
    expect(await rowCounts(t)).toEqual(before);
    // Its own subscription cannot name ours as the target or the coterminous subscription.
    const counted = await rowCounts(t);
    expect(codeOf(await upgradeSubscription(t, token, { subscriptionId: own, targetOfferId: E5, quantity: 10, targetSubscriptionId: target }))).toBe('NOT_FOUND');
    expect(codeOf(await scheduleRenewalChange(t, token, { subscriptionId: own, coterminousWithSubscriptionId: target }))).toBe('NOT_FOUND');
    expect(await rowCounts(t)).toEqual(counted);
  });

  it('SUB-11: an upgrade racing a quantity change on the same subscription: one wins, the other gets CONFLICT, nothing is lost', async () => {
    const token = await partner.token(['ADMIN_AGENT']);
    const ids: string[] = [];
    for (let round = 0; round < 4; round++) ids.push(await annual());
    await firstOfMay();
    for (const id of ids) {
      const [upgrade, quantity] = await Promise.all([
        upgradeSubscription(t, token, { subscriptionId: id, targetOfferId: E5, quantity: 10, expectedVersion: 1 }),
        mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12, expectedVersion: 1 }),
      ]);
      const results = [upgrade, quantity];
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(1);
      const final = await readSubscription(t, token, id);
      expect(final.version).toBe(2);
      // BIL-1: the monthly periods January to May are billed before either change.
      const entries = final.ledger.map((e: any) => e.kind);
      const periods = new Array(5).fill('CHARGE');
      if (winners[0] === upgrade) {
        expect(dataOf(upgrade).upgradeSubscription.errors).toEqual([]);
        expect(final).toMatchObject({ offer: { id: E5 }, quantity: 10 });
        expect(entries).toEqual([...periods, 'CREDIT', 'CHARGE']);
      } else {
        expect(final).toMatchObject({ offer: { id: E3 }, quantity: 12 });
        expect(entries).toEqual([...periods, 'CHARGE']);
      }
      // The loser may simply retry on the new version: nothing was lost, both changes end up applied.
      const retried = winners[0] === upgrade
        ? await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12, expectedVersion: 2 })
        : await upgradeSubscription(t, token, { subscriptionId: id, targetOfferId: E5, quantity: 12, expectedVersion: 2 });
      expect(retried.errors).toBeUndefined();
      expect(await readSubscription(t, token, id)).toMatchObject({ offer: { id: E5 }, quantity: 12, version: 3 });
    }
  });
});
