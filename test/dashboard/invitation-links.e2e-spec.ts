import { join } from 'node:path';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { CREATE_REQUEST, customerToken } from '../customers/helpers';
import { ARTIFACTS, launchBrowser } from './browser';

/**
 * REL-2: the URL of a relationship request shows the request and how the customer admin accepts
 * it, and accepting there creates the relationship (headless Chromium, the gateway's own page).
 */
describe('invitation links (REL-2, RES-1)', () => {
  const t = useStack();

  it('REL-2: the request URL serves a page with the request reference and the mutation; malformed links are 404', async () => {
    const partner = await onboardPartner(t);
    const { request } = dataOf(await t.gql(await partner.token(), CREATE_REQUEST, { input: {} })).createRelationshipRequest;
    const path = new URL(request.url).pathname;
    const base = t.gatewayUrl.replace(/\/graphql$/, '');
    const page = await fetch(`${base}${path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('/links/accept.js');
    expect((await fetch(`${base}/links/accept.js`)).status).toBe(200);
    expect((await fetch(`${base}/relationship-requests/${encodeURIComponent('<script>')}`)).status).toBe(404);
  });

  it('REL-2: the customer admin accepts on the page with a pasted token; the relationship then exists', async () => {
    const owner = await onboardPartner(t);
    const newcomer = await onboardPartner(t);
    const customer = await createCustomer(t, owner);
    const { request } = dataOf(await t.gql(await newcomer.token(), CREATE_REQUEST, { input: {} })).createRelationshipRequest;
    const url = `${t.gatewayUrl.replace(/\/graphql$/, '')}${new URL(request.url).pathname}`;
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(url);
      await expect(page.locator('#reference').textContent()).resolves.toBe(request.id);
      await expect(page.locator('#mutation').textContent()).resolves.toContain('acceptRelationshipRequest');
      await page.fill('#token', await customerToken(t, customer.id));
      await page.click('button[type=submit]');
      await page.getByRole('button', { name: 'Accept' }).click();
      await page.locator('#outcome', { hasText: /^Accepted\./ }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(ARTIFACTS, 'relationship-request-accepted.png') });
    } finally {
      await browser.close();
    }
    const rows = await t.db.query(`select status from customers.customer_relationship where partner_id = $1 and customer_id = $2`, [newcomer.id, customer.id]);
    expect(rows.rows).toEqual([{ status: 'ACTIVE' }]);
  });
});
