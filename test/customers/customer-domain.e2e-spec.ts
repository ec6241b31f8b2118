import { onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';

const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) {
  customer { id domain } adminCredentials { userName } errors { code message } } }`;

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
    expect(codeOf(await t.gql(token, CREATE, { input: input('contoso') }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await t.gql(token, CREATE, { input: input('contoso.onmicrosoft.com') }))).toBe('BAD_USER_INPUT');
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
});
