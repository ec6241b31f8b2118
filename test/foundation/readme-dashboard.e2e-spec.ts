import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../shared/config';
import { createCustomer } from '../support/fixtures';
import { useStack } from '../support/stack';
import { customerToken, partneredReseller } from '../customers/helpers';
import { README_DASHBOARD } from '../support/readme-queries';

/**
 * ACT-1/ACT-3: a caller who may see customers but not their Enterprise Agreements (a reseller,
 * the operator, a customer admin) gets the customers with a FORBIDDEN error on that one nested
 * field, never `data: null` for the whole answer.
 */
describe('the README dashboard query for every kind of caller', () => {
  const t = useStack();

  it('is the query the README shows', () => {
    expect(readFileSync(join(projectRoot(), 'README.md'), 'utf8')).toContain(README_DASHBOARD);
  });

  it('ACT-1: a reseller, the operator and a customer admin get partial data with FORBIDDEN only on enterpriseAgreements', async () => {
    const { provider, reseller } = await partneredReseller(t);
    const customer = await createCustomer(t, provider, { indirectResellerId: reseller.id });
    const callers = [await reseller.token(), await t.operatorToken(), await customerToken(t, customer.id)];
    for (const token of callers) {
      const response = await t.gql(token, README_DASHBOARD);
      expect(response.data?.customers?.totalCount).toBeGreaterThanOrEqual(1);
      const node = response.data!.customers.edges.find((edge: { node: { companyName: string } }) => edge.node.companyName)?.node;
      expect(node).toMatchObject({ subscriptions: { edges: [] }, enterpriseAgreements: null });
      for (const error of response.errors ?? []) {
        expect(error.extensions?.code).toBe('FORBIDDEN');
        expect(error.path?.slice(-1)).toEqual(['enterpriseAgreements']);
      }
    }
  });
});
