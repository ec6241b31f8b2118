import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, type TestStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { agreement, agreementNumber, relate, transferMutation } from '../transfers/support';
import { ARTIFACTS } from './browser';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export const origin = (t: TestStack) => t.gatewayUrl.replace(/\/graphql$/, '');

/**
 * Screenshots of what the page shows now, at 1280×800 and 390×844, scrolled to `focus` when
 * given; the viewport is then restored.
 */
export async function shots(page: Page, name: string, focus?: Locator): Promise<void> {
  const before = page.viewportSize() ?? DESKTOP;
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    if (focus) await focus.evaluate((element) => (element as unknown as { scrollIntoView(options: object): void }).scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(ARTIFACTS, `console-${name}-${size}.png`) });
  }
  await page.setViewportSize(before);
}

/** How wide the document is (it must not scroll sideways on a phone). */
export const documentWidth = (page: Page) => page.evaluate<number>('document.scrollingElement.scrollWidth');

export async function signIn(t: TestStack, page: Page, partner: TestPartner): Promise<void> {
  await page.goto(`${origin(t)}/`);
  await page.locator('#token').fill(await partner.token(['ADMIN_AGENT', 'SALES_AGENT']));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.locator('#dashboard').waitFor({ state: 'visible' });
}

const E3 = 'offer-m365-e3-no-teams';

export interface ConsoleData {
  partner: TestPartner;
  /** The partner asking to take over subscriptions of `partner` (XFR-1). */
  target: TestPartner;
  customerId: string;
  subscriptionId: string;
  transferCustomerId: string;
  sourceSubscriptions: string[];
  transferId: string;
  eaSubscriptionId: string;
}

/**
 * A partner with what the console lists, all through the API at the current business clock: a
 * customer with a fresh subscription, an Enterprise Agreement of that customer ending at
 * `endDate`, and an incoming transfer request: another partner asks to take over two of this
 * partner's subscriptions of a second customer (XFR-1).
 */
export async function consoleData(t: TestStack, endDate: string): Promise<ConsoleData> {
  const partner = await onboardPartner(t);
  const customerId = (await createCustomer(t, partner, { companyName: 'Adventure Works Cycles' })).id;
  const bought = await buy(t, partner, customerId, [{ offerId: E3, quantity: 12, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
  if (bought.payload.errors.length) throw new Error(JSON.stringify(bought.payload.errors));
  const subscriptionId = bought.payload.order.lines[0].subscription.id;

  const ea = await agreement(t, { customerId, number: agreementNumber(), endDate, subscriptions: [{ offerProvisioningId: 'Microsoft_365_E3_(no_Teams)', quantity: 30, endDate }] });

  // Another partner asks to take over two of this partner's subscriptions of a second customer.
  const target = await onboardPartner(t);
  const transferCustomerId = (await createCustomer(t, partner, { companyName: 'Fourth Coffee' })).id;
  const sourceSubscriptions: string[] = [];
  for (const quantity of [5, 8]) {
    const line = await buy(t, partner, transferCustomerId, [{ offerId: E3, quantity, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
    sourceSubscriptions.push(line.payload.order.lines[0].subscription.id);
  }
  await relate(t, target, transferCustomerId);
  const partnerId = dataOf(await t.gql(await partner.token(), 'query($id: ID!) { partner(id: $id) { partnerId } }', { id: partner.id })).partner.partnerId;
  const requested = await transferMutation(t, await target.token(), 'createTransferRequest', { customerId: transferCustomerId, sourcePartnerId: partnerId, customerEmail: 'it@fourthcoffee.example' });
  if (requested.errors.length) throw new Error(JSON.stringify(requested.errors));
  return { partner, target, customerId, subscriptionId, transferCustomerId, sourceSubscriptions, transferId: requested.transfer.id, eaSubscriptionId: ea.sub['Microsoft_365_E3_(no_Teams)'] };
}
