import type { Page } from 'playwright-core';
import { useStack } from '../support/stack';
import { setClock } from '../subscriptions/support';
import { dataOf } from '../support/stack';
import { CREATE_REQUEST, customerToken } from '../customers/helpers';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { launchBrowser } from './browser';
import { consoleData, documentWidth, origin, PHONE, shots, signIn, type ConsoleData } from './console-support';

/**
 * The console and the relationship page on a phone: at 390×844 the document never scrolls
 * sideways, with data loaded and with each dialog open (headless Chromium; screenshots of each
 * view and dialog at 1280×800 and 390×844).
 */
describe('partner console on a phone (390 px)', () => {
  const t = useStack();
  let close: () => Promise<void>;
  let page: Page;
  let data: ConsoleData;

  beforeAll(async () => {
    await setClock(t, '2037-02-02T09:00:00Z');
    data = await consoleData(t, '2037-04-30');
    const browser = await launchBrowser(PHONE);
    close = browser.close;
    page = await browser.context.newPage();
    await signIn(t, page, data.partner);
  });

  afterAll(async () => {
    await close?.();
  });

  const dialog = () => page.locator('dialog[open]');
  async function closeDialog() {
    await dialog().getByRole('button', { name: 'Close' }).click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
  }

  it('the console with its data loaded fits 390 px', async () => {
    await page.locator(`[data-subscription="${data.subscriptionId}"]`).waitFor();
    await page.locator(`[data-transfer="${data.transferId}"]`).waitFor();
    await page.locator(`[data-ea-subscription="${data.eaSubscriptionId}"]`).waitFor();
    await page.locator('[data-invoice]').first().waitFor();
    expect(await documentWidth(page)).toBeLessThanOrEqual(390);
    // The actions are on screen, not beyond its right edge.
    const button = await page.locator(`[data-subscription="${data.subscriptionId}"] button.suspend`).boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(390);
    await shots(page, 'overview');
  });

  const dialogs: [string, (p: Page) => Promise<void>][] = [
    ['cancel', async (p) => p.locator(`[data-subscription="${data.subscriptionId}"] button.cancel`).click()],
    [
      'quantity',
      async (p) => {
        await p.locator(`[data-subscription="${data.subscriptionId}"] input.new-quantity`).fill('13');
        await p.locator(`[data-subscription="${data.subscriptionId}"] button.change-quantity`).click();
      },
    ],
    ['upgrade', async (p) => p.locator(`[data-subscription="${data.subscriptionId}"] button.upgrade`).click()],
    ['renewal-change', async (p) => p.locator(`[data-subscription="${data.subscriptionId}"] button.renewal-change`).click()],
    ['ea-renewal', async (p) => p.locator(`[data-ea-subscription="${data.eaSubscriptionId}"] button.schedule-ea`).click()],
    ['transfer', async (p) => p.locator(`[data-transfer="${data.transferId}"] button.answer-transfer`).click()],
    [
      'buy',
      async (p) => {
        await p.locator(`[data-customer="${data.customerId}"] button.buy`).click();
        await p.locator('dialog[open] input[name="offer-search"]').fill('Microsoft 365');
        await p.locator('dialog[open]').getByRole('button', { name: 'Search', exact: true }).click();
        await p.locator('dialog[open] [data-offer] button.choose-offer:not([disabled])').first().click();
        await p.locator('dialog[open]').getByRole('button', { name: 'Add to cart' }).click();
        await p.locator('dialog[open] .cart li').waitFor();
        await p.locator('dialog[open] input[name="attestation"]').check();
      },
    ],
    ['invoice', async (p) => p.locator('[data-invoice] button.invoice-lines').first().click()],
  ];

  it.each(dialogs.map(([name]) => [name]))('the %s dialog fits 390 px', async (name) => {
    await page.setViewportSize(PHONE);
    await dialogs.find(([n]) => n === name)![1](page);
    await page.locator(`dialog[open][data-dialog="${name}"]`).waitFor();
    // A dialog that previews or lists money has answered before it is measured (BIL-6, BIL-3).
    if (['cancel', 'quantity', 'upgrade', 'buy', 'transfer'].includes(name)) await dialog().locator('.preview .preview-charge').waitFor();
    if (name === 'invoice') await dialog().locator('[data-invoice-line]').first().waitFor();
    expect(await documentWidth(page)).toBeLessThanOrEqual(390);
    const box = await dialog().boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await shots(page, `dialog-${name}`);
    await closeDialog();
  });

  it('the relationship page fits 390 px, its GraphiQL mutation too', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, data.partner);
    const { request } = dataOf(await t.gql(await partner.token(), CREATE_REQUEST, { input: {} })).createRelationshipRequest;
    await page.setViewportSize(PHONE);
    await page.goto(`${origin(t)}${new URL(request.url).pathname}`);
    await page.locator('details summary').click();
    expect(await documentWidth(page)).toBeLessThanOrEqual(390);
    await page.fill('#token', await customerToken(t, customer.id));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#details:not([hidden])').waitFor();
    expect(await documentWidth(page)).toBeLessThanOrEqual(390);
    await shots(page, 'relationship-page');
  });
});
