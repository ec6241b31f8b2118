import type { Locator, Page } from 'playwright-core';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { setClock } from '../subscriptions/support';
import { launchBrowser } from './browser';
import { shots } from './console-support';

/**
 * The partner console tells of a refused change where it was asked for — next to the row, or in
 * the dialog — with the rule, until dismissed; data that could not be loaded stays announced
 * (headless Chromium, the gateway's own page; state set up through the API).
 */
describe('partner console: refusals where you act, partial data announced', () => {
  const t = useStack();
  let close: () => Promise<void>;
  let page: Page;
  let partner: TestPartner;
  let customerId: string;
  let subscriptionId: string;
  const origin = () => t.gatewayUrl.replace(/\/graphql$/, '');
  const row = () => page.locator(`[data-subscription="${subscriptionId}"]`);
  const notice = () => page.locator(`[data-notice="${subscriptionId}"]`);
  const shot = (name: string, focus?: Locator) => shots(page, name, focus);

  beforeAll(async () => {
    await setClock(t, '2036-05-04T09:00:00Z');
    partner = await onboardPartner(t);
    customerId = (await createCustomer(t, partner, { companyName: 'Proseware Outfitters' })).id;
    const bought = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
    expect(bought.payload.errors).toEqual([]);
    subscriptionId = bought.payload.order.lines[0].subscription.id;
    // Eight days later the licenses can no longer be removed (SUB-2).
    await setClock(t, '2036-05-12T09:00:00Z');
    const browser = await launchBrowser({ width: 1280, height: 800 });
    close = browser.close;
    page = await browser.context.newPage();
    await page.goto(`${origin()}/`);
    await page.locator('#token').fill(await partner.token(['ADMIN_AGENT']));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('#dashboard').waitFor({ state: 'visible' });
  });

  afterAll(async () => {
    await close?.();
  });

  it('SUB-1: a refused change is shown under its row with the rule, survives a refresh and goes only when dismissed', async () => {
    // The row is stale: the subscription was suspended elsewhere after the page loaded.
    const suspended = await t.gql(await partner.token(['ADMIN_AGENT']), 'mutation($input: SuspendSubscriptionInput!) { suspendSubscription(input: $input) { errors { code } } }', { input: { subscriptionId } });
    expect(suspended.data.suspendSubscription.errors).toEqual([]);
    await row().getByRole('button', { name: 'Suspend' }).click();
    await notice().waitFor();
    const text = await notice().textContent();
    expect(text).toContain('(rule SUB-1)');
    expect(text).toContain('SUSPENDED');
    await expect(page.locator('#status').textContent()).resolves.not.toContain('SUB-1');
    await shot('refusal-in-row', notice());

    await page.locator('#refresh').click();
    await page.locator('#status', { hasText: 'Up to date.' }).waitFor();
    await expect(notice().isVisible()).resolves.toBe(true);

    await notice().getByRole('button', { name: 'Dismiss' }).click();
    await notice().waitFor({ state: 'detached' });
    await row().getByRole('button', { name: 'Reactivate' }).click();
    await page.locator('#status', { hasText: 'Subscription reactivated.' }).waitFor();
  });

  it('ORD-2: a checkout refused for the missing attestation is shown in the buy dialog, which stays open', async () => {
    await page.locator(`[data-customer="${customerId}"]`).getByRole('button', { name: 'Buy…' }).click();
    const dialog = page.locator('dialog[data-dialog="buy"]');
    await dialog.locator('input[name="offer-search"]').fill('Business Standard');
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    await dialog.locator('[data-offer] button.choose-offer:not([disabled])').first().click();
    await dialog.getByRole('button', { name: 'Add to cart' }).click();
    await dialog.locator('.cart li').waitFor();
    await dialog.getByRole('button', { name: 'Place order' }).click();
    const problem = dialog.locator('.dialog-problems [role="alert"]');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('(rule ORD-2)');
    await expect(dialog.isVisible()).resolves.toBe(true);
    await shot('refusal-in-dialog');
    await problem.getByRole('button', { name: 'Dismiss' }).click();
    await problem.waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('partial data: with the catalog stopped, "some data could not be loaded" stays after "Up to date" and offer names show as unavailable, not as ids', async () => {
    await t.stack.subgraphs.catalog.stop();
    await page.locator('#refresh').click();
    await page.locator('#status', { hasText: 'Up to date.' }).waitFor();
    const banner = page.locator('#partial');
    await expect(banner.isVisible()).resolves.toBe(true);
    await expect(banner.textContent()).resolves.toMatch(/some data could not be loaded/i);
    const offerCell = await row().locator('td.offer').textContent();
    expect(offerCell).toContain('offer name unavailable');
    expect(offerCell).not.toContain('offer-m365-e3-no-teams');
    // A second refresh does not hide it either.
    await page.locator('#refresh').click();
    await page.locator('#status', { hasText: 'Up to date.' }).waitFor();
    await expect(banner.isVisible()).resolves.toBe(true);
    await shot('partial-data');
  });
});
