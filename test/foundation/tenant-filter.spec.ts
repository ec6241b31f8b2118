import 'reflect-metadata';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../../shared/auth/roles';
import { scopeToTenant, TENANT_FILTER, withinTenant } from '../../shared/db/tenant-filter';
import { customersSubgraph } from '../../subgraphs/customers';
import { Customer } from '../../subgraphs/customers/entities/customer.entity';
import { subscriptionsSubgraph } from '../../subgraphs/subscriptions';
import { transfersSubgraph } from '../../subgraphs/transfers';
import { TransferRequest } from '../../subgraphs/transfers/entities/transfer-request.entity';
import { Cart } from '../../subgraphs/subscriptions/entities/cart.entity';
import { Order } from '../../subgraphs/subscriptions/entities/order.entity';
import { OrderLine } from '../../subgraphs/subscriptions/entities/order-line.entity';
import { Subscription } from '../../subgraphs/subscriptions/entities/subscription.entity';

const partner: Identity = { userId: 'u', tenantId: 'ptn-a', tenantKind: 'PARTNER', partnerType: 'DIRECT_BILL', roles: ['ADMIN_AGENT'] };
const reseller: Identity = { userId: 'u', tenantId: 'ptn-r', tenantKind: 'PARTNER', partnerType: 'INDIRECT_RESELLER', roles: ['ADMIN_AGENT'] };
const customer: Identity = { userId: 'u', tenantId: 'cus-1', tenantKind: 'CUSTOMER', roles: ['GLOBAL_ADMIN'] };
const operator: Identity = { userId: 'u', tenantId: 'platform', tenantKind: 'PLATFORM', roles: ['PLATFORM_OPERATOR'] };

/** The tenant filter's conditions and its fail-loud guard (ACT-1, ACT-2), without a database. */
describe('tenant filter', () => {
  // Metadata only: the constructor discovers the entities and never connects.
  const orm = new MikroORM({ clientUrl: 'postgresql://nobody@127.0.0.1:1/none', entities: subscriptionsSubgraph.entities, metadataProvider: ReflectMetadataProvider, autoJoinRefsForFilters: false });
  const scopeOf = (em: EntityManager, entity: typeof Subscription | typeof Order | typeof Cart) => em.applyFilters(entity as never, {}, {}, 'read');

  afterAll(() => orm.close());

  it('ACT-2: a tenant-owned entity queried without tenant parameters throws instead of reading every tenant', async () => {
    const em = orm.em.fork();
    for (const entity of [Subscription, Order, Cart]) await expect(scopeOf(em, entity)).rejects.toThrow(`No arguments provided for filter '${TENANT_FILTER}'`);
    await expect(em.find(Subscription, {})).rejects.toThrow(`No arguments provided for filter '${TENANT_FILTER}'`);
  });

  it('ACT-1/ACT-2: the scope of each kind of caller, set once when the EntityManager is forked', async () => {
    const of = (identity: Identity | undefined) => scopeToTenant(orm.em.fork(), identity);
    expect(await scopeOf(of(partner), Subscription)).toEqual({ partnerId: 'ptn-a' });
    expect(await scopeOf(of(reseller), Subscription)).toEqual({ resellerTenantId: 'ptn-r' });
    expect(await scopeOf(of(customer), Subscription)).toEqual({ customerId: 'cus-1' });
    expect((await scopeOf(of(operator), Subscription)) ?? {}).toEqual({});
    expect(await scopeOf(of(undefined), Subscription)).toEqual({ id: { $in: [] } });
    expect(await scopeOf(of(reseller), Order)).toEqual({ id: { $in: [] } });
    expect(await scopeOf(of(customer), Cart)).toEqual({ id: { $in: [] } });
    // A fork of a scoped EntityManager keeps the scope.
    expect(await scopeOf(of(partner).fork(), Cart)).toEqual({ partnerId: 'ptn-a' });
  });

  it('ACT-2: an explicitly unscoped read applies no tenant condition', async () => {
    const em = scopeToTenant(orm.em.fork(), partner);
    expect(await em.applyFilters(Subscription, {}, { [TENANT_FILTER]: false }, 'read')).toEqual({});
  });

  it('ACT-2: QueryBuilder reads (read models, pages) get the same scope; entities without the filter are left as they are', async () => {
    const where = { quantity: 3 };
    expect(await withinTenant(scopeToTenant(orm.em.fork(), partner), Subscription, where)).toEqual({ $and: [where, { partnerId: 'ptn-a' }] });
    expect(await withinTenant(scopeToTenant(orm.em.fork(), operator), Subscription, where)).toBe(where);
    expect(await withinTenant(scopeToTenant(orm.em.fork(), partner), OrderLine, {})).toEqual({});
    await expect(withinTenant(orm.em.fork(), Subscription, where)).rejects.toThrow(`No arguments provided for filter '${TENANT_FILTER}'`);
  });

  it('ACT-2/XFR-1: customers and transfer requests have the same guard and their own scopes', async () => {
    const config = { clientUrl: 'postgresql://nobody@127.0.0.1:1/none', metadataProvider: ReflectMetadataProvider, autoJoinRefsForFilters: false };
    const customersOrm = new MikroORM({ ...config, entities: customersSubgraph.entities });
    const transfersOrm = new MikroORM({ ...config, entities: transfersSubgraph.entities });
    try {
      await expect(customersOrm.em.fork().applyFilters(Customer, {}, undefined, 'read')).rejects.toThrow(`No arguments provided for filter '${TENANT_FILTER}'`);
      await expect(transfersOrm.em.fork().applyFilters(TransferRequest, {}, undefined, 'read')).rejects.toThrow(`No arguments provided for filter '${TENANT_FILTER}'`);
      expect(await customersOrm.em.fork().applyFilters(Customer, {}, { [TENANT_FILTER]: { identity: customer } }, 'read')).toEqual({ id: 'cus-1' });
      expect(await scopeToTenant(transfersOrm.em.fork(), partner).applyFilters(TransferRequest, {}, undefined, 'read')).toEqual({ $or: [{ sourceTenantId: 'ptn-a' }, { targetTenantId: 'ptn-a' }] });
      expect(await scopeToTenant(transfersOrm.em.fork(), customer).applyFilters(TransferRequest, {}, undefined, 'read')).toEqual({ id: { $in: [] } });
    } finally {
      await customersOrm.close();
      await transfersOrm.close();
    }
  });
});
