import type { Role } from '../../shared/auth/roles';
import { onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { mutate, processDueWork, setClock, subscribeAt } from '../subscriptions/support';
import { priceOf, prorated } from '../subscriptions/upgrade.fixtures';
import { auditOf, count, rows, transferMutation, transfers, twoPartnersOneCustomer } from './support';

const SUBSCRIPTION = `query($id: ID!) { subscription(id: $id) { id status quantity termEnd termDuration billingFrequency offer { id } cancelledAt ledger { kind amount { amount currency } at } } }`;

/** XFR-1/XFR-2 through the gateway: partner-to-partner transfer requests and the move they cause. */
describe('partner-to-partner transfers (XFR-1, XFR-2)', () => {
  const t = useStack();

  async function request(target: TestPartner, source: TestPartner, customerId: string) {
    const created = await transferMutation(t, await target.token(), 'createTransferRequest', { customerId, sourcePartnerId: source.partnerId, customerEmail: 'IT@Customer.example' });
    if (!created.transfer) throw new Error(JSON.stringify(created.errors));
    return created.transfer;
  }

  const lifecycle = async (partner: TestPartner, name: string, subscriptionId: string) => dataOf(await mutate(t, await partner.token(), name, { subscriptionId }))[name];

  const subscriptionOf = async (partner: TestPartner, id: string) => dataOf(await t.gql(await partner.token(), SUBSCRIPTION, { id })).subscription;

  /** Every subscription, ledger line and transfer row, for "nothing moved" assertions. */
  const snapshot = async (customerId: string) => ({
    subscriptions: await rows(t, 'select id, partner_id, status, quantity, term_end, cancelled_at from subscriptions.subscription where customer_id = $1 order by id', [customerId]),
    ledger: await rows(t, 'select l.id from subscriptions.ledger_entry l join subscriptions.subscription s on s.id = l.subscription_id where s.customer_id = $1 order by l.id', [customerId]),
  });

  it('XFR-1: the target (ADMIN_AGENT with a relationship) requests; the source is notified and sees it INCOMING with an audit record; only the two partners see it', async () => {
    await setClock(t, '2031-02-01T10:00:00Z');
    const { a: source, b: target, customerId } = await twoPartnersOneCustomer(t);
    const input = { customerId, sourcePartnerId: source.partnerId, customerEmail: 'it@customer.example' };
    const mutation = `mutation($input: CreateTransferRequestInput!) { createTransferRequest(input: $input) { transfer { id } errors { code rule } } }`;
    for (const role of ['SALES_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN'] as Role[]) expect([role, codeOf(await t.gql(await target.token([role]), mutation, { input }))]).toEqual([role, 'FORBIDDEN']);
    const stranger = await onboardPartner(t);
    expect(codeOf(await t.gql(await stranger.token(), mutation, { input }))).toBe('NOT_FOUND');
    expect((await transferMutation(t, await target.token(), 'createTransferRequest', { ...input, sourcePartnerId: '9999999999' })).errors).toEqual([
      expect.objectContaining({ code: 'TRANSFER_INVALID', rule: 'XFR-1' }),
    ]);
    expect((await transferMutation(t, await target.token(), 'createTransferRequest', { ...input, sourcePartnerId: target.partnerId })).errors).toEqual([
      expect.objectContaining({ code: 'TRANSFER_INVALID', rule: 'XFR-1' }),
    ]);

    const transfer = await request(target, source, customerId);
    expect(transfer).toMatchObject({
      status: 'PENDING', direction: 'OUTGOING', customer: { id: customerId }, sourcePartnerId: source.partnerId, targetPartnerId: target.partnerId,
      customerEmail: 'it@customer.example', items: [],
    });
    expect(Date.parse(transfer.expiresAt) - Date.parse(transfer.createdAt)).toBe(30 * 24 * 60 * 60 * 1000);
    expect((await transferMutation(t, await target.token(), 'createTransferRequest', input)).errors).toEqual([expect.objectContaining({ code: 'TRANSFER_INVALID' })]);

    expect(await transfers(t, await source.token(), { direction: 'INCOMING' })).toEqual([expect.objectContaining({ id: transfer.id, direction: 'INCOMING', status: 'PENDING' })]);
    expect(await transfers(t, await source.token(), { direction: 'OUTGOING' })).toEqual([]);
    expect(await transfers(t, await target.token(), { direction: 'OUTGOING', status: 'PENDING' })).toEqual([expect.objectContaining({ id: transfer.id })]);
    expect(await transfers(t, await stranger.token())).toEqual([]);
    const events = await rows(t, `select type, tenant_id from platform.outbox_event where resource_id = $1`, [transfer.id]);
    expect(events).toEqual([{ type: 'TRANSFER_REQUESTED', tenant_id: source.id }]);
    const audit = await auditOf(t, await source.token(), '2031-02-01T00:00:00Z', '2031-02-02T00:00:00Z');
    expect(audit.filter((r) => r.resourceType === 'TransferRequest')).toEqual([expect.objectContaining({ operation: 'createTransferRequest', resourceId: transfer.id })]);
    expect(await auditOf(t, await target.token(), '2031-02-01T00:00:00Z', '2031-02-02T00:00:00Z')).toEqual(
      expect.arrayContaining([expect.objectContaining({ operation: 'createTransferRequest', resourceId: transfer.id })]),
    );
  });

  it('XFR-1: the source rejects, the target cancels while pending; each side answers only for itself, once', async () => {
    await setClock(t, '2031-03-01T10:00:00Z');
    const { a: source, b: target, customerId } = await twoPartnersOneCustomer(t);
    const rejected = await request(target, source, customerId);
    expect((await transferMutation(t, await target.token(), 'rejectTransferRequest', { transferId: rejected.id })).errors).toEqual([expect.objectContaining({ code: 'TRANSFER_INVALID' })]);
    expect((await transferMutation(t, await source.token(), 'rejectTransferRequest', { transferId: rejected.id })).transfer).toMatchObject({ status: 'REJECTED' });
    expect((await transferMutation(t, await target.token(), 'cancelTransferRequest', { transferId: rejected.id })).errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'XFR-1' })]);

    const withdrawn = await request(target, source, customerId);
    expect((await transferMutation(t, await source.token(), 'cancelTransferRequest', { transferId: withdrawn.id })).errors).toEqual([expect.objectContaining({ code: 'TRANSFER_INVALID' })]);
    expect((await transferMutation(t, await target.token(), 'cancelTransferRequest', { transferId: withdrawn.id })).transfer).toMatchObject({ status: 'CANCELLED' });
    expect((await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: withdrawn.id, subscriptionIds: ['sub_x'] })).errors).toEqual([
      expect.objectContaining({ code: 'INVALID_STATE', rule: 'XFR-1' }),
    ]);
  });

  it('XFR-1: an unanswered request expires after 30 days (processDueWork reports transfersExpired)', async () => {
    await setClock(t, '2031-04-01T10:00:00Z');
    const { a: source, b: target, customerId } = await twoPartnersOneCustomer(t);
    const transfer = await request(target, source, customerId);
    // The sandbox clock runs on with wall time: the boundary comes from the request's own createdAt,
    // with a minute's margin before it for a slow machine (each step below takes its time).
    const expiry = Date.parse(transfer.createdAt) + 30 * 24 * 60 * 60 * 1000;
    expect(Date.parse(transfer.expiresAt)).toBe(expiry);
    await setClock(t, new Date(expiry - 60_000).toISOString());
    await processDueWork(t);
    expect((await transfers(t, await source.token())).find((x) => x.id === transfer.id).status).toBe('PENDING');
    await setClock(t, new Date(expiry + 1000).toISOString());
    expect((await processDueWork(t)).transfersExpired).toBe(1);
    expect((await transfers(t, await target.token())).find((x) => x.id === transfer.id).status).toBe('EXPIRED');
    expect((await processDueWork(t)).transfersExpired).toBe(0);
    expect((await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: transfer.id, subscriptionIds: ['sub_x'] })).errors).toEqual([
      expect.objectContaining({ code: 'INVALID_STATE' }),
    ]);
  });

  it('XFR-2: acceptance moves the chosen subscriptions in one transaction: cancelled for the source, created for the target with the same SKU, quantity and term end, remaining days credited and charged', async () => {
    // Two subscriptions bought in January, one in June.
    await setClock(t, '2032-01-01T00:00:00Z');
    const { a: source, b: target, customerId } = await twoPartnersOneCustomer(t);
    const older = await subscribeAt(t, { partnerId: source.id, customerId, at: '2032-01-01T00:00:00Z', quantity: 7, offerId: 'offer-power-bi-pro' });
    const kept = await subscribeAt(t, { partnerId: source.id, customerId, at: '2032-01-01T00:00:00Z', quantity: 3 });
    const powerBi = await priceOf(t, await source.token(), 'offer-power-bi-pro');
    await setClock(t, '2032-06-10T10:00:00Z');
    const bought = (await buy(t, source, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 12, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).payload.order.lines[0].subscription.id;
    const transfer = await request(target, source, customerId);

    const accepted = await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: transfer.id, subscriptionIds: [bought, older] });
    expect(accepted.errors).toEqual([]);
    expect(accepted.transfer).toMatchObject({ status: 'ACCEPTED', items: [{ sourceSubscriptionId: bought, targetSubscriptionId: null }, { sourceSubscriptionId: older, targetSubscriptionId: null }] });
    // While the move is pending the request cannot be answered again.
    expect((await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: transfer.id, subscriptionIds: [kept] })).errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);
    expect((await transferMutation(t, await target.token(), 'cancelTransferRequest', { transferId: transfer.id })).errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);

    await processDueWork(t);
    const [completed] = (await transfers(t, await target.token())).filter((x) => x.id === transfer.id);
    expect(completed).toMatchObject({ status: 'COMPLETED', completedAt: expect.any(String) });
    const moved = completed.items as { sourceSubscriptionId: string; targetSubscriptionId: string }[];
    expect(moved.map((item) => item.sourceSubscriptionId)).toEqual([bought, older]);

    for (const item of moved) {
      const before = await subscriptionOf(source, item.sourceSubscriptionId);
      const after = await subscriptionOf(target, item.targetSubscriptionId);
      expect(before.status).toBe('CANCELLED');
      expect(after).toMatchObject({ status: 'ACTIVE', quantity: before.quantity, termEnd: before.termEnd, termDuration: before.termDuration, billingFrequency: before.billingFrequency, offer: before.offer });
      // No downtime: the target's subscription starts the moment the source's ends.
      const start = (await rows(t, 'select term_start from subscriptions.subscription where id = $1', [item.targetSubscriptionId]))[0].term_start.toISOString();
      expect(start).toBe(before.cancelledAt);
      const credit = before.ledger.find((l: { kind: string }) => l.kind === 'CREDIT');
      const charge = after.ledger.find((l: { kind: string }) => l.kind === 'CHARGE');
      expect(charge.amount).toEqual(credit.amount);
      expect(Number(credit.amount.amount)).toBeGreaterThan(0);
      expect(codeOf(await t.gql(await source.token(), SUBSCRIPTION, { id: item.targetSubscriptionId }))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(await target.token(), SUBSCRIPTION, { id: item.sourceSubscriptionId }))).toBe('NOT_FOUND');
    }
    // BIL-2: the rest of the monthly period, by the day: 7 licenses at their monthly price for the 20 days left of June's 30 (2032-06-11 … 2032-06-30).
    expect((await subscriptionOf(source, older)).ledger.find((l: { kind: string }) => l.kind === 'CREDIT').amount).toEqual({ amount: prorated(powerBi.amount, 7, 1, 20, 30), currency: 'EUR' });
    expect((await subscriptionOf(source, kept)).status).toBe('ACTIVE');
    const completedEvents = await rows(t, `select tenant_id from platform.outbox_event where type = 'TRANSFER_COMPLETED' and resource_id = $1 order by tenant_id`, [transfer.id]);
    expect(completedEvents.map((e) => e.tenant_id)).toEqual([source.id, target.id].sort());
  });

  it('XFR-2: an acceptance failing on its last subscription moves nothing, whether refused at once or found changed when moving', async () => {
    // Bought on June 1, answered on July 1.
    await setClock(t, '2033-06-01T00:00:00Z');
    const { a: source, b: target, customerId } = await twoPartnersOneCustomer(t);
    const june = (partnerId: string, quantity: number) => subscribeAt(t, { partnerId, customerId, at: '2033-06-01T00:00:00Z', quantity });
    const [first, second] = [await june(source.id, 4), await june(source.id, 5)];
    const suspended = await june(source.id, 6);
    expect((await lifecycle(source, 'suspendSubscription', suspended)).errors).toEqual([]);
    const foreign = await june(target.id, 2);
    await setClock(t, '2033-07-01T10:00:00Z');
    const transfer = await request(target, source, customerId);
    // BIL-1: July's periods are billed first, so that the snapshots below show only what a move would change.
    await processDueWork(t);
    const before = await snapshot(customerId);
    const audits = await count(t, 'select 1 from platform.audit_record');

    for (const last of [suspended, foreign, 'sub_unknown']) {
      const refused = await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: transfer.id, subscriptionIds: [first, second, last] });
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'TRANSFER_INVALID', rule: 'XFR-2', message: expect.stringContaining(last) })]);
    }
    expect(await snapshot(customerId)).toEqual(before);
    expect(await count(t, 'select 1 from platform.audit_record')).toBe(audits);
    expect((await transfers(t, await source.token())).find((x) => x.id === transfer.id)).toMatchObject({ status: 'PENDING', items: [] });

    // Valid when accepted, the last one is cancelled before the move runs: nothing moves.
    // Bought now, so that the source can still cancel it (SUB-5) after accepting.
    const bought = await buy(t, source, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 7 }]);
    const third: string = bought.payload.order.lines[0].subscription.id;
    expect((await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: transfer.id, subscriptionIds: [first, second, third] })).errors).toEqual([]);
    expect((await lifecycle(source, 'cancelSubscription', third)).errors).toEqual([]);
    const beforeMove = await snapshot(customerId);
    await processDueWork(t);
    expect(await snapshot(customerId)).toEqual(beforeMove);
    const failed = (await transfers(t, await source.token())).find((x) => x.id === transfer.id);
    expect(failed).toMatchObject({ status: 'PENDING', items: [], failureReason: expect.stringContaining(third) });
    expect(await count(t, `select 1 from platform.outbox_event where type = 'TRANSFER_COMPLETED' and resource_id = $1`, [transfer.id])).toBe(0);

    // Answered again with what is still valid, it completes.
    expect((await transferMutation(t, await source.token(), 'acceptTransferRequest', { transferId: transfer.id, subscriptionIds: [first, second] })).errors).toEqual([]);
    await processDueWork(t);
    expect((await transfers(t, await target.token())).find((x) => x.id === transfer.id)).toMatchObject({ status: 'COMPLETED', failureReason: null });
  });
});
