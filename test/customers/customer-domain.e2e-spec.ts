import { onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { count, CREATE_CUSTOMER, customerInput, uniqueDomain } from './helpers';

const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) {
  customer { id domain } adminCredentials { userName } errors { code message rule } } }`;

/** REL-5 / createCustomer: the domain is a prefix (as its description's example, `contoso`) or a full domain name. */
describe('createCustomer domain', () => {
  const t = useStack();
  const input = (domain: string) => ({ companyName: 'Contoso Ltd', country: 'DE', segment: 'COMMERCIAL', domain });

  it('REL-5: the domain prefix "contoso" of the description is accepted: the tenant is contoso.onmicrosoft.com, its admin admin@contoso.onmicrosoft.com', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token(['ADMIN_AGENT']);
    const created = dataOf(await t.gql(token, CREATE, { input: input('Contoso') })).createCustomer;
    expect(created.errors).toEqual([]);
    expect(created.customer.domain).toBe('contoso.onmicrosoft.com');
    expect(created.adminCredentials.userName).toBe('admin@contoso.onmicrosoft.com');
    // The same tenant twice, as prefix or in full, is refused and creates nothing.
    const customers = async () => (await t.db.query('select count(*)::int as n from customers.customer')).rows[0].n;
    const before = await customers();
    for (const again of ['contoso', 'contoso.onmicrosoft.com']) {
      expect(dataOf(await t.gql(token, CREATE, { input: input(again) })).createCustomer.errors).toMatchObject([{ code: 'DOMAIN_IN_USE' }]);
    }
    expect(await customers()).toBe(before);
  });

  it('REL-5: full domain names are taken as they are; malformed ones and over-long prefixes are BAD_USER_INPUT', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token(['ADMIN_AGENT']);
    const created = dataOf(await t.gql(token, CREATE, { input: input('contoso.com') })).createCustomer;
    expect(created.customer.domain).toBe('contoso.com');
    for (const domain of ['not a domain', '-contoso', 'a'.repeat(28), 'contoso_ltd']) {
      expect([domain, codeOf(await t.gql(token, CREATE, { input: input(domain) }))]).toEqual([domain, 'BAD_USER_INPUT']);
    }
  });

  /**
   * A domain names one customer tenant: creating a second customer with it is a business refusal
   * in the payload (DOMAIN_IN_USE, pointing to a relationship request, REL-2) that changes
   * nothing — not a top-level error — also when two creations race.
   */
  describe('a domain in use', () => {
    it('REL-2: is refused in the payload with DOMAIN_IN_USE and creates nothing', async () => {
      const first = await onboardPartner(t);
      const second = await onboardPartner(t);
      const domain = uniqueDomain();
      const created = dataOf(await t.gql(await first.token(), CREATE_CUSTOMER, { input: customerInput({ domain }) })).createCustomer;
      expect(created.errors).toEqual([]);
      const before = await count(t, 'select 1 from customers.customer');
      const refused = await t.gql(await second.token(), CREATE_CUSTOMER, { input: customerInput({ domain, companyName: 'Someone Else' }) });
      expect(refused.errors).toBeUndefined();
      expect(refused.data!.createCustomer).toMatchObject({ customer: null, adminCredentials: null, errors: [{ code: 'DOMAIN_IN_USE', rule: 'REL-2', field: ['domain'] }] });
      expect(refused.data!.createCustomer.errors[0].message).toContain('relationship request');
      expect(await count(t, 'select 1 from customers.customer')).toBe(before);
    });

    it('REL-2: two creations with one domain at once: one customer, the other refused or told to retry, never an internal error', async () => {
      const partner = await onboardPartner(t);
      const domain = uniqueDomain();
      const token = await partner.token();
      const answers = await Promise.all([0, 1, 2].map(() => t.gql(token, CREATE_CUSTOMER, { input: customerInput({ domain }) })));
      const outcomes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? a.data?.createCustomer.errors[0]?.code ?? 'CREATED');
      expect(outcomes.filter((o) => o === 'CREATED')).toHaveLength(1);
      for (const outcome of outcomes) expect(['CREATED', 'DOMAIN_IN_USE', 'CONFLICT']).toContain(outcome);
      expect(await count(t, 'select 1 from customers.customer where domain = $1', [domain])).toBe(1);
    });
  });
});
