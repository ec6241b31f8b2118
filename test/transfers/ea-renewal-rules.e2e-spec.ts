import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy, createCart } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock } from '../subscriptions/support';
import { convertTrial } from '../subscriptions/upgrade.fixtures';
import { agreement, agreementNumber, count, schedule, scheduleById, SCHEDULE_FIELDS, updateSchedule } from './support';

const E3 = 'Microsoft_365_E3_(no_Teams)';
const SCHEDULE = `mutation($input: ScheduleEaRenewalInput!) { scheduleEaRenewal(input: $input) { schedule { ${SCHEDULE_FIELDS} } errors { code message rule field } } }`;
const IMPORT = `mutation($input: ImportEnterpriseAgreementInput!) { importEnterpriseAgreement(input: $input) {
  agreement { id subscriptions { id eaSubscriptionId provisioningId quantity endDate } } errors { code message } } }`;

/**
 * EA renewals where they meet the rest of the graph: the one validation of term, billing and
 * quantity (CAT-1, EA-5), never mid-term (EA-7), the EA system's subscription ids, and the
 * customer's directory limit (ORD-4). Tests run in date order: the business clock never moves back.
 */
describe('EA renewals: terms, timing, identity and limits (SPEC §9)', () => {
  const t = useStack();

  async function customerWithAgreement(partner: TestPartner, endDate: string, lines: { endDate: string; quantity?: number }[]) {
    const customerId = (await createCustomer(t, partner)).id;
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate, subscriptions: lines.map((l) => ({ offerProvisioningId: E3, quantity: l.quantity ?? 20, endDate: l.endDate })) });
    return { customerId, ea };
  }

  it('EA-5/CAT-1: a one-month term billed annually is BAD_USER_INPUT for an EA renewal exactly as for a cart line and a trial conversion refuses it; nothing is scheduled', async () => {
    await setClock(t, '2031-01-10T10:00:00Z');
    const partner = await onboardPartner(t);
    const token = await partner.token();
    const { customerId, ea } = await customerWithAgreement(partner, '2031-03-31', [{ endDate: '2031-03-31' }]);
    const before = await count(t, 'select 1 from transfers.ea_renewal_schedule');

    const refused = await t.gql(token, SCHEDULE, { input: { eaSubscriptionId: ea.sub[E3], termDuration: 'P1M', billingFrequency: 'ANNUAL', quantity: 10 } });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].extensions).toMatchObject({ field: ['billingFrequency'], rule: 'CAT-1' });
    const cart = await createCart(t, token, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 10, termDuration: 'P1M', billingFrequency: 'ANNUAL' }]);
    expect(codeOf(cart)).toBe('BAD_USER_INPUT');
    expect(cart.errors![0].extensions).toMatchObject({ field: ['lines', '0', 'billingFrequency'], rule: 'CAT-1' });
    expect(refused.errors![0].message).toBe(cart.errors![0].message);
    // The same for quantities a cart line refuses.
    expect(codeOf(await t.gql(token, SCHEDULE, { input: { eaSubscriptionId: ea.sub[E3], termDuration: 'P1Y', billingFrequency: 'MONTHLY', quantity: 0 } }))).toBe('BAD_USER_INPUT');
    expect(await count(t, 'select 1 from transfers.ea_renewal_schedule')).toBe(before);

    // Editing a valid schedule into the same pair is refused too, and the schedule keeps its terms.
    const made = await schedule(t, token, { eaSubscriptionId: ea.sub[E3] });
    expect(made.errors).toEqual([]);
    const edit = await t.gql(token, `mutation($input: UpdateEaRenewalInput!) { updateEaRenewal(input: $input) { schedule { id } errors { code } } }`, {
      input: { scheduleId: made.schedule.id, termDuration: 'P1M', billingFrequency: 'ANNUAL' },
    });
    expect(codeOf(edit)).toBe('BAD_USER_INPUT');
    expect(await scheduleById(t, token, made.schedule.id)).toMatchObject({ termDuration: 'P1Y', billingFrequency: 'MONTHLY' });
    expect((await updateSchedule(t, token, { scheduleId: made.schedule.id, billingFrequency: 'ANNUAL' })).errors).toEqual([]);

    // A trial conversion into a new subscription passes the same validation.
    const trial = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e5-no-teams-trial', quantity: 25, termDuration: 'P1M', billingFrequency: 'MONTHLY' }]);
    expect(trial.payload.errors).toEqual([]);
    const converted = dataOf(await convertTrial(t, token, { subscriptionId: trial.payload.order.lines[0].subscription.id, targetOfferId: 'offer-m365-e5-no-teams', termDuration: 'P1M', billingFrequency: 'ANNUAL' })).convertTrial;
    expect(converted.errors).toEqual([expect.objectContaining({ rule: 'CAT-1', field: ['billingFrequency'] })]);
  });

  it('EA-7: an EA subscription that ends after its agreement is renewed from 12:00 UTC of the day after its own end date, and its CSP term starts then', async () => {
    await setClock(t, '2032-01-10T10:00:00Z');
    const partner = await onboardPartner(t);
    const token = await partner.token();
    const { ea } = await customerWithAgreement(partner, '2032-03-10', [{ endDate: '2032-04-09' }]);
    const made = await schedule(t, token, { eaSubscriptionId: ea.sub[E3] });
    expect(made.errors).toEqual([]);
    expect(made.schedule.processAt).toBe('2032-04-10T12:00:00.000Z');

    for (const at of ['2032-03-11T12:00:00Z', '2032-04-10T11:59:00Z']) {
      await setClock(t, at);
      await processDueWork(t);
      expect([at, (await scheduleById(t, token, made.schedule.id)).status]).toEqual([at, 'SCHEDULED']);
    }
    await setClock(t, '2032-04-10T12:00:00Z');
    expect((await processDueWork(t)).eaRenewed).toBeGreaterThanOrEqual(1);
    const done = await scheduleById(t, token, made.schedule.id);
    expect(done.status).toBe('COMPLETED');
    const subscription = dataOf(await t.gql(token, 'query($id: ID!) { subscription(id: $id) { termStart } }', { id: done.subscription.id })).subscription;
    expect(subscription.termStart).toBe('2032-04-10T00:00:00.000Z');
  });

  it('EA import: eaSubscriptionId identifies EA subscriptions, so one agreement holds two of one SKU and a re-import updates each by its id', async () => {
    await setClock(t, '2033-01-10T10:00:00Z');
    const partner = await onboardPartner(t);
    const customerId = (await createCustomer(t, partner)).id;
    const number = agreementNumber();
    const lines = [
      { offerProvisioningId: E3, quantity: 20, endDate: '2033-03-31', eaSubscriptionId: 'EA-SUB-1' },
      { offerProvisioningId: E3, quantity: 5, endDate: '2033-06-30', eaSubscriptionId: 'EA-SUB-2' },
    ];
    const first = dataOf(await t.gql(await t.operatorToken(), IMPORT, { input: { customerId, number, endDate: '2033-03-31', subscriptions: lines } })).importEnterpriseAgreement;
    expect(first.errors).toEqual([]);
    const byEaId = (subs: any[]) => Object.fromEntries(subs.map((s) => [s.eaSubscriptionId, s]));
    const stored = byEaId(first.agreement.subscriptions);
    expect(stored).toEqual({
      'EA-SUB-1': { id: expect.any(String), eaSubscriptionId: 'EA-SUB-1', provisioningId: E3, quantity: 20, endDate: '2033-03-31' },
      'EA-SUB-2': { id: expect.any(String), eaSubscriptionId: 'EA-SUB-2', provisioningId: E3, quantity: 5, endDate: '2033-06-30' },
    });

    const again = dataOf(
      await t.gql(await t.operatorToken(), IMPORT, {
        input: { customerId, number, endDate: '2033-03-31', subscriptions: [{ ...lines[1], quantity: 7 }, { ...lines[0], quantity: 25, endDate: '2033-04-30' }] },
      }),
    ).importEnterpriseAgreement;
    expect(again.errors).toEqual([]);
    const updated = byEaId(again.agreement.subscriptions);
    expect(updated['EA-SUB-1']).toEqual({ ...stored['EA-SUB-1'], quantity: 25, endDate: '2033-04-30' });
    expect(updated['EA-SUB-2']).toEqual({ ...stored['EA-SUB-2'], quantity: 7 });
    expect(await count(t, 'select 1 from transfers.ea_subscription where agreement_id = $1', [first.agreement.id])).toBe(2);

    // One id listed twice, or one SKU twice without ids, is refused and changes nothing.
    const twice = await t.gql(await t.operatorToken(), IMPORT, { input: { customerId, number, endDate: '2033-03-31', subscriptions: [lines[0], { ...lines[1], eaSubscriptionId: 'EA-SUB-1' }] } });
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');
    const noIds = await t.gql(await t.operatorToken(), IMPORT, { input: { customerId, number, endDate: '2033-03-31', subscriptions: lines.map(({ eaSubscriptionId: _, ...line }) => line) } });
    expect(codeOf(noIds)).toBe('BAD_USER_INPUT');
    expect(await count(t, 'select 1 from transfers.ea_subscription where agreement_id = $1', [first.agreement.id])).toBe(2);

    // Each can be scheduled on its own.
    const token = await partner.token();
    expect((await schedule(t, token, { eaSubscriptionId: stored['EA-SUB-1'].id })).errors).toEqual([]);
    expect((await schedule(t, token, { eaSubscriptionId: stored['EA-SUB-2'].id })).errors).toEqual([]);
  });

  it('ORD-4: an EA renewal needs a place in the customer\'s directory like a purchase; without one it fails with the reason and creates nothing', async () => {
    await setClock(t, '2034-01-10T10:00:00Z');
    const saved = process.env.DIRECTORY_SUBSCRIPTION_LIMIT;
    process.env.DIRECTORY_SUBSCRIPTION_LIMIT = '2';
    try {
      const partner = await onboardPartner(t);
      const token = await partner.token();
      const { customerId, ea } = await customerWithAgreement(partner, '2034-03-31', [{ endDate: '2034-03-31' }]);
      const made = await schedule(t, token, { eaSubscriptionId: ea.sub[E3] });
      expect(made.errors).toEqual([]);
      const bought = await buy(t, partner, customerId, [
        { offerId: 'offer-power-bi-pro', quantity: 1 },
        { offerId: 'offer-m365-business-basic', quantity: 1 },
      ]);
      expect(bought.payload.errors).toEqual([]);
      // A purchase now is refused with ORD-4 …
      const purchase = await buy(t, partner, customerId, [{ offerId: 'offer-power-bi-pro', quantity: 1 }]);
      expect(purchase.payload.errors).toEqual([expect.objectContaining({ code: 'SUBSCRIPTION_LIMIT_REACHED', rule: 'ORD-4' })]);
      // … and so is the renewal when it is processed.
      await setClock(t, '2034-04-01T12:00:00Z');
      await processDueWork(t);
      const failed = await scheduleById(t, token, made.schedule.id);
      expect(failed).toMatchObject({ status: 'FAILED', statusReason: expect.stringContaining('ORD-4'), subscription: null });
      expect(await count(t, `select 1 from subscriptions.subscription where customer_id = $1 and status in ('ACTIVE', 'PENDING', 'SUSPENDED')`, [customerId])).toBe(2);
    } finally {
      if (saved === undefined) delete process.env.DIRECTORY_SUBSCRIPTION_LIMIT;
      else process.env.DIRECTORY_SUBSCRIPTION_LIMIT = saved;
    }
  });
});
