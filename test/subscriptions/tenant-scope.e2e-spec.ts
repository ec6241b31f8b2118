import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../../shared/auth/roles';
import { unscoped } from '../../shared/db/tenant-filter';
import { SYSTEM_IDENTITY } from '../../shared/jobs/system';
import { Customer } from '../../subgraphs/customers/entities/customer.entity';
import { Cart } from '../../subgraphs/subscriptions/entities/cart.entity';
import { Order } from '../../subgraphs/subscriptions/entities/order.entity';
import { Subscription } from '../../subgraphs/subscriptions/entities/subscription.entity';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { buy } from './checkout.fixtures';

const E3 = 'offer-m365-e3-no-teams';

/**
 * The tenant scope is the ORM's (ACT-1, ACT-2): a request's EntityManager is scoped to its
 * caller when it is forked, every query of a tenant-owned entity is within it without saying
 * so, and one whose scope was never set fails instead of returning every tenant's rows.
 */
describe('tenant scope by the ORM', () => {
  const t = useStack();
  let mine: TestPartner;
  let theirs: TestPartner;
  const ids = { mine: [] as string[], theirs: [] as string[] };
  const customers = { mine: '', theirs: '' };

  type Runtime = { contextFor: (identity: Identity | undefined) => { em: EntityManager } };
  const runtime = (subgraph: 'subscriptions' | 'customers' = 'subscriptions') => t.stack.subgraphs[subgraph].runtime as unknown as Runtime;
  const partnerIdentity = (partner: TestPartner): Identity => ({ userId: 'u', tenantId: partner.id, tenantKind: 'PARTNER', partnerType: 'DIRECT_BILL', roles: ['ADMIN_AGENT'] });
  const idsOf = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

  beforeAll(async () => {
    [mine, theirs] = [await onboardPartner(t), await onboardPartner(t)];
    for (const [partner, into, whose] of [[mine, ids.mine, 'mine'], [theirs, ids.theirs, 'theirs']] as const) {
      const customer = await createCustomer(t, partner);
      customers[whose] = customer.id;
      const { payload } = await buy(t, partner, customer.id, [{ offerId: E3, quantity: 2 }]);
      if (!payload.order) throw new Error(JSON.stringify(payload.errors));
      into.push(...payload.order.lines.map((line: { subscription: { id: string } }) => line.subscription.id));
    }
  });

  it('ACT-2: reading subscriptions, orders or carts through an EntityManager whose tenant scope was never set fails loudly', async () => {
    const em = t.stack.subgraphs.subscriptions.orm.em.fork();
    await expect(em.find(Subscription, {})).rejects.toThrow("No arguments provided for filter 'tenant'");
    await expect(em.count(Subscription, { id: { $in: ids.theirs } })).rejects.toThrow("No arguments provided for filter 'tenant'");
    await expect(em.findOne(Order, { partnerId: mine.id })).rejects.toThrow("No arguments provided for filter 'tenant'");
    await expect(em.find(Cart, {})).rejects.toThrow("No arguments provided for filter 'tenant'");
  });

  it("ACT-2: a request's finds and counts are within its caller's tenant without the query saying so", async () => {
    const em = runtime().contextFor(partnerIdentity(mine)).em;
    const all = [...ids.mine, ...ids.theirs];
    expect(idsOf(await em.find(Subscription, { id: { $in: all } }))).toEqual([...ids.mine].sort());
    expect(await em.count(Subscription, { id: { $in: ids.theirs } })).toBe(0);
    expect(await em.findOne(Subscription, { id: ids.theirs[0] })).toBeNull();
    expect(await em.count(Order, { partnerId: theirs.id })).toBe(0);
    expect(await em.count(Cart, { partnerId: theirs.id })).toBe(0);
    // Forks and transactions of the request keep its scope.
    expect(await em.fork().count(Subscription, { id: { $in: ids.theirs } })).toBe(0);
    expect(await em.transactional((tx) => tx.count(Subscription, { id: { $in: ids.theirs } }))).toBe(0);
  });

  it('ACT-2: a caller without identity sees nothing; the platform and explicitly unscoped reads see every tenant', async () => {
    const all = [...ids.mine, ...ids.theirs];
    expect(await runtime().contextFor(undefined).em.count(Subscription, { id: { $in: all } })).toBe(0);
    expect(await runtime().contextFor(SYSTEM_IDENTITY).em.count(Subscription, { id: { $in: all } })).toBe(all.length);
    const em = runtime().contextFor(partnerIdentity(mine)).em;
    expect(idsOf(await em.find(Subscription, { id: { $in: all } }, unscoped()))).toEqual([...all].sort());
  });

  it('ACT-2: customers are scoped the same way: none without a scope, a partner its own, the operator all', async () => {
    const both = [customers.mine, customers.theirs];
    await expect(t.stack.subgraphs.customers.orm.em.fork().count(Customer, { id: { $in: both } })).rejects.toThrow("No arguments provided for filter 'tenant'");
    const em = runtime('customers').contextFor(partnerIdentity(mine)).em;
    expect(idsOf(await em.find(Customer, { id: { $in: both } }))).toEqual([customers.mine]);
    expect(await runtime('customers').contextFor(SYSTEM_IDENTITY).em.count(Customer, { id: { $in: both } })).toBe(2);
    expect(await em.count(Customer, { id: { $in: both } }, unscoped())).toBe(2);
  });
});
