import type { Role } from '../../shared/auth/roles';
import { requestsTotal } from '../../shared/metrics';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { perTestEra } from '../support/eras';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy, createCart } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock } from '../subscriptions/support';
import { agreement, agreementNumber, agreementsOf, count, eaSubscription, importAgreement, relate, removeRelationship, rows, schedule, twoPartnersOneCustomer } from './support';

const END = '2031-03-31';

/** GraphQL requests each subgraph has served so far (this process runs the whole stack). */
async function servedBy(service: string): Promise<number> {
  const { values } = await requestsTotal.get();
  return values.filter((value) => value.labels.service === service).reduce((sum, value) => sum + value.value, 0);
}

/**
 * SPEC §9 through the gateway: the operator's import of EA data, which agreements a partner
 * sees (EA-1, EA-2), what each EA subscription shows to whom (EA-3), as-is renewal of
 * end-of-sale SKUs (EA-4) and the manual path beside it (EA-9).
 */
describe('Enterprise Agreements: import and visibility (SPEC §9)', () => {
  const t = useStack();
  // Each test plays its dates in an era of its own: the business clock never moves back.
  const at = perTestEra();
  const line = (offerProvisioningId: string, extra: Record<string, unknown> = {}) => ({ offerProvisioningId, quantity: 20, endDate: at(END), ...extra });

  beforeEach(() => setClock(t, at('2031-01-10T10:00:00Z')));

  describe('importEnterpriseAgreement', () => {
    it('only PLATFORM_OPERATOR imports; idempotent by agreement number', async () => {
      const partner = await onboardPartner(t);
      const customerId = (await createCustomer(t, partner)).id;
      const input = { customerId, number: agreementNumber(), endDate: at(END), subscriptions: [line('Microsoft_365_E3_(no_Teams)'), line('Power_BI_Pro')] };
      const asPartner = await t.gql(await partner.token(['ADMIN_AGENT', 'GLOBAL_ADMIN']), `mutation($input: ImportEnterpriseAgreementInput!) { importEnterpriseAgreement(input: $input) { agreement { id } } }`, { input });
      expect(codeOf(asPartner)).toBe('FORBIDDEN');

      const first = await agreement(t, input);
      const second = await agreement(t, input);
      expect(second).toEqual(first);
      expect(await count(t, 'select 1 from transfers.enterprise_agreement where number = $1', [input.number])).toBe(1);
      expect(await count(t, 'select 1 from transfers.ea_subscription where agreement_id = $1', [first.id])).toBe(2);
      const unknown = await importAgreement(t, { ...input, customerId: 'cus_nobody', number: agreementNumber() });
      expect(codeOf(unknown)).toBe('NOT_FOUND');
    });

    it('a re-import updates end date, extended term and quantities and never edits schedules', async () => {
      const partner = await onboardPartner(t);
      const customerId = (await createCustomer(t, partner)).id;
      const input = { customerId, number: agreementNumber(), endDate: at(END), subscriptions: [line('Microsoft_365_E3_(no_Teams)')] };
      const ea = await agreement(t, input);
      const scheduled = await schedule(t, await partner.token(), { eaSubscriptionId: ea.sub['Microsoft_365_E3_(no_Teams)'] });
      expect(scheduled.errors).toEqual([]);
      const before = await rows(t, 'select * from transfers.ea_renewal_schedule where id = $1', [scheduled.schedule.id]);

      const again = await agreement(t, { ...input, endDate: at('2031-04-30'), inExtendedTerm: true, subscriptions: [{ ...line('Microsoft_365_E3_(no_Teams)'), quantity: 25, endDate: at('2031-04-30') }] });
      expect(again.sub).toEqual(ea.sub);
      const [shown] = await agreementsOf(t, await partner.token(), customerId);
      expect(shown).toMatchObject({ number: input.number, endDate: at('2031-04-30'), inExtendedTerm: true, subscriptions: [{ quantity: 25, endDate: at('2031-04-30') }] });
      expect(await rows(t, 'select * from transfers.ea_renewal_schedule where id = $1', [scheduled.schedule.id])).toEqual(before);
      // EA-7: the schedule follows the agreement it belongs to: processed after the new end date.
      expect(shown.subscriptions[0].schedule.processAt).toBe(at('2031-05-01T12:00:00.000Z'));
    });

    it('EA-2: an agreement renewed in the EA channel is no longer eligible and its open schedules are cancelled', async () => {
      const { a, b, customerId } = await twoPartnersOneCustomer(t);
      const input = { customerId, number: agreementNumber(), endDate: at(END), subscriptions: [line('Microsoft_365_E3_(no_Teams)'), line('Power_BI_Pro')] };
      const ea = await agreement(t, input);
      const held = await schedule(t, await a.token(), { eaSubscriptionId: ea.sub['Microsoft_365_E3_(no_Teams)'] });
      const other = await schedule(t, await b.token(), { eaSubscriptionId: ea.sub.Power_BI_Pro });
      expect([held.errors, other.errors]).toEqual([[], []]);

      await agreement(t, { ...input, renewed: true });
      expect(await agreementsOf(t, await a.token(), customerId)).toEqual([]);
      const statuses = await rows(t, 'select id, status, status_reason from transfers.ea_renewal_schedule where id = any($1) order by id', [[held.schedule.id, other.schedule.id]]);
      expect(statuses).toEqual([held.schedule.id, other.schedule.id].sort().map((id) => ({ id, status: 'CANCELLED', status_reason: expect.stringContaining('renewed in the EA channel') })));
      const refused = await schedule(t, await a.token(), { eaSubscriptionId: ea.sub['Microsoft_365_E3_(no_Teams)'] });
      expect(refused.errors).toEqual([expect.objectContaining({ code: 'EA_NOT_ELIGIBLE', rule: 'EA-2' })]);
      await setClock(t, at('2031-04-01T12:00:00Z'));
      await processDueWork(t);
      expect(await count(t, `select 1 from transfers.ea_renewal_schedule where id = any($1) and status = 'CANCELLED'`, [[held.schedule.id, other.schedule.id]])).toBe(2);
      expect(await count(t, 'select 1 from subscriptions.ea_renewal where schedule_id = any($1)', [[held.schedule.id, other.schedule.id]])).toBe(0);
    });
  });

  it('EA-1: agreements show only to a partner with a relationship in the customer\'s CSP region, and only to the roles of §10', async () => {
    const europe = await onboardPartner(t);
    const customerId = (await createCustomer(t, europe)).id;
    await agreement(t, { customerId, number: agreementNumber(), endDate: at(END), subscriptions: [line('Microsoft_365_E3_(no_Teams)')] });
    const query = `query($id: ID!) { customer(id: $id) { enterpriseAgreements { number } } }`;

    for (const role of ['ADMIN_AGENT', 'SALES_AGENT', 'ACCOUNT_ADMIN', 'GLOBAL_ADMIN'] as Role[]) {
      expect([role, dataOf(await t.gql(await europe.token([role]), query, { id: customerId })).customer.enterpriseAgreements]).toEqual([role, [expect.any(Object)]]);
    }
    for (const role of ['HELPDESK_AGENT', 'BILLING_ADMIN'] as Role[]) expect([role, codeOf(await t.gql(await europe.token([role]), query, { id: customerId }))]).toEqual([role, 'FORBIDDEN']);

    // A partner whose CSP region is not the customer's sees the customer, not its agreements. No
    // mutation moves a partner to another region (REL-3 also refuses such a relationship), so the
    // test moves the partner's row, as the operator's records would after a region change.
    const america = await onboardPartner(t);
    await relate(t, america, customerId);
    await t.db.query(`update customers.partner set region = 'NORTH_AMERICA' where id = $1`, [america.id]);
    expect(dataOf(await t.gql(await america.token(), query, { id: customerId })).customer.enterpriseAgreements).toEqual([]);
    const [ea] = (await rows(t, 'select s.id from transfers.ea_subscription s join transfers.enterprise_agreement a on a.id = s.agreement_id where a.customer_id = $1', [customerId])).map((r) => r.id);
    expect((await schedule(t, await america.token(), { eaSubscriptionId: ea })).errors).toEqual([expect.objectContaining({ code: 'REGION_MISMATCH', rule: 'EA-1' })]);

    // Without a relationship the customer and its agreements are not found (ACT-2).
    const stranger = await onboardPartner(t);
    expect(codeOf(await t.gql(await stranger.token(), query, { id: customerId }))).toBe('NOT_FOUND');
    expect(codeOf(await t.gql(await stranger.token(), `mutation($input: ScheduleEaRenewalInput!) { scheduleEaRenewal(input: $input) { schedule { id } } }`, {
      input: { eaSubscriptionId: ea, termDuration: 'P1Y', billingFrequency: 'MONTHLY', quantity: 1 },
    }))).toBe('NOT_FOUND');

    // Only ADMIN_AGENTs of direct-bill partners and indirect providers schedule.
    const scheduleQuery = `mutation($input: ScheduleEaRenewalInput!) { scheduleEaRenewal(input: $input) { schedule { id } errors { code } } }`;
    const input = { eaSubscriptionId: ea, termDuration: 'P1Y', billingFrequency: 'MONTHLY', quantity: 1 };
    for (const role of ['SALES_AGENT', 'GLOBAL_ADMIN', 'ACCOUNT_ADMIN'] as Role[]) expect([role, codeOf(await t.gql(await europe.token([role]), scheduleQuery, { input }))]).toEqual([role, 'FORBIDDEN']);
    const reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
    expect(codeOf(await t.gql(await reseller.token(['ADMIN_AGENT']), scheduleQuery, { input }))).toBe('FORBIDDEN');
    const provider = await onboardPartner(t, 'INDIRECT_PROVIDER');
    await relate(t, provider, customerId);
    expect(dataOf(await t.gql(await provider.token(['ADMIN_AGENT']), scheduleQuery, { input })).scheduleEaRenewal.errors).toEqual([]);
  });

  it('EA-1 through federation: the gateway reads the relationship and region facts with the customer and hands them to the agreements (@requires); the transfers subgraph asks the customers subgraph nothing', async () => {
    const { a, b, customerId } = await twoPartnersOneCustomer(t);
    const number = agreementNumber();
    await agreement(t, { customerId, number, endDate: at(END), subscriptions: [line('Microsoft_365_E3_(no_Teams)')] });
    const query = `query($id: ID!) { customer(id: $id) { id enterpriseAgreements { number } } }`;
    const ask = async (token: string) => {
      const response = await fetch(t.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'apollo-query-plan-experimental': '1' },
        body: JSON.stringify({ query, variables: { id: customerId } }),
      });
      return (await response.json()) as { data: any; extensions: { __queryPlanExperimental: string } };
    };

    const token = await a.token();
    const before = { customers: await servedBy('customers'), transfers: await servedBy('transfers') };
    const body = await ask(token);
    expect(body.data.customer).toEqual({ id: customerId, enterpriseAgreements: [{ number }] });
    // One request each: the customer with the two facts, then the agreements. The facts asked
    // again by the transfers subgraph would be a second request to the customers subgraph.
    expect({ customers: (await servedBy('customers')) - before.customers, transfers: (await servedBy('transfers')) - before.transfers }).toEqual({ customers: 1, transfers: 1 });
    // The plan: the customers fetch selects the facts, the transfers fetch requires them.
    const plan: string = body.extensions.__queryPlanExperimental;
    const [first, second] = plan.split('Flatten(path: "customer")');
    expect(first).toMatch(/Fetch\(service: "customers"\)[\s\S]*relationshipActive[\s\S]*inCallerRegion/);
    expect(second).toMatch(/Fetch\(service: "transfers"\)[\s\S]*\.\.\. on Customer \{\s*__typename\s*id\s*relationshipActive\s*inCallerRegion\s*\}[\s\S]*enterpriseAgreements/);

    // The other partner with a relationship in the region sees them too; without one, none (the test above: region).
    expect((await ask(await b.token())).data.customer.enterpriseAgreements).toEqual([{ number }]);
    await removeRelationship(t, b, customerId);
    expect(codeOf(await t.gql(await b.token(), query, { id: customerId }))).toBe('NOT_FOUND');
    // The facts are the gateway's to hand over: they are not part of the public schema.
    expect(codeOf(await t.gql(token, `query($id: ID!) { customer(id: $id) { inCallerRegion } }`, { id: customerId }))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('EA-2: only non-renewed agreements that expired in the last 90 days or end within 6 months are listed; the window moves with the clock', async () => {
    const partner = await onboardPartner(t);
    const customerId = (await createCustomer(t, partner)).id;
    const ends = { expired90: at('2031-03-17'), expired91: at('2031-03-16'), in6Months: at('2031-12-15'), beyond: at('2031-12-16') };
    for (const [name, endDate] of Object.entries(ends)) await agreement(t, { customerId, number: `${name}-${customerId}`, endDate, subscriptions: [line('Power_BI_Pro', { endDate })] });
    await agreement(t, { customerId, number: `extended-${customerId}`, endDate: at('2030-01-31'), inExtendedTerm: true, subscriptions: [line('Power_BI_Pro', { endDate: at('2030-01-31') })] });
    await agreement(t, { customerId, number: `renewed-${customerId}`, endDate: at('2031-07-01'), renewed: true, subscriptions: [line('Power_BI_Pro', { endDate: at('2031-07-01') })] });
    const listed = async () => (await agreementsOf(t, await partner.token(), customerId)).map((a) => a.number.split('-')[0]).sort();

    await setClock(t, at('2031-06-15T10:00:00Z'));
    expect(await listed()).toEqual(['expired90', 'extended', 'in6Months']);
    await setClock(t, at('2031-06-16T00:00:00Z'));
    expect(await listed()).toEqual(['beyond', 'extended', 'in6Months']);
  });

  it('EA-3: availability per viewing partner: AVAILABLE, NOT_AVAILABLE_IN_CSP, SCHEDULED_BY_YOU, and NOT_AVAILABLE without naming the holder', async () => {
    const { a, b, customerId } = await twoPartnersOneCustomer(t);
    const ea = await agreement(t, {
      customerId,
      number: agreementNumber(),
      endDate: at(END),
      subscriptions: [line('Microsoft_365_E3_(no_Teams)'), line('Office_365_G3'), line('Not_A_CSP_SKU'), line('Power_BI_Pro', { commercial: false }), line('Enterprise_Mobility_+_Security_E3')],
    });
    const availability = async (token: string) =>
      Object.fromEntries((await agreementsOf(t, token, customerId))[0].subscriptions.map((s: any) => [s.provisioningId, s.availability]));
    expect(await availability(await a.token())).toEqual({
      'Microsoft_365_E3_(no_Teams)': 'AVAILABLE',
      Office_365_G3: 'NOT_AVAILABLE_IN_CSP',
      Not_A_CSP_SKU: 'NOT_AVAILABLE_IN_CSP',
      Power_BI_Pro: 'NOT_AVAILABLE_IN_CSP',
      'Enterprise_Mobility_+_Security_E3': 'AVAILABLE',
    });

    expect((await schedule(t, await a.token(), { eaSubscriptionId: ea.sub['Microsoft_365_E3_(no_Teams)'] })).errors).toEqual([]);
    expect((await availability(await a.token()))['Microsoft_365_E3_(no_Teams)']).toBe('SCHEDULED_BY_YOU');
    const seenByB = await eaSubscription(t, await b.token(), customerId, ea.sub['Microsoft_365_E3_(no_Teams)']);
    expect(seenByB).toMatchObject({ availability: 'NOT_AVAILABLE', schedule: null, availabilityReason: expect.stringContaining('Another partner') });
    expect(JSON.stringify(seenByB)).not.toContain(a.partnerId);
    expect(JSON.stringify(seenByB)).not.toContain(a.id);

    const taken = await schedule(t, await b.token(), { eaSubscriptionId: ea.sub['Microsoft_365_E3_(no_Teams)'] });
    expect(taken.errors).toEqual([expect.objectContaining({ code: 'EA_ALREADY_SCHEDULED', rule: 'EA-6' })]);
    expect(JSON.stringify(taken.errors)).not.toContain(a.partnerId);
    for (const sku of ['Office_365_G3', 'Not_A_CSP_SKU', 'Power_BI_Pro']) {
      expect([sku, (await schedule(t, await b.token(), { eaSubscriptionId: ea.sub[sku] })).errors]).toEqual([sku, [expect.objectContaining({ code: 'EA_NOT_AVAILABLE_IN_CSP', rule: 'EA-3' })]]);
    }
  });

  it('EA-4: an end-of-sale SKU is available and renewed to CSP as it is', async () => {
    const partner = await onboardPartner(t);
    const customerId = (await createCustomer(t, partner)).id;
    const ea = await agreement(t, { customerId, number: agreementNumber(), endDate: at(END), subscriptions: [line('Microsoft_365_E3')] });
    const shown = await eaSubscription(t, await partner.token(), customerId, ea.sub.Microsoft_365_E3);
    expect(shown).toMatchObject({ availability: 'AVAILABLE', offer: { id: 'offer-m365-e3' } });
    const lifecycle = dataOf(await t.gql(await partner.token(), '{ offer(id: "offer-m365-e3") { lifecycle } }')).offer.lifecycle;
    expect(lifecycle).toBe('END_OF_SALE');

    const scheduled = await schedule(t, await partner.token(), { eaSubscriptionId: ea.sub.Microsoft_365_E3, quantity: 20 });
    expect(scheduled.errors).toEqual([]);
    await setClock(t, at('2031-04-01T12:00:00Z'));
    expect((await processDueWork(t)).eaRenewed).toBeGreaterThanOrEqual(1);
    const renewed = await eaSubscription(t, await partner.token(), customerId, ea.sub.Microsoft_365_E3);
    expect(renewed.schedule.status).toBe('COMPLETED');
    const subscription = dataOf(await t.gql(await partner.token(), 'query($id: ID!) { subscription(id: $id) { status quantity offer { id lifecycle } } }', { id: renewed.schedule.subscription.id })).subscription;
    expect(subscription).toEqual({ status: 'ACTIVE', quantity: 20, offer: { id: 'offer-m365-e3', lifecycle: 'END_OF_SALE' } });
  });

  it('EA-9: the manual path stays open: a generally available SKU is bought from the catalog at any time, an end-of-sale one is not', async () => {
    const partner = await onboardPartner(t);
    const customerId = (await createCustomer(t, partner)).id;
    await agreement(t, { customerId, number: agreementNumber(), endDate: at(END), subscriptions: [line('Microsoft_365_E3_(no_Teams)'), line('Microsoft_365_E3')] });
    const bought = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 20, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
    expect(bought.payload.errors).toEqual([]);
    expect(bought.payload.order.lines[0].status).toBe('PROVISIONED');

    const cart = await createCart(t, await partner.token(), customerId, [{ offerId: 'offer-m365-e3', quantity: 20, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }]);
    const cartErrors = cart.data?.createCart?.errors ?? [];
    const refusal = cartErrors.length
      ? cartErrors
      : dataOf(await t.gql(await partner.token(), 'mutation($input: CheckoutCartInput!) { checkoutCart(input: $input) { order { id } errors { code rule } } }', {
          input: { cartId: cart.data.createCart.cart.id, attestationAccepted: true },
        })).checkoutCart.errors;
    expect(refusal).toEqual([expect.objectContaining({ code: 'OFFER_END_OF_SALE', rule: 'CAT-3' })]);
  });
});
