import type { Page } from 'playwright-core';
import { useDemoStack } from '../support/doc-examples';
import { launchBrowser } from './browser';
import { DESKTOP, documentWidth, PHONE, shots } from './console-support';

/**
 * The console on the demo data, as a new user meets it after `npm start`: signed in as a demo
 * partner from the list, everything is named (no provisioning ids, PartnerIDs or state codes on
 * screen) and a phone never scrolls sideways.
 */
describe('partner console on the demo data', () => {
  const demo = useDemoStack();
  let close: () => Promise<void>;
  let page: Page;

  beforeAll(async () => {
    const browser = await launchBrowser(DESKTOP);
    close = browser.close;
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await close?.();
  });

  it('Contoso, picked from the demo partners, sees its customers and the EA of Alpine Ski by name', async () => {
    await page.goto(demo.stack().gatewayUrl.replace(/\/graphql$/, '/'));
    await page.locator('#demo-form').waitFor();
    await page.locator('#demo').selectOption({ label: 'Contoso Cloud (direct-bill partner) — ptn-contoso-direct' });
    await page.getByRole('button', { name: 'Use demo token' }).click();
    await page.locator('#dashboard').waitFor({ state: 'visible' });
    await expect(page.locator('#partner-name').textContent()).resolves.toContain('Contoso Cloud');
    await expect(page.locator('[data-customer] h3').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('Alpine Ski GmbH')]));
    const agreements = await page.locator('#agreements').innerText();
    expect(agreements).toContain('Alpine Ski GmbH');
    expect(agreements).not.toMatch(/Microsoft_365|SCHEDULED_BY_YOU|NOT_AVAILABLE_IN_CSP|\bAVAILABLE\b/);
    const states = await page.locator('[data-subscription] td.status').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    for (const state of states) expect(['Active', 'Suspended', 'Expired', 'Cancelled', 'Being provisioned']).toContain(state);
    await expect(page.locator('#partial').isVisible()).resolves.toBe(false);
    await shots(page, 'demo');
  });

  it('fits a 390 px phone with the demo data loaded', async () => {
    await page.setViewportSize(PHONE);
    expect(await documentWidth(page)).toBeLessThanOrEqual(390);
    await page.setViewportSize(DESKTOP);
  });
});
