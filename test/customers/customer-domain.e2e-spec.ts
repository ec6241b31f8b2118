import { onboardPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { count, CREATE_CUSTOMER, customerInput, uniqueDomain } from './helpers';

/**
 * A domain names one customer tenant: creating a second customer with it is a business refusal
 * in the payload (DOMAIN_IN_USE, pointing to a relationship request, REL-2) that changes
 * nothing — not a top-level error — also when two creations race.
 */
describe('createCustomer with a domain in use', () => {
  const t = useStack();

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
