import Decimal from 'decimal.js';
import type { Role } from '../../shared/auth/roles';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { perTestEra } from '../support/eras';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { cancelPurchase, download, generateKeys, softwareRows } from './software.fixtures';
import { businessNow, processDueWork, setClock } from './support';

/** SPEC §8 SW-4 (software subscriptions) and SW-5 (perpetual software) cancellation, on the sandbox clock. */
describe('software cancellation', () => {
  const t = useStack();
  // Each test plays its dates in an era of its own: the business clock never moves back.
  const at = perTestEra();
  let partner: TestPartner;
  let token: string;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
  });

  /** Buys one line at `time` (business clock); returns the order id, the line id and its subscription id. */
  async function bought(time: string, offerId: string, quantity = 2): Promise<{ orderId: string; lineId: string; subscriptionId?: string }> {
    // Several purchases at one time: the first moves the clock there, the next ones follow it (it never moves back).
    if (Date.parse(time) > (await businessNow(t)).getTime()) await setClock(t, time);
    const { payload } = await buy(t, partner, customerId, [{ offerId, quantity }]);
    expect(payload.errors).toEqual([]);
    const line = payload.order.lines[0];
    return { orderId: payload.order.id, lineId: line.id, subscriptionId: line.subscription?.id };
  }

  describe('SW-4: software subscriptions', () => {
    it('SW-4: an ADMIN_AGENT cancels within 7 days of the term with a prorated refund; the response states the end of the window; keys and links stop', async () => {
      const purchase = await bought(at('2027-03-01T10:00:00Z'), 'offer-windows-server-2022-std');
      const link = dataOf(await generateKeys(t, token, { subscriptionId: purchase.subscriptionId, version: 'Windows Server 2022', language: 'English', fileType: 'ISO' })).generateSoftwareKeys.keys.downloadLinks[0];
      await setClock(t, at('2027-03-05T10:00:00Z'));
      const result = dataOf(await cancelPurchase(t, token, purchase.orderId, purchase.lineId)).cancelSoftwarePurchase;
      expect(result.errors).toEqual([]);
      // 2 × 55.20 EUR × 12 months, refunded for the 361 of 366 days after Mar 5.
      const refund = new Decimal('1324.80').mul(361).div(366).toFixed(2);
      expect(result.refund).toEqual({ amount: refund, currency: 'EUR' });
      expect(result.cancellationDeadline.slice(0, 16)).toBe(at('2027-03-08T10:00'));
      expect(result.subscription).toMatchObject({ id: purchase.subscriptionId, status: 'CANCELLED' });
      expect(result.subscription.ledger).toEqual([
        { kind: 'CHARGE', amount: { amount: '1324.80', currency: 'EUR' } },
        { kind: 'REFUND', amount: { amount: refund, currency: 'EUR' } },
      ]);
      expect(result.order.lines[0]).toMatchObject({ id: purchase.lineId, subscription: { status: 'CANCELLED' } });
      const keys = dataOf(await generateKeys(t, token, { subscriptionId: purchase.subscriptionId, version: 'Windows Server 2022' })).generateSoftwareKeys;
      expect(keys.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);
      expect((await download(t, link, token)).status).toBe(410);
    });

    it('SW-4: after 7 days of the term: CANCELLATION_WINDOW_CLOSED, nothing changes', async () => {
      const purchase = await bought(at('2027-03-10T10:00:00Z'), 'offer-sql-server-2022-std', 1);
      await setClock(t, at('2027-03-17T10:01:00Z'));
      const before = await softwareRows(t);
      const result = dataOf(await cancelPurchase(t, token, purchase.orderId, purchase.lineId)).cancelSoftwarePurchase;
      expect(result.errors).toEqual([expect.objectContaining({ code: 'CANCELLATION_WINDOW_CLOSED', rule: 'SW-4' })]);
      expect(result.errors[0].message).toContain('7 days');
      expect(await softwareRows(t)).toEqual(before);
      const { rows } = await t.db.query('select status from subscriptions.subscription where id = $1', [purchase.subscriptionId]);
      expect(rows[0].status).toBe('ACTIVE');
    });

    it('SW-4: Red Hat and SUSE plans are NOT_CANCELLABLE, even within the window', async () => {
      for (const offerId of ['offer-rhel-server', 'offer-suse-sles']) {
        const purchase = await bought(at('2027-03-20T10:00:00Z'), offerId, 1);
        const before = await softwareRows(t);
        const result = dataOf(await cancelPurchase(t, token, purchase.orderId, purchase.lineId)).cancelSoftwarePurchase;
        expect([offerId, result.errors]).toEqual([offerId, [expect.objectContaining({ code: 'NOT_CANCELLABLE', rule: 'SW-4' })]]);
        expect(await softwareRows(t)).toEqual(before);
      }
    });

    it('SW-4: only software is cancelled here (INVALID_STATE); only an ADMIN_AGENT may (every other role FORBIDDEN); another partner gets NOT_FOUND', async () => {
      const m365 = await bought(at('2027-03-20T10:00:00Z'), 'offer-m365-e3-no-teams', 1);
      expect(dataOf(await cancelPurchase(t, token, m365.orderId, m365.lineId)).cancelSoftwarePurchase.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'SW-4' })]);
      const server = await bought(at('2027-03-20T10:00:00Z'), 'offer-windows-server-2022-std', 1);
      const other = await onboardPartner(t);
      const before = await softwareRows(t);
      for (const role of ['GLOBAL_ADMIN', 'SALES_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN', 'ACCOUNT_ADMIN', 'REFERRALS_ADMIN', 'MARKETING_CONTENT_ADMIN'] as Role[]) {
        expect([role, codeOf(await cancelPurchase(t, await partner.token([role]), server.orderId, server.lineId))]).toEqual([role, 'FORBIDDEN']);
      }
      expect(codeOf(await cancelPurchase(t, await other.token(['ADMIN_AGENT']), server.orderId, server.lineId))).toBe('NOT_FOUND');
      expect(codeOf(await cancelPurchase(t, token, m365.orderId, server.lineId))).toBe('NOT_FOUND');
      expect(await softwareRows(t)).toEqual(before);
    });
  });

  describe('SW-5: perpetual software', () => {
    it('SW-5: cancellable within 30 calendar days: keys and links revoked, a later key request refused, the line stays visible without key, 100% credit as refund', async () => {
      const purchase = await bought(at('2027-03-01T10:00:00Z'), 'offer-windows-server-2022-dc-perpetual');
      const keys = dataOf(await generateKeys(t, token, { orderLineId: purchase.lineId, version: 'Windows Server 2022', language: 'German', fileType: 'ISO' })).generateSoftwareKeys.keys;
      expect((await download(t, keys.downloadLinks[0], token)).status).toBe(302);
      await setClock(t, at('2027-03-31T20:00:00Z'));
      const result = dataOf(await cancelPurchase(t, token, purchase.orderId, purchase.lineId)).cancelSoftwarePurchase;
      expect(result.errors).toEqual([]);
      expect(result.refund).toEqual({ amount: '1361.60', currency: 'EUR' });
      expect(result.cancellationDeadline).toBe(at('2027-04-01T00:00:00.000Z'));
      expect(result.subscription).toBeNull();
      expect(result.order.lines).toEqual([
        {
          id: purchase.lineId,
          status: 'CANCELLED',
          subscription: null,
          ledger: [
            { kind: 'CHARGE', amount: { amount: '1361.60', currency: 'EUR' } },
            { kind: 'CREDIT', amount: { amount: '1361.60', currency: 'EUR' } },
          ],
          cancellationDeadline: at('2027-04-01T00:00:00.000Z'),
        },
      ]);
      const refused = dataOf(await generateKeys(t, token, { orderLineId: purchase.lineId, version: 'Windows Server 2022' })).generateSoftwareKeys;
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'SW-5' })]);
      expect((await download(t, keys.downloadLinks[0], token)).status).toBe(410);
      const revoked = await t.db.query('select count(*)::int as n from subscriptions.software_key where order_line_id = $1 and revoked_at is not null', [purchase.lineId]);
      expect(revoked.rows[0].n).toBe(1);
      // The order history still shows it.
      const order = dataOf(await t.gql(token, 'query($id: ID!) { order(id: $id) { lines { id status } } }', { id: purchase.orderId })).order;
      expect(order.lines).toEqual([{ id: purchase.lineId, status: 'CANCELLED' }]);
      expect(dataOf(await cancelPurchase(t, token, purchase.orderId, purchase.lineId)).cancelSoftwarePurchase.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'SW-5' })]);
    });

    it('SW-5: after 30 calendar days: CANCELLATION_WINDOW_CLOSED, keys still work, nothing changes', async () => {
      const purchase = await bought(at('2027-03-01T10:00:00Z'), 'offer-windows-server-2022-dc-perpetual', 1);
      await setClock(t, at('2027-04-01T00:00:01Z'));
      const before = await softwareRows(t);
      const result = dataOf(await cancelPurchase(t, token, purchase.orderId, purchase.lineId)).cancelSoftwarePurchase;
      expect(result.errors).toEqual([expect.objectContaining({ code: 'CANCELLATION_WINDOW_CLOSED', rule: 'SW-5' })]);
      expect(await softwareRows(t)).toEqual(before);
      const keys = dataOf(await generateKeys(t, token, { orderLineId: purchase.lineId, version: 'Windows Server 2019' })).generateSoftwareKeys;
      expect(keys.errors).toEqual([]);
      expect(keys.keys.productKey).toBeTruthy();
    });
  });

  it('SW-4: the 7-day window opens again with every term: a renewed software subscription is cancellable within 7 days of its renewal', async () => {
    const purchase = await bought(at('2027-06-01T10:00:00Z'), 'offer-windows-server-2022-std', 1);
    await setClock(t, at('2028-06-01T13:00:00Z'));
    expect((await processDueWork(t)).renewed).toBeGreaterThanOrEqual(1);
    await setClock(t, at('2028-06-05T13:00:00Z'));
    const result = dataOf(await cancelPurchase(t, token, purchase.orderId, purchase.lineId)).cancelSoftwarePurchase;
    expect(result.errors).toEqual([]);
    expect(result.subscription.status).toBe('CANCELLED');
    expect(result.cancellationDeadline.slice(0, 13)).toBe(at('2028-06-08T13'));
    expect(new Decimal(result.refund.amount).gt(0)).toBe(true);
  });
});
