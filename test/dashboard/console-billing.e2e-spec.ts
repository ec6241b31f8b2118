import { readFile } from 'node:fs/promises';
import Decimal from 'decimal.js';
import type { Page } from 'playwright-core';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { mutate, processDueWork, setClock } from '../subscriptions/support';
import { launchBrowser } from './browser';
import { DESKTOP, origin, shots, signIn } from './console-support';

const E3 = 'offer-m365-e3-no-teams';
const LEDGER = 'query($id: ID!) { subscription(id: $id) { id quantity status offer { id } ledger { kind chargeType amount { amount currency } } billing { nextChargeAt nextChargeAmount { amount currency } } } }';
const INVOICES = 'query { invoices(first: 100) { totalCount edges { node { id number status currency total { amount currency } reconciliationUrl lines(first: 1) { totalCount } } } } }';

/** What ledger entries charged and refunded, as the console writes money ("12.34 EUR"). */
function sums(entries: { kind: string; amount: { amount: string; currency: string } }[]) {
  const currency = entries[0]?.amount.currency;
  const total = (kinds: (kind: string) => boolean) => entries.filter((e) => kinds(e.kind)).reduce((sum, e) => sum.plus(e.amount.amount), new Decimal(0));
  const text = (value: Decimal) => (value.isZero() ? 'nothing' : `${value.toFixed(2)} ${currency}`);
  return { charge: text(total((kind) => kind === 'CHARGE')), refund: text(total((kind) => kind !== 'CHARGE')) };
}

/**
 * Billing in the partner console (headless Chromium through the real gateway; state set up
 * through the API on the sandbox clock): each subscription's next charge, a preview of what a
 * change charges or refunds in its dialog before it is confirmed — equal to what the change then
 * books —, and the invoices with their lines and reconciliation file.
 */
describe('partner console: billing', () => {
  const t = useStack();
  let close: () => Promise<void>;
  let page: Page;
  let partner: TestPartner;
  let customerId: string;
  let kept: string;
  let cancelled: string;
  let bought: string;
  const row = (id: string) => page.locator(`[data-subscription="${id}"]`);
  const dialog = () => page.locator('dialog[open]');
  const status = (text: string | RegExp) => page.locator('#status.ok', { hasText: text }).waitFor();
  const token = () => partner.token(['ADMIN_AGENT']);
  const subscription = async (id: string) => dataOf(await t.gql(await token(), LEDGER, { id })).subscription;
  /** The preview's sums as the dialog shows them, once it has answered. */
  async function shownPreview() {
    await dialog().locator('.preview .preview-charge').waitFor();
    const text = (cls: string) => dialog().locator(`.preview .${cls}`).textContent();
    return { charge: await text('preview-charge'), refund: await text('preview-refund'), next: await text('preview-next') };
  }

  beforeAll(async () => {
    await setClock(t, '2039-03-10T09:00:00Z');
    partner = await onboardPartner(t);
    customerId = (await createCustomer(t, partner, { companyName: 'Alpine Ski House' })).id;
    const ids: string[] = [];
    for (const quantity of [10, 5]) {
      const { payload } = await buy(t, partner, customerId, [{ offerId: E3, quantity, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
      expect(payload.errors).toEqual([]);
      ids.push(payload.order.lines[0].subscription.id);
    }
    [kept, cancelled] = ids;
    const browser = await launchBrowser(DESKTOP);
    close = browser.close;
    page = await browser.context.newPage();
    await signIn(t, page, partner);
  });

  afterAll(async () => {
    await close?.();
  });

  it('BIL-1: a subscription row shows its next charge, when and how much, in words', async () => {
    const { billing } = await subscription(kept);
    expect(billing.nextChargeAt.slice(0, 10)).toBe('2039-04-10');
    await expect(row(kept).locator('.next-charge').textContent()).resolves.toBe(`2039-04-10: ${billing.nextChargeAmount.amount} ${billing.nextChargeAmount.currency}`);
    await shots(page, 'next-charge', row(kept));
  });

  it('BIL-6, BIL-2: the quantity dialog previews the charge and next charge; confirmed, the change books exactly that', async () => {
    const before = (await subscription(kept)).ledger.length;
    await row(kept).locator('input.new-quantity').fill('14');
    await row(kept).getByRole('button', { name: 'Change quantity…' }).click();
    await page.locator('dialog[open][data-dialog="quantity"]').waitFor();
    const shown = await shownPreview();
    expect(shown.charge).toMatch(/^\d+\.\d{2} EUR$/);
    expect(shown.refund).toBe('nothing');
    await shots(page, 'dialog-quantity-preview');
    await dialog().getByRole('button', { name: 'Change quantity', exact: true }).click();
    await status('Quantity changed.');
    const after = await subscription(kept);
    expect(after.quantity).toBe(14);
    const booked = after.ledger.slice(before);
    expect(booked.map((e: any) => e.chargeType)).toEqual(['ADD_QUANTITY']);
    expect(sums(booked)).toEqual({ charge: shown.charge, refund: shown.refund });
    expect(shown.next).toBe(`${after.billing.nextChargeAt.slice(0, 10)}: ${after.billing.nextChargeAmount.amount} ${after.billing.nextChargeAmount.currency}`);
    await expect(row(kept).locator('.next-charge').textContent()).resolves.toBe(shown.next);
  });

  it('BIL-6, UPG-1: the upgrade dialog previews the credit and the charge; confirmed, the upgrade books exactly that', async () => {
    const before = await subscription(kept);
    await row(kept).getByRole('button', { name: 'Upgrade…' }).click();
    await page.locator('dialog[open][data-dialog="upgrade"]').waitFor();
    const shown = await shownPreview();
    expect(shown.refund).toMatch(/^\d+\.\d{2} EUR$/);
    await shots(page, 'dialog-upgrade-preview');
    await dialog().getByRole('button', { name: 'Upgrade', exact: true }).click();
    await status(/^Upgraded\./);
    const after = await subscription(kept);
    expect(after.offer.id).not.toBe(before.offer.id);
    const booked = after.ledger.slice(before.ledger.length);
    expect(booked.length).toBeGreaterThan(0);
    expect(booked.every((e: any) => e.chargeType === 'UPGRADE')).toBe(true);
    expect(sums(booked)).toEqual({ charge: shown.charge, refund: shown.refund });
  });

  it('BIL-6, SUB-5: the cancel dialog shows what was billed and the previewed refund; the cancellation refunds exactly that', async () => {
    const before = await subscription(cancelled);
    await row(cancelled).getByRole('button', { name: 'Cancel…' }).click();
    const shown = await shownPreview();
    const confirmation = await page.locator('#confirm-text').textContent();
    expect(confirmation).toContain('Billed for this term so far: ');
    expect(confirmation).not.toContain('Charged for this term so far');
    expect(shown.refund).toMatch(/^\d+\.\d{2} EUR$/);
    expect(shown.next).toBe('none');
    await shots(page, 'dialog-cancel-preview');
    await dialog().getByRole('button', { name: 'Cancel subscription' }).click();
    await status(`Subscription cancelled. Refund: ${shown.refund}.`);
    const after = await subscription(cancelled);
    expect(after.status).toBe('CANCELLED');
    const booked = after.ledger.slice(before.ledger.length);
    expect(booked.map((e: any) => e.chargeType)).toEqual(['CANCEL']);
    expect(sums(booked).refund).toBe(shown.refund);
  });

  it('BIL-6, ORD-1: the buy dialog previews what the order charges once the attestation is given; the order charges exactly that', async () => {
    await page.locator(`[data-customer="${customerId}"]`).getByRole('button', { name: 'Buy…' }).click();
    await dialog().locator('input[name="offer-search"]').fill('Business Basic');
    await dialog().getByRole('button', { name: 'Search', exact: true }).click();
    await dialog().locator('[data-offer] button.choose-offer:not([disabled])').first().click();
    await dialog().locator('input[name="quantity"]').fill('3');
    await dialog().getByRole('button', { name: 'Add to cart' }).click();
    await dialog().locator('.preview', { hasText: 'Tick the attestation to see what the order charges.' }).waitFor();
    await dialog().locator('input[name="attestation"]').check();
    const shown = await shownPreview();
    expect(shown.charge).toMatch(/^\d+\.\d{2} EUR$/);
    await shots(page, 'dialog-buy-preview');
    await dialog().getByRole('button', { name: 'Place order' }).click();
    await status(/^Order placed: 3 × Microsoft 365 Business Basic/);
    const subs = dataOf(await t.gql(await token(), 'query($id: ID!) { customer(id: $id) { subscriptions(first: 100) { edges { node { id offer { id } } } } } }', { id: customerId }))
      .customer.subscriptions.edges.map((e: any) => e.node.id)
      .filter((id: string) => id !== kept && id !== cancelled);
    expect(subs).toHaveLength(1);
    bought = subs[0];
    const after = await subscription(bought);
    expect(after.ledger.map((e: any) => e.chargeType)).toEqual(['NEW']);
    expect(sums(after.ledger)).toEqual({ charge: shown.charge, refund: 'nothing' });
    expect(shown.next).toBe(`${after.billing.nextChargeAt.slice(0, 10)}: ${after.billing.nextChargeAmount.amount} ${after.billing.nextChargeAmount.currency}`);
  });

  it('BIL-6, SUB-2: a change the preview refuses shows the refusal in its dialog, with the rule; confirming anyway changes nothing', async () => {
    // Nine days after the purchase the licenses can no longer be removed (SUB-2).
    await setClock(t, '2039-03-19T09:00:00Z');
    await page.locator('#refresh').click();
    await status('Up to date.');
    await row(bought).locator('input.new-quantity').fill('1');
    await row(bought).getByRole('button', { name: 'Change quantity…' }).click();
    const problem = dialog().locator('.dialog-problems [role="alert"]');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('(rule SUB-2)');
    await expect(dialog().locator('.preview').textContent()).resolves.toContain('This change would be refused');
    await shots(page, 'dialog-quantity-refused');
    await dialog().getByRole('button', { name: 'Change quantity', exact: true }).click();
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('(rule SUB-2)');
    await expect(dialog().isVisible()).resolves.toBe(true);
    expect((await subscription(bought)).quantity).toBe(3);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
  });

  it('BIL-3, BIL-4: invoices are listed and paged, an invoice’s lines are paged, and the reconciliation file downloads with the token', async () => {
    // More than one page of lines in March (BIL-2: each increase is a line) …
    for (let quantity = 15; quantity <= 36; quantity += 1) {
      const changed = await mutate(t, await token(), 'updateSubscriptionQuantity', { subscriptionId: kept, quantity });
      expect(dataOf(changed).updateSubscriptionQuantity.errors).toEqual([]);
    }
    // … and more than one page of invoices: a year of monthly periods, each month closed by due work (BIL-3).
    for (let month = 4; month <= 15; month += 1) {
      const year = 2039 + Math.floor((month - 1) / 12);
      await setClock(t, `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-11T09:00:00Z`);
      await processDueWork(t);
    }
    const listed = dataOf(await t.gql(await token(), INVOICES)).invoices;
    expect(listed.totalCount).toBe(13);
    const march = listed.edges[0].node;
    expect(march).toMatchObject({ status: 'CLOSED' });
    expect(march.lines.totalCount).toBeGreaterThan(20);

    await page.locator('#refresh').click();
    await status('Up to date.');
    await page.locator('#invoice-count', { hasText: '1–12 of 13' }).waitFor();
    const first = page.locator(`[data-invoice="${march.id}"]`);
    await expect(first.locator('.month').textContent()).resolves.toBe('March 2039');
    await expect(first.locator('.invoice-status').textContent()).resolves.toBe('Closed');
    await expect(first.locator('.total').textContent()).resolves.toBe(march.total.amount);
    await expect(first.locator('.currency').textContent()).resolves.toBe(march.currency);
    await shots(page, 'invoices', page.locator('#invoices-section'));
    await page.locator('#invoices-next').click();
    await page.locator('#invoice-count', { hasText: '13–13 of 13' }).waitFor();
    await expect(page.locator('[data-invoice]').count()).resolves.toBe(1);
    await expect(page.locator('[data-invoice] .invoice-status').textContent()).resolves.toBe('Open');
    await page.locator('#invoices-previous').click();
    await page.locator('#invoice-count', { hasText: '1–12 of 13' }).waitFor();

    await first.getByRole('button', { name: 'Lines…' }).click();
    const lines = page.locator('dialog[open][data-dialog="invoice"]');
    await lines.locator('.line-count', { hasText: `1–20 of ${march.lines.totalCount}` }).waitFor();
    const added = lines.locator('[data-invoice-line]', { hasText: 'Licenses added' }).first();
    const text = await added.textContent();
    expect(text).toContain('Alpine Ski House');
    expect(text).toContain('Microsoft 365');
    expect(text).toMatch(/2039-03-\d\d – 2039-04-09/);
    expect(text).not.toContain('ADD_QUANTITY');
    await expect(lines.locator('[data-invoice-line]', { hasText: 'New subscription' }).count()).resolves.toBeGreaterThan(0);
    await shots(page, 'dialog-invoice-lines');
    await lines.locator('.lines-next').click();
    await lines.locator('.line-count', { hasText: `21–${march.lines.totalCount} of ${march.lines.totalCount}` }).waitFor();

    const expected = await (await fetch(new URL(march.reconciliationUrl, origin(t)), { headers: { authorization: `Bearer ${await token()}` } })).text();
    const [download] = await Promise.all([page.waitForEvent('download'), lines.getByRole('button', { name: 'Download reconciliation file' }).click()]);
    expect(download.suggestedFilename()).toBe(`invoice-${march.number}-reconciliation.csv`);
    expect(await readFile((await download.path())!, 'utf8')).toBe(expected);
    await lines.getByRole('button', { name: 'Close' }).click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' });

    // The list's own button saves the same file.
    const [again] = await Promise.all([page.waitForEvent('download'), first.getByRole('button', { name: 'Download reconciliation file' }).click()]);
    expect(await readFile((await again.path())!, 'utf8')).toBe(expected);
    await status(`Reconciliation file of invoice ${march.number} saved.`);
  });

  it('BIL-8: a role without invoice access is told so, and the page does not ask for invoices', async () => {
    const other = await page.context().newPage();
    const asked: string[] = [];
    other.on('request', (request) => {
      const body = request.postData();
      if (body && body.includes('ConsoleInvoices')) asked.push(body);
    });
    await other.goto(`${origin(t)}/`);
    await other.locator('#token').fill(await partner.token(['SALES_AGENT']));
    await other.getByRole('button', { name: 'Sign in', exact: true }).click();
    await other.locator('#dashboard').waitFor({ state: 'visible' });
    await expect(other.locator('#invoices').textContent()).resolves.toBe('Invoices are shown to billing admins, admin agents and global admins only.');
    await expect(other.locator('[data-invoice]').count()).resolves.toBe(0);
    await expect(other.locator('#invoice-pager').isVisible()).resolves.toBe(false);
    await expect(other.locator('#partial').isVisible()).resolves.toBe(false);
    expect(asked).toEqual([]);
    await other.close();
  });
});
