import type { Page } from 'playwright-core';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { CREATE_REQUEST, customerToken, payload, REQUEST_PARTNERSHIP } from '../customers/helpers';
import { launchBrowser } from './browser';
import { shots } from './console-support';

const RULE_ID = /\b(?:ACT|REL|RES|CAT|ORD|SUB|UPG|SCH|TRI|XFR|EA|AUD|BIL)-\d+\b/;

/**
 * The relationship-request (REL-2) and reseller-invitation (RES-1) pages name who invites, speak
 * to the customer without rule ids, and say "already accepted" instead of offering Accept again
 * (headless Chromium, the gateway's own pages; state set up through the API).
 */
describe('invitation pages name the inviter and know when they were accepted (REL-2, RES-1)', () => {
  const t = useStack();
  let close: () => Promise<void>;
  let page: Page;
  const base = () => t.gatewayUrl.replace(/\/graphql$/, '');

  const nameOf = async (partner: TestPartner) => dataOf(await t.gql(await partner.token(), 'query($id: ID!) { partner(id: $id) { name partnerId } }', { id: partner.id })).partner;

  async function open(path: string, token: string) {
    await page.goto(`${base()}${path}`);
    await page.fill('#token', token);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#details:not([hidden]), #outcome:not(:empty)').first().waitFor();
  }

  const pageText = () => page.locator('body').innerText();

  beforeAll(async () => {
    const browser = await launchBrowser({ width: 1280, height: 800 });
    close = browser.close;
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await close?.();
  });

  it('REL-2: the page names the partner asking, accepts, then says already accepted and offers no Accept', async () => {
    const partner = await onboardPartner(t);
    const { name, partnerId } = await nameOf(partner);
    const owner = await onboardPartner(t);
    const customer = await createCustomer(t, owner);
    const { request } = dataOf(await t.gql(await partner.token(), CREATE_REQUEST, { input: {} })).createRelationshipRequest;
    const path = new URL(request.url).pathname;
    const token = await customerToken(t, customer.id);

    await open(path, token);
    await expect(page.locator('#inviter').textContent()).resolves.toContain(`${name} asks to become your Cloud Solution Provider`);
    await expect(page.locator('#accept').isVisible()).resolves.toBe(true);
    expect(await pageText()).not.toContain(partnerId);
    expect(await pageText()).not.toMatch(RULE_ID);
    await shots(page, 'relationship-request');
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#outcome', { hasText: /^Accepted\./ }).waitFor();
    await expect(page.locator('#accept').isVisible()).resolves.toBe(false);

    // Opened again: already accepted, nothing to press.
    await open(path, token);
    await expect(page.locator('#state').textContent()).resolves.toMatch(/^Already accepted on \d{4}-\d{2}-\d{2}/);
    await expect(page.locator('#accept').isVisible()).resolves.toBe(false);
    expect(await pageText()).not.toMatch(RULE_ID);
    await shots(page, 'relationship-request-already-accepted');
    const rows = await t.db.query(`select status from customers.customer_relationship where partner_id = $1 and customer_id = $2`, [partner.id, customer.id]);
    expect(rows.rows).toEqual([{ status: 'ACTIVE' }]);
  });

  it('REL-3: a refusal reads as plain words, without the rule id, and nothing is created', async () => {
    const european = await onboardPartner(t, 'DIRECT_BILL', 'EUROPE');
    const american = await onboardPartner(t, 'DIRECT_BILL', 'NORTH_AMERICA');
    const customer = await createCustomer(t, american, { country: 'US' });
    const { request } = dataOf(await t.gql(await european.token(), CREATE_REQUEST, { input: {} })).createRelationshipRequest;
    await open(new URL(request.url).pathname, await customerToken(t, customer.id));
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#outcome', { hasText: /^Not accepted:/ }).waitFor();
    const outcome = await page.locator('#outcome').textContent();
    expect(outcome).toContain('outside the partner');
    expect(await pageText()).not.toMatch(RULE_ID);
    const rows = await t.db.query(`select 1 from customers.customer_relationship where partner_id = $1`, [european.id]);
    expect(rows.rowCount).toBe(0);
  });

  it('REL-2, ACT-2: the request is read by its partner and by customers while open; once accepted only by the customer that accepted it', async () => {
    const partner = await onboardPartner(t);
    const stranger = await onboardPartner(t);
    const owner = await onboardPartner(t);
    const [first, second] = [await createCustomer(t, owner), await createCustomer(t, owner)];
    const { request } = dataOf(await t.gql(await partner.token(), CREATE_REQUEST, { input: {} })).createRelationshipRequest;
    const read = async (token: string) => dataOf(await t.gql(token, 'query($id: ID!) { relationshipRequest(id: $id) { id status partnerName } }', { id: request.id })).relationshipRequest;
    const { name } = await nameOf(partner);
    expect(await read(await customerToken(t, second.id))).toEqual({ id: request.id, status: 'PENDING', partnerName: name });
    expect(await read(await stranger.token())).toBeNull();
    await payload(t, await customerToken(t, first.id), 'mutation($input: AcceptRelationshipRequestInput!) { acceptRelationshipRequest(input: $input) { customer { id } errors { code } } }', { requestId: request.id });
    expect(await read(await customerToken(t, first.id))).toMatchObject({ status: 'ACCEPTED' });
    expect(await read(await customerToken(t, second.id))).toBeNull();
    expect(await read(await partner.token())).toMatchObject({ status: 'ACCEPTED' });
    const unknown = await t.gql(await customerToken(t, first.id), 'query { relationshipRequest(id: "rrq_unknown") { id } }');
    expect(dataOf(unknown).relationshipRequest).toBeNull();
  });

  it('RES-1: the reseller-invitation page names the provider and says already accepted once accepted', async () => {
    const provider = await onboardPartner(t, 'INDIRECT_PROVIDER');
    const reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
    const { name, partnerId } = await nameOf(provider);
    const invitation = (await payload(t, await provider.token(), REQUEST_PARTNERSHIP, { resellerEmail: 'owner@reseller.example', resellerPartnerId: reseller.partnerId })).invitation;
    const path = new URL(invitation.url).pathname;
    const token = await reseller.token();

    await open(path, token);
    await expect(page.locator('#inviter').textContent()).resolves.toBe(`${name} invites you to resell through it`);
    expect(await pageText()).not.toContain(partnerId);
    expect(await pageText()).not.toMatch(RULE_ID);
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#outcome', { hasText: /^Accepted\./ }).waitFor();

    await open(path, token);
    await expect(page.locator('#state').textContent()).resolves.toMatch(/^Already accepted on /);
    await expect(page.locator('#accept').isVisible()).resolves.toBe(false);
    await shots(page, 'reseller-invitation-already-accepted');
    const other = await onboardPartner(t, 'INDIRECT_RESELLER');
    expect(dataOf(await t.gql(await other.token(), 'query($id: ID!) { resellerInvitation(id: $id) { id } }', { id: invitation.id })).resellerInvitation).toBeNull();
  });
});
