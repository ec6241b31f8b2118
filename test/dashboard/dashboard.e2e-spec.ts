import { join } from 'node:path';
import Decimal from 'decimal.js';
import type { Page } from 'playwright-core';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { setClock, subscribeAt } from '../subscriptions/support';
import { priceOf } from '../subscriptions/upgrade.fixtures';
import { ARTIFACTS, launchBrowser } from './browser';

/**
 * GET / : the partner dashboard page in a real headless Chromium, over the public graph only.
 * The partner, its customers and subscriptions are set up through the API (and the sandbox
 * clock); the page is used as a partner would: paste the token, read, act.
 */
describe('partner dashboard page', () => {
  const t = useStack();
  let close: () => Promise<void>;
  let page: Page;
  let partner: TestPartner;
  let growing: string;
  let cancellable: string;
  let suspended: string;
  /** The first month of the 3 cancellable licenses at the catalog price (BIL-1). */
  let firstMonth: string;
  const foreignRequests: string[] = [];
  const origin = () => t.gatewayUrl.replace(/\/graphql$/, '');
  const row = (id: string) => page.locator(`[data-subscription="${id}"]`);
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await setClock(t, '2033-03-20T00:00:00Z');
    partner = await onboardPartner(t);
    const adatum = (await createCustomer(t, partner, { companyName: 'Adatum Bikes' })).id;
    const litware = (await createCustomer(t, partner, { companyName: 'Litware Labs' })).id;
    // Bought a year before: it ends within 30 days, a renewal due (SUB-7).
    suspended = await subscribeAt(t, { partnerId: partner.id, customerId: litware, at: '2033-03-20T00:00:00Z', quantity: 7 });
    // Bought yesterday: still reducible and cancellable (SUB-2, SUB-5).
    growing = await subscribeAt(t, { partnerId: partner.id, customerId: adatum, at: '2034-03-01T00:00:00Z', quantity: 10 });
    cancellable = await subscribeAt(t, { partnerId: partner.id, customerId: litware, at: '2034-03-01T00:00:00Z', quantity: 3 });
    firstMonth = new Decimal((await priceOf(t, await partner.token(), 'offer-m365-e3-no-teams')).amount).mul(3).toFixed(2);
    await setClock(t, '2034-03-02T10:00:00Z');
    const browser = await launchBrowser();
    close = browser.close;
    page = await browser.context.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(origin())) foreignRequests.push(request.url());
    });
  });

  afterAll(async () => {
    await close?.();
  });

  it('GET / serves the page and its assets from the gateway itself, with no external URL; demo tokens outside production', async () => {
    const response = await fetch(`${origin()}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    for (const asset of ['/', '/dashboard/app.css', ...['main', 'dom', 'graph', 'notices', 'dialog', 'overview', 'customers', 'buy', 'invoices', 'preview'].map((m) => `/dashboard/js/${m}.js`)]) {
      expect([asset, (await fetch(`${origin()}${asset}`)).status]).toEqual([asset, 200]);
      const text = await (await fetch(`${origin()}${asset}`)).text();
      expect([asset, text.match(/(?:src|href)=["']?(?:https?:)?\/\/[^"' >]+|url\(["']?https?:[^)]+\)|fetch\(["']https?:[^"']+/g)]).toEqual([asset, null]);
    }
    const demo = (await (await fetch(`${origin()}/dashboard/demo-tokens`)).json()) as { tokens: { tenant: string; token: string }[] };
    expect(demo.tokens.map((entry) => entry.tenant)).toContain('ptn-contoso-direct');
    expect((await fetch(`${origin()}/dashboard/nothing.js`)).status).toBe(404);
  });

  it('signs in with a pasted token and shows customers, subscriptions and what falls due', async () => {
    await page.goto(`${origin()}/`);
    await page.locator('#token').fill(await partner.token(['ADMIN_AGENT']));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('#dashboard').waitFor({ state: 'visible' });

    await expect(page.locator('[data-customer] h3').allTextContents()).resolves.toEqual([expect.stringContaining('Adatum Bikes'), expect.stringContaining('Litware Labs')]);
    await expect(row(growing).locator('.quantity').textContent()).resolves.toBe('10');
    await expect(row(growing).locator('.status').textContent()).resolves.toBe('Active');
    await expect(row(growing).locator('.reducible').textContent()).resolves.toBe('10 until 2034-03-08 00:00 UTC');
    await expect(page.locator(`[data-renewal="${suspended}"]`).textContent()).resolves.toContain('2034-03-19');
    await expect(page.locator('[data-window]').count()).resolves.toBe(0);
    await shot('01-signed-in');
  });

  it('changes a quantity and shows the new one', async () => {
    await row(growing).locator('input.new-quantity').fill('12');
    await row(growing).getByRole('button', { name: 'Change quantity…' }).click();
    await page.locator('dialog[open] .preview .preview-charge').waitFor();
    await page.locator('dialog[open]').getByRole('button', { name: 'Change quantity', exact: true }).click();
    await page.locator('#status.ok').waitFor();
    await expect(page.locator('#status').textContent()).resolves.toBe('Quantity changed.');
    await expect(row(growing).locator('.quantity').textContent()).resolves.toBe('12');
    const stored = await t.db.query('select quantity from subscriptions.subscription where id = $1', [growing]);
    expect(stored.rows[0].quantity).toBe(12);
    await shot('02-quantity-changed');
  });

  it('suspends and reactivates a subscription', async () => {
    await row(suspended).getByRole('button', { name: 'Suspend' }).click();
    await page.locator(`[data-subscription="${suspended}"] .status-SUSPENDED`).waitFor();
    await row(suspended).getByRole('button', { name: 'Reactivate' }).click();
    await page.locator(`[data-subscription="${suspended}"] .status-ACTIVE`).waitFor();
    await expect(page.locator('#status').textContent()).resolves.toBe('Subscription reactivated. Autorenew stays off until you turn it on again.');
  });

  it('cancels within the window, telling the deadline, what was billed and the previewed refund first (SUB-5, BIL-6)', async () => {
    await row(cancellable).getByRole('button', { name: 'Cancel…' }).click();
    const confirmation = await page.locator('#confirm-text').textContent();
    expect(confirmation).toContain('cancellation is possible until 2034-03-08 00:00 UTC');
    // BIL-1: billed monthly, the term has been charged its first month so far.
    expect(confirmation).toContain(`Billed for this term so far: ${firstMonth} EUR`);
    await page.locator('dialog[open] .preview .preview-refund').waitFor();
    await shot('03-cancel-confirmation');
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.locator(`[data-subscription="${cancellable}"] .status-CANCELLED`).waitFor();
    await expect(page.locator('#status').textContent()).resolves.toMatch(/^Subscription cancelled\. Refund: \d+\.\d{2} EUR\.$/);
    await shot('04-cancelled');
  });

  it('made no request to any other origin', () => {
    expect(foreignRequests).toEqual([]);
  });
});
