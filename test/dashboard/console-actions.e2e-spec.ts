import type { Page } from 'playwright-core';
import { createCustomer } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { setClock } from '../subscriptions/support';
import { buy } from '../subscriptions/checkout.fixtures';
import { relate, transferMutation } from '../transfers/support';
import { launchBrowser } from './browser';
import { consoleData, DESKTOP, shots, signIn, type ConsoleData } from './console-support';

/**
 * The actions Partner Center gives for what the console lists, each through the public graph,
 * with names instead of codes (headless Chromium; state set up and checked through the API).
 */
describe('partner console actions', () => {
  const t = useStack();
  let close: () => Promise<void>;
  let page: Page;
  let data: ConsoleData;
  const row = (id: string) => page.locator(`[data-subscription="${id}"]`);
  const eaRow = () => page.locator(`[data-ea-subscription="${data.eaSubscriptionId}"]`);
  const dialog = () => page.locator('dialog[open]');
  const status = (text: string | RegExp) => page.locator('#status.ok', { hasText: text }).waitFor();
  const token = () => data.partner.token(['ADMIN_AGENT']);
  const subscription = async (id: string) =>
    dataOf(await t.gql(await token(), 'query($id: ID!) { subscription(id: $id) { id status autoRenew quantity offer { id } scheduledChange { quantity } } }', { id })).subscription;

  beforeAll(async () => {
    await setClock(t, '2038-01-10T09:00:00Z');
    data = await consoleData(t, '2038-03-31');
    const browser = await launchBrowser(DESKTOP);
    close = browser.close;
    page = await browser.context.newPage();
    await signIn(t, page, data.partner);
  });

  afterAll(async () => {
    await close?.();
  });

  it('EA-3, XFR-1: names, not codes: offer names for EA products, partner names for PartnerIDs, readable states', async () => {
    const partners = dataOf(await t.gql(await data.target.token(), 'query($id: ID!) { partner(id: $id) { name partnerId } }', { id: data.target.id })).partner;
    const ea = await eaRow().textContent();
    expect(ea).toContain('Microsoft 365 E3 (no Teams)');
    expect(ea).not.toContain('Microsoft_365_E3_(no_Teams)');
    expect(ea).toContain('Can be renewed in CSP');
    expect(ea).not.toContain('AVAILABLE');
    const transfer = await page.locator(`[data-transfer="${data.transferId}"]`).textContent();
    expect(transfer).toContain(partners.name);
    expect(transfer).not.toContain(partners.partnerId);
    await expect(row(data.subscriptionId).locator('.status').textContent()).resolves.toBe('Active');
  });

  it('SUB-6: autorenew is turned off and on; suspending turns it off, reactivating leaves it off, and the page says so', async () => {
    const sub = row(data.subscriptionId);
    await expect(page.locator('.hint').textContent()).resolves.toContain('reactivating it leaves autorenew off until you turn it on again');
    await sub.getByRole('button', { name: 'Turn autorenew off' }).click();
    await status('Autorenew turned off.');
    expect((await subscription(data.subscriptionId)).autoRenew).toBe(false);
    await sub.getByRole('button', { name: 'Turn autorenew on' }).click();
    await status('Autorenew turned on.');
    expect((await subscription(data.subscriptionId)).autoRenew).toBe(true);

    await sub.getByRole('button', { name: 'Suspend' }).click();
    await status('Subscription suspended. Autorenew is now off.');
    await sub.getByRole('button', { name: 'Reactivate' }).click();
    await status('Subscription reactivated. Autorenew stays off until you turn it on again.');
    await expect(sub.locator('.term').textContent()).resolves.toContain('(autorenew off)');
    expect(await subscription(data.subscriptionId)).toMatchObject({ status: 'ACTIVE', autoRenew: false });
    await shots(page, 'autorenew-after-reactivation', sub);
    await sub.getByRole('button', { name: 'Turn autorenew on' }).click();
    await status('Autorenew turned on.');
    expect((await subscription(data.subscriptionId)).autoRenew).toBe(true);
  });

  it('SCH-1: a change at the next renewal is saved, shown on the row and removed', async () => {
    await row(data.subscriptionId).getByRole('button', { name: 'Change at renewal…' }).click();
    await dialog().locator('input[name="quantity"]').fill('15');
    await dialog().getByRole('button', { name: 'Save change' }).click();
    await status('Change at renewal saved.');
    await expect(row(data.subscriptionId).locator('.scheduled').textContent()).resolves.toContain('At renewal: 15 license(s)');
    expect((await subscription(data.subscriptionId)).scheduledChange).toEqual({ quantity: 15 });
    await row(data.subscriptionId).getByRole('button', { name: 'Remove change at renewal' }).click();
    await status('Change at renewal removed.');
    expect((await subscription(data.subscriptionId)).scheduledChange).toBeNull();
  });

  it('EA-5: an EA renewal is scheduled, edited and cancelled from its row', async () => {
    const eaSchedule = async () =>
      dataOf(await t.gql(await token(), 'query($id: ID!) { customer(id: $id) { enterpriseAgreements { subscriptions { id availability schedule { status quantity termDuration } } } } }', { id: data.customerId }))
        .customer.enterpriseAgreements[0].subscriptions[0];
    await eaRow().getByRole('button', { name: 'Schedule renewal…' }).click();
    await dialog().locator('input[name="quantity"]').fill('30');
    await dialog().getByRole('button', { name: 'Schedule renewal' }).click();
    await status(/^Renewal scheduled; it is processed from /);
    await expect(eaRow().locator('.availability').textContent()).resolves.toContain('Renewal scheduled by you (30 license(s)');
    expect(await eaSchedule()).toMatchObject({ availability: 'SCHEDULED_BY_YOU', schedule: { status: 'SCHEDULED', quantity: 30 } });

    await eaRow().getByRole('button', { name: 'Edit renewal…' }).click();
    await dialog().locator('input[name="quantity"]').fill('25');
    await dialog().getByRole('button', { name: 'Save renewal' }).click();
    await status('Renewal updated.');
    expect((await eaSchedule()).schedule.quantity).toBe(25);
    await shots(page, 'ea-renewal-scheduled', eaRow());

    await eaRow().getByRole('button', { name: 'Cancel renewal' }).click();
    await status('Renewal cancelled; the EA subscription is free again.');
    expect(await eaSchedule()).toMatchObject({ availability: 'AVAILABLE', schedule: { status: 'CANCELLED' } });
  });

  it('XFR-1, BIL-6: an incoming transfer is accepted with the subscriptions chosen, its credit previewed for exactly those; a second one is rejected', async () => {
    const [moved, kept] = data.sourceSubscriptions;
    const PREVIEW = 'query($input: AcceptTransferRequestInput!) { previewAcceptTransferRequest(input: $input) { charge { amount currency } refund { amount currency } errors { code } } }';
    const previewOf = async (subscriptionIds: string[]) => dataOf(await t.gql(await token(), PREVIEW, { input: { transferId: data.transferId, subscriptionIds } })).previewAcceptTransferRequest;
    const both = await previewOf([moved, kept]);
    const one = await previewOf([moved]);
    expect([both.errors, one.errors]).toEqual([[], []]);
    expect(Number(one.refund.amount)).toBeGreaterThan(0);
    expect(Number(both.refund.amount)).toBeGreaterThan(Number(one.refund.amount));
    const shown = (m: { amount: string; currency: string }) => `${m.amount} ${m.currency}`;
    await page.locator(`[data-transfer="${data.transferId}"]`).getByRole('button', { name: 'Answer…' }).click();
    // The dialog previews what accepting every subscription credits this partner and charges the target…
    await dialog().locator('.preview .preview-refund', { hasText: shown(both.refund) }).waitFor();
    await expect(dialog().locator('.preview .preview-sums').textContent()).resolves.toContain(`Credited to you now: ${shown(both.refund)}`);
    await expect(dialog().locator('.preview .preview-charge').textContent()).resolves.toBe(shown(both.charge));
    await expect(dialog().locator('.preview .preview-lines').textContent()).resolves.toContain('Transferred out');
    // …and, once one is left out, what accepting the others would.
    await dialog().locator(`input[value="${kept}"]`).uncheck();
    await dialog().locator('.preview .preview-refund', { hasText: shown(one.refund) }).waitFor();
    await expect(dialog().locator('.preview .preview-charge').textContent()).resolves.toBe(shown(one.charge));
    await shots(page, 'dialog-transfer-preview');
    await dialog().locator(`input[value="${moved}"]`).uncheck();
    await dialog().locator('.preview', { hasText: 'Choose a subscription to see what the transfer credits you.' }).waitFor();
    await dialog().locator(`input[value="${moved}"]`).check();
    await dialog().locator('.preview .preview-refund', { hasText: shown(one.refund) }).waitFor();
    await dialog().getByRole('button', { name: 'Accept transfer' }).click();
    await status('Transfer accepted.');
    const transfer = dataOf(await t.gql(await token(), 'query { transferRequests(first: 10, filter: { direction: INCOMING }) { edges { node { id status items { sourceSubscriptionId } } } } }'))
      .transferRequests.edges.map((e: any) => e.node)
      .find((n: any) => n.id === data.transferId);
    expect(transfer).toEqual({ id: data.transferId, status: expect.stringMatching(/^(ACCEPTED|COMPLETED)$/), items: [{ sourceSubscriptionId: moved }] });
    expect((await subscription(kept)).status).toBe('ACTIVE');

    const partnerId = dataOf(await t.gql(await token(), 'query($id: ID!) { partner(id: $id) { partnerId } }', { id: data.partner.id })).partner.partnerId;
    const otherCustomer = (await createCustomer(t, data.partner, { companyName: 'Wide World Importers' })).id;
    expect((await buy(t, data.partner, otherCustomer, [{ offerId: 'offer-m365-e3-no-teams', quantity: 4 }])).payload.errors).toEqual([]);
    await relate(t, data.target, otherCustomer);
    const again = await transferMutation(t, await data.target.token(), 'createTransferRequest', { customerId: otherCustomer, sourcePartnerId: partnerId, customerEmail: 'it@wideworld.example' });
    expect(again.errors).toEqual([]);
    await page.locator('#refresh').click();
    await page.locator(`[data-transfer="${again.transfer.id}"]`).getByRole('button', { name: 'Answer…' }).click();
    await dialog().getByRole('button', { name: 'Reject transfer' }).click();
    await status('Transfer rejected.');
    const rejected = dataOf(await t.gql(await token(), 'query { transferRequests(first: 10, filter: { status: REJECTED }) { edges { node { id } } } }')).transferRequests.edges;
    expect(rejected.map((e: any) => e.node.id)).toEqual([again.transfer.id]);
  });

  it('UPG-1: an upgrade is chosen from the upgrade options and made now', async () => {
    const before = await subscription(data.subscriptionId);
    await row(data.subscriptionId).getByRole('button', { name: 'Upgrade…' }).click();
    const target = await dialog().locator('select[name="target"] option').first().getAttribute('value');
    expect(target).toBeTruthy();
    await shots(page, 'dialog-upgrade-options');
    await dialog().getByRole('button', { name: 'Upgrade', exact: true }).click();
    await status(/^Upgraded\./);
    const after = await subscription(data.subscriptionId);
    expect(after.offer.id).toBe(target);
    expect(after.offer.id).not.toBe(before.offer.id);
  });

  it('ORD-1, ORD-2: buys from a catalog search through a cart, checked out with the attestation', async () => {
    const count = async () => dataOf(await t.gql(await token(), 'query($id: ID!) { customer(id: $id) { subscriptions(first: 100) { totalCount } } }', { id: data.customerId })).customer.subscriptions.totalCount;
    const before = await count();
    await page.locator(`[data-customer="${data.customerId}"]`).getByRole('button', { name: 'Buy…' }).click();
    await dialog().locator('input[name="offer-search"]').fill('Business Basic');
    await dialog().getByRole('button', { name: 'Search', exact: true }).click();
    await dialog().locator('[data-offer] button.choose-offer:not([disabled])').first().click();
    await dialog().locator('input[name="quantity"]').fill('3');
    await dialog().getByRole('button', { name: 'Add to cart' }).click();
    await dialog().locator('.cart li', { hasText: '3 license(s)' }).waitFor();
    await dialog().locator('input[name="attestation"]').check();
    await shots(page, 'dialog-buy-cart');
    await dialog().getByRole('button', { name: 'Place order' }).click();
    await status(/^Order placed: 3 × Microsoft 365 Business Basic/);
    expect(await count()).toBe(before + 1);
  });

  it('customers are searched and paged beyond one page of 20', async () => {
    for (let i = 1; i <= 21; i += 1) await createCustomer(t, data.partner, { companyName: `Paging Company ${String(i).padStart(2, '0')}` });
    await page.locator('#customer-search-text').fill('Paging Company');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#customer-count', { hasText: '1–20 of 21' }).waitFor();
    await expect(page.locator('[data-customer]').count()).resolves.toBe(20);
    await shots(page, 'customers-search', page.locator('#customer-search'));
    await page.locator('#customers-next').click();
    await page.locator('#customer-count', { hasText: '21–21 of 21' }).waitFor();
    await expect(page.locator('[data-customer]').count()).resolves.toBe(1);
    await page.locator('#customers-previous').click();
    await page.locator('#customer-count', { hasText: '1–20 of 21' }).waitFor();
    await page.locator('#customer-search-text').fill('Fourth');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('#customer-count', { hasText: '1–1 of 1' }).waitFor();
    await expect(page.locator('[data-customer] h3').allTextContents()).resolves.toEqual([expect.stringContaining('Fourth Coffee')]);
  });
});
