import { appendEvents } from '../support/events';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock } from '../subscriptions/support';
import { createWebhook } from '../platform/support';
import {
  agreement,
  agreementNumber,
  auditOf,
  cancelSchedule,
  count,
  eaSubscription,
  relate,
  removeRelationship,
  rows,
  schedule,
  scheduleById,
  twoPartnersOneCustomer,
  updateSchedule,
} from './support';

const E3 = 'Microsoft_365_E3_(no_Teams)';
const HOUR_MS = 60 * 60 * 1000;

/** EA-5 … EA-8 through the gateway, on the sandbox clock: scheduling, first come first served, when and how a renewal is processed. */
describe('EA renewals to CSP: schedules and processing (SPEC §9)', () => {
  const t = useStack();

  async function eaFor(partner: TestPartner, endDate: string, skus = [E3]) {
    const customerId = (await createCustomer(t, partner)).id;
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate, subscriptions: skus.map((sku) => ({ offerProvisioningId: sku, quantity: 20, endDate })) });
    return { customerId, ea };
  }

  it('EA-5: a schedule sets term, billing, license count and a coterminous end; it is edited, resubmitted or cancelled until the EA end date, and cancelling frees it', async () => {
    await setClock(t, '2032-01-10T10:00:00Z');
    const { a, b, customerId } = await twoPartnersOneCustomer(t);
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate: '2032-03-31', subscriptions: [{ offerProvisioningId: E3, quantity: 20, endDate: '2032-03-31' }] });
    const id = ea.sub[E3];
    const bought = (await buy(t, a, customerId, [{ offerId: 'offer-power-bi-pro', quantity: 3, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).payload.order.lines[0].subscription;

    expect(codeOf(await t.gql(await a.token(), `mutation($input: ScheduleEaRenewalInput!) { scheduleEaRenewal(input: $input) { schedule { id } } }`, {
      input: { eaSubscriptionId: id, termDuration: 'P2Y', billingFrequency: 'MONTHLY', quantity: 5 },
    }))).toBe('BAD_USER_INPUT');
    const strange = await schedule(t, await a.token(), { eaSubscriptionId: id, coterminousWithSubscriptionId: 'sub_not_mine' });
    expect(strange.errors).toEqual([expect.objectContaining({ code: 'TARGET_SUBSCRIPTION_INVALID', rule: 'EA-5' })]);

    const made = await schedule(t, await a.token(), { eaSubscriptionId: id, termDuration: 'P1Y', billingFrequency: 'ANNUAL', quantity: 15, coterminousWithSubscriptionId: bought.id });
    expect(made.errors).toEqual([]);
    expect(made.schedule).toMatchObject({ status: 'SCHEDULED', termDuration: 'P1Y', billingFrequency: 'ANNUAL', quantity: 15, coterminousWithSubscriptionId: bought.id, processAt: '2032-04-01T12:00:00.000Z' });

    await setClock(t, '2032-03-31T23:00:00Z');
    const edited = await updateSchedule(t, await a.token(), { scheduleId: made.schedule.id, quantity: 18, billingFrequency: 'MONTHLY', coterminousWithSubscriptionId: '' });
    expect(edited.errors).toEqual([]);
    expect(edited.schedule).toMatchObject({ quantity: 18, billingFrequency: 'MONTHLY', termDuration: 'P1Y', coterminousWithSubscriptionId: null, submittedAt: expect.stringMatching(/^2032-03-31T23:00/) });
    expect(edited.schedule.processAt).toBe('2032-04-01T12:00:00.000Z');

    const cancelled = await cancelSchedule(t, await a.token(), made.schedule.id);
    expect(cancelled.schedule.status).toBe('CANCELLED');
    expect((await eaSubscription(t, await b.token(), customerId, id)).availability).toBe('AVAILABLE');
    const resubmitted = await schedule(t, await b.token(), { eaSubscriptionId: id, quantity: 20 });
    expect(resubmitted.errors).toEqual([]);

    // After the EA end date the schedule is locked until processed.
    await setClock(t, '2032-04-01T00:00:00Z');
    expect((await updateSchedule(t, await b.token(), { scheduleId: resubmitted.schedule.id, quantity: 5 })).errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'EA-5' })]);
    expect((await cancelSchedule(t, await b.token(), resubmitted.schedule.id)).errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'EA-5' })]);
  });

  it('EA-5: a schedule of an expired agreement can be edited and cancelled until processed; an edit resubmits it', async () => {
    await setClock(t, '2032-05-10T10:00:00Z');
    const partner = await onboardPartner(t);
    const { ea } = await eaFor(partner, '2032-04-30');
    const made = await schedule(t, await partner.token(), { eaSubscriptionId: ea.sub[E3] });
    expect(made.schedule.processAt).toBe('2032-05-11T12:00:00.000Z');
    await setClock(t, '2032-05-11T09:00:00Z');
    const edited = await updateSchedule(t, await partner.token(), { scheduleId: made.schedule.id, quantity: 12 });
    expect(edited.schedule).toMatchObject({ quantity: 12, status: 'SCHEDULED', processAt: '2032-05-12T12:00:00.000Z' });
    await setClock(t, '2032-05-12T11:00:00Z');
    expect((await cancelSchedule(t, await partner.token(), made.schedule.id)).schedule.status).toBe('CANCELLED');
  });

  it('EA-6: ten concurrent schedules of one EA subscription by two partners leave exactly one holder, decided by the database', async () => {
    await setClock(t, '2033-01-10T10:00:00Z');
    const { a, b, customerId } = await twoPartnersOneCustomer(t);
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate: '2033-03-31', subscriptions: [{ offerProvisioningId: E3, quantity: 20, endDate: '2033-03-31' }] });
    const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).token()));
    const results = await Promise.all(tokens.map((token) => schedule(t, token, { eaSubscriptionId: ea.sub[E3] })));
    const won = results.filter((r) => r.schedule);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => !r.schedule).map((r) => r.errors.map((e: { code: string }) => e.code))).toEqual(Array.from({ length: 9 }, () => ['EA_ALREADY_SCHEDULED']));
    const held = await rows(t, 'select id, partner_id, status from transfers.ea_renewal_schedule where ea_subscription_id = $1', [ea.sub[E3]]);
    expect(held).toEqual([{ id: won[0].schedule.id, partner_id: expect.stringMatching(new RegExp(`^(${a.id}|${b.id})$`)), status: 'SCHEDULED' }]);
    const holder = held[0].partner_id === a.id ? a : b;
    const other = holder === a ? b : a;
    expect((await eaSubscription(t, await holder.token(), customerId, ea.sub[E3])).availability).toBe('SCHEDULED_BY_YOU');
    expect((await eaSubscription(t, await other.token(), customerId, ea.sub[E3])).availability).toBe('NOT_AVAILABLE');
  });

  it('EA-7: scheduled before the EA end → processed from 12:00 UTC of the day after the end date, not before 12:00 UTC', async () => {
    await setClock(t, '2034-01-10T10:00:00Z');
    const partner = await onboardPartner(t);
    const { ea } = await eaFor(partner, '2034-03-31');
    const made = await schedule(t, await partner.token(), { eaSubscriptionId: ea.sub[E3] });
    expect(made.schedule.processAt).toBe('2034-04-01T12:00:00.000Z');

    for (const at of ['2034-03-31T23:59:00Z', '2034-04-01T00:00:00Z', '2034-04-01T11:59:00Z']) {
      await setClock(t, at);
      await processDueWork(t);
      expect([at, (await scheduleById(t, await partner.token(), made.schedule.id)).status]).toEqual([at, 'SCHEDULED']);
    }
    await setClock(t, '2034-04-01T12:00:00Z');
    expect((await processDueWork(t)).eaRenewed).toBeGreaterThanOrEqual(1);
    const done = await scheduleById(t, await partner.token(), made.schedule.id);
    expect(done.status).toBe('COMPLETED');
    const subscription = dataOf(await t.gql(await partner.token(), 'query($id: ID!) { subscription(id: $id) { termStart } }', { id: done.subscription.id })).subscription;
    expect(subscription.termStart).toBe('2034-04-01T00:00:00.000Z');
  });

  it('EA-7: scheduled after the agreement expired → processed from 12:00 UTC of the day after submission, and its term starts then', async () => {
    await setClock(t, '2034-06-05T18:30:00Z');
    const partner = await onboardPartner(t);
    const { ea } = await eaFor(partner, '2034-05-15');
    const made = await schedule(t, await partner.token(), { eaSubscriptionId: ea.sub[E3] });
    expect(made.schedule.processAt).toBe('2034-06-06T12:00:00.000Z');
    await setClock(t, '2034-06-06T11:59:00Z');
    await processDueWork(t);
    expect((await scheduleById(t, await partner.token(), made.schedule.id)).status).toBe('SCHEDULED');
    await setClock(t, '2034-06-06T12:00:00Z');
    await processDueWork(t);
    const done = await scheduleById(t, await partner.token(), made.schedule.id);
    expect(done.status).toBe('COMPLETED');
    const subscription = dataOf(await t.gql(await partner.token(), 'query($id: ID!) { subscription(id: $id) { termStart termEnd } }', { id: done.subscription.id })).subscription;
    expect(new Date(subscription.termStart).getTime()).toBeGreaterThanOrEqual(Date.parse('2034-06-06T12:00:00Z'));
    expect(new Date(subscription.termStart).getTime()).toBeLessThan(Date.parse('2034-06-06T12:01:00Z'));
  });

  it('EA-8: processing creates, once per schedule, an ACTIVE CSP subscription from the EA end, an order marked as EA renewal, a migration audit record and an EA_MIGRATION event; the 168-hour window counts from completion', async () => {
    await setClock(t, '2035-01-10T10:00:00Z');
    const partner = await onboardPartner(t);
    const { customerId, ea } = await eaFor(partner, '2035-03-31');
    await createWebhook(t, partner, 'http://127.0.0.1:9/hooks', ['EA_MIGRATION']);
    const made = await schedule(t, await partner.token(), { eaSubscriptionId: ea.sub[E3], quantity: 25, termDuration: 'P1Y', billingFrequency: 'MONTHLY' });

    await setClock(t, '2035-04-01T13:00:00Z');
    await processDueWork(t);
    const done = await scheduleById(t, await partner.token(), made.schedule.id);
    expect(done).toMatchObject({ status: 'COMPLETED', statusReason: null, subscription: { id: expect.any(String) } });
    const completedAt = Date.parse(done.completedAt);
    expect(completedAt).toBeGreaterThanOrEqual(Date.parse('2035-04-01T13:00:00Z'));

    const subscription = dataOf(await t.gql(await partner.token(), `query($id: ID!) { subscription(id: $id) {
      status quantity termStart termEnd termDuration billingFrequency offer { id } cancellationDeadline reducibleLicenses { quantity until } ledger { kind } } }`, { id: done.subscription.id })).subscription;
    expect(subscription).toMatchObject({
      status: 'ACTIVE', quantity: 25, termStart: '2035-04-01T00:00:00.000Z', termEnd: '2036-03-31T23:59:59.999Z', termDuration: 'P1Y', billingFrequency: 'MONTHLY',
      offer: { id: 'offer-m365-e3-no-teams' }, reducibleLicenses: { quantity: 25 }, ledger: [{ kind: 'CHARGE' }],
    });
    expect(Date.parse(subscription.reducibleLicenses.until)).toBe(completedAt + 168 * HOUR_MS);
    expect(Date.parse(subscription.cancellationDeadline)).toBe(completedAt + 168 * HOUR_MS);

    const orders = dataOf(await t.gql(await partner.token(), 'query($id: ID!) { customer(id: $id) { orders(first: 10) { edges { node { id origin lines { quantity status subscription { id } } } } } } }', { id: customerId })).customer.orders.edges;
    expect(orders.map((e: any) => e.node)).toEqual([{ id: expect.any(String), origin: 'EA_RENEWAL', lines: [{ quantity: 25, status: 'PROVISIONED', subscription: { id: done.subscription.id } }] }]);
    const audit = await auditOf(t, await partner.token(), '2035-04-01T00:00:00Z', '2035-04-02T00:00:00Z');
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ operation: 'migration', resourceType: 'Subscription', resourceId: done.subscription.id })]));
    const deliveries = dataOf(await t.gql(await partner.token(), '{ webhooks(first: 5) { edges { node { deliveries(first: 10) { edges { node { eventType } } } } } } }')).webhooks.edges[0].node.deliveries.edges;
    expect(deliveries.map((e: any) => e.node.eventType)).toEqual(['EA_MIGRATION']);

    // The same command again (a retried producer) creates nothing twice: provisioning is keyed by schedule id.
    const [command] = await rows(t, `select type, tenant_id, resource_type, resource_id, data from platform.outbox_event where type = 'EA_RENEWAL_REQUESTED' and resource_id = $1`, [made.schedule.id]);
    await appendEvents(t, [{ type: command.type, tenantId: command.tenant_id, resourceType: command.resource_type, resourceId: command.resource_id, data: command.data }]);
    await processDueWork(t);
    expect(await count(t, 'select 1 from subscriptions.subscription where customer_id = $1', [customerId])).toBe(1);
    expect(await count(t, 'select 1 from subscriptions.customer_order where customer_id = $1', [customerId])).toBe(1);
    expect(await count(t, `select 1 from platform.outbox_event where type = 'EA_MIGRATION' and tenant_id = $1`, [partner.id])).toBe(1);
    expect((await scheduleById(t, await partner.token(), made.schedule.id)).status).toBe('COMPLETED');
  });

  it('EA-8: processing that cannot succeed (relationship removed, region changed) leaves the schedule FAILED with a visible reason and nothing half-done', async () => {
    await setClock(t, '2036-01-10T10:00:00Z');
    const removed = await onboardPartner(t);
    const moved = await onboardPartner(t);
    const first = await eaFor(removed, '2036-03-31');
    const second = await eaFor(moved, '2036-03-31');
    const lost = await schedule(t, await removed.token(), { eaSubscriptionId: first.ea.sub[E3] });
    const mismatched = await schedule(t, await moved.token(), { eaSubscriptionId: second.ea.sub[E3] });
    expect((await removeRelationship(t, removed, first.customerId)).errors).toEqual([]);
    // SQL on purpose: no mutation moves a partner to another region (REL-3 refuses such a relationship).
    await t.db.query(`update customers.partner set region = 'ASIA_PACIFIC' where id = $1`, [moved.id]);

    await setClock(t, '2036-04-01T12:30:00Z');
    await processDueWork(t);
    expect(await scheduleById(t, await removed.token(), lost.schedule.id)).toMatchObject({ status: 'FAILED', subscription: null, statusReason: expect.stringContaining('relationship') });
    expect(await scheduleById(t, await moved.token(), mismatched.schedule.id)).toMatchObject({ status: 'FAILED', subscription: null, statusReason: expect.stringContaining('region') });
    for (const customerId of [first.customerId, second.customerId]) {
      expect(await count(t, 'select 1 from subscriptions.subscription where customer_id = $1', [customerId])).toBe(0);
      expect(await count(t, 'select 1 from subscriptions.customer_order where customer_id = $1', [customerId])).toBe(0);
    }
    expect(await count(t, `select 1 from platform.outbox_event where type in ('EA_MIGRATION', 'EA_RENEWAL_REQUESTED') and resource_id = any($1)`, [[lost.schedule.id, mismatched.schedule.id]])).toBe(0);
  });

  it('EA-8: a relationship removed after the schedule was handed over stops provisioning in the subscriptions subgraph: FAILED, nothing created', async () => {
    await setClock(t, '2037-01-10T10:00:00Z');
    const partner = await onboardPartner(t);
    const { customerId, ea } = await eaFor(partner, '2037-03-31');
    const made = await schedule(t, await partner.token(), { eaSubscriptionId: ea.sub[E3] });
    await setClock(t, '2037-04-01T12:00:00Z');
    const transfers = t.stack.subgraphs.transfers;
    await transfers.queues.find((queue) => queue.name === 'transfers.ea-renewals')!.run(transfers.runtime);
    expect((await rows(t, 'select status from transfers.ea_renewal_schedule where id = $1', [made.schedule.id]))[0].status).toBe('PROCESSING');

    expect((await removeRelationship(t, partner, customerId)).errors).toEqual([]);
    await processDueWork(t);
    expect(await scheduleById(t, await partner.token(), made.schedule.id)).toMatchObject({ status: 'FAILED', subscription: null, statusReason: expect.stringContaining('relationship') });
    expect(await count(t, 'select 1 from subscriptions.subscription where customer_id = $1', [customerId])).toBe(0);
    expect(await count(t, 'select 1 from subscriptions.customer_order where customer_id = $1', [customerId])).toBe(0);
    expect(await count(t, 'select 1 from subscriptions.ea_renewal where schedule_id = $1', [made.schedule.id])).toBe(0);
    // The EA subscription is free again for a partner that can renew it.
    const other = await onboardPartner(t);
    await relate(t, other, customerId);
    expect((await eaSubscription(t, await other.token(), customerId, ea.sub[E3])).availability).toBe('AVAILABLE');
  });
});
