import 'reflect-metadata';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../../shared/auth/roles';
import { ownedOnly, OWNED_FILTER, scopeToTenant, TENANT_FILTER, withinTenant } from '../../shared/db/tenant-filter';
import { PLATFORM_ENTITIES } from '../../shared/platform';
import { catalogSubgraph } from '../../subgraphs/catalog';
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
const indirectProvider: Identity = { userId: 'u', tenantId: 'ptn-p', tenantKind: 'PARTNER', partnerType: 'INDIRECT_PROVIDER', roles: ['ADMIN_AGENT'] };
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

  /**
   * Every entity is classified: tenant-owned ones declare the tenant filter (a default filter
   * whose condition needs the parameters, so an unscoped read throws); the others say why not.
   * A new entity fails here until it is one or the other.
   */
  const TENANT_OWNED = [
    'Customer', 'CustomerRelationship', 'RelationshipRequest', 'ResellerInvitation', 'ResellerPartnership',
    'TransferRequest', 'EaRenewalSchedule', 'EnterpriseAgreement',
    'Subscription', 'Order', 'Cart', 'Invoice', 'InvoiceLine', 'SoftwareKey', 'SoftwareDownloadLink', 'SoftwareActivity',
    'Webhook', 'AuditRecord',
  ];
  const NOT_TENANT_OWNED: Record<string, string> = {
    Offer: 'catalog reference data (CAT-2 decides what a caller is shown, not a tenant)',
    OfferPrice: 'catalog reference data',
    UpgradePathRecord: 'catalog reference data',
    Promotion: 'catalog reference data (PRM rules decide who may use one)',
    Partner: 'the partner tenant itself, whose name customers and resellers are shown',
    TransferItem: 'reached through its transfer request',
    EaSubscription: 'reached through its agreement',
    OrderLine: 'reached through its order',
    LicenseBatch: 'reached through its subscription',
    LedgerEntry: 'reached through its subscription (and billed on invoice lines)',
    ScheduledChange: 'reached through its subscription',
    SoftwareLedgerEntry: 'reached through its software key',
    IdempotencyKey: "the partner is part of the key (ORD-6): read by the caller's own partner id and key",
    RelationshipFact: 'a rule fact about a named partner and customer (REL-1), kept from events; never listed',
    EaRenewalRecord: 'exactly-once record of a consumed command (EA-8); read by the consumer only',
    TransferMoveRecord: 'exactly-once record of a consumed command (XFR-2); read by the consumer only',
    WebhookDelivery: "the platform's delivery work only (AUD-2); no tenant reads it",
    DueWorkFailure: "the operator's due-work failures (no tenant's data)",
    BusinessClock: 'the one business clock',
  };
  const config = { clientUrl: 'postgresql://nobody@127.0.0.1:1/none', metadataProvider: ReflectMetadataProvider, autoJoinRefsForFilters: false };
  const allEntities = () => [...new Set([customersSubgraph, transfersSubgraph, subscriptionsSubgraph, catalogSubgraph].flatMap((subgraph) => subgraph.entities).concat(PLATFORM_ENTITIES))];

  it('ACT-2: every tenant-owned entity declares the tenant filter and fails loudly without parameters; every other entity says why it has none', async () => {
    const everything = new MikroORM({ ...config, entities: allEntities() });
    try {
      const metas = [...everything.getMetadata().getAll().values()].filter((meta) => !meta.embeddable && !meta.virtual && meta.tableName);
      const names = [...new Set(metas.map((meta) => meta.className))].sort();
      const metaOf = (name: string) => metas.find((meta) => meta.className === name)!;
      expect(names.filter((name) => !TENANT_OWNED.includes(name) && !(name in NOT_TENANT_OWNED))).toEqual([]);
      expect(TENANT_OWNED.filter((name) => !names.includes(name))).toEqual([]);
      for (const name of names) {
        const filter = metaOf(name).filters[TENANT_FILTER];
        if (!TENANT_OWNED.includes(name)) {
          expect({ name, filter }).toEqual({ name, filter: undefined });
          continue;
        }
        expect({ name, default: filter?.default }).toEqual({ name, default: true });
        await expect(everything.em.fork().applyFilters(metaOf(name).class, {}, undefined, 'read')).rejects.toThrow(`No arguments provided for filter '${TENANT_FILTER}'`);
        // With parameters, an identity-less caller sees nothing of it.
        expect(await scopeToTenant(everything.em.fork(), undefined).applyFilters(metaOf(name).class, {}, undefined, 'read')).toEqual({ id: { $in: [] } });
      }
    } finally {
      await everything.close();
    }
  });

  it('ACT-2: a change reads within what the caller may change: `ownedOnly()` narrows subscriptions and orders to the holding partner', async () => {
    const owned = (em: EntityManager, entity: typeof Subscription | typeof Order) => em.applyFilters(entity as never, {}, ownedOnly().filters, 'read');
    for (const entity of [Subscription, Order]) {
      expect(orm.getMetadata().get(entity as never).filters[OWNED_FILTER]?.default).toBe(false);
      expect(await owned(scopeToTenant(orm.em.fork(), partner), entity)).toEqual({ $and: [{ partnerId: 'ptn-a' }, { partnerId: 'ptn-a' }] });
      await expect(owned(orm.em.fork(), entity)).rejects.toThrow('No arguments provided for filter');
    }
    // The customer reads its subscriptions but changes none, nor does the operator here; a reseller of record holds none (only what it holds: none).
    for (const caller of [customer, operator]) expect(JSON.stringify(await owned(scopeToTenant(orm.em.fork(), caller), Subscription))).toContain('"$in":[]');
    expect(await owned(scopeToTenant(orm.em.fork(), reseller), Subscription)).toEqual({ $and: [{ partnerId: 'ptn-r' }, { resellerTenantId: 'ptn-r' }] });
    // Without `ownedOnly()` the owned filter is off: the reading scope alone.
    expect(await scopeOf(scopeToTenant(orm.em.fork(), reseller), Subscription)).toEqual({ resellerTenantId: 'ptn-r' });
  });

  it('ACT-2: the scopes of the newly filtered entities, per kind of caller', async () => {
    const orms = [new MikroORM({ ...config, entities: customersSubgraph.entities }), new MikroORM({ ...config, entities: transfersSubgraph.entities }), new MikroORM({ ...config, entities: PLATFORM_ENTITIES })];
    const [customersOrm, transfersOrm, platformOrm] = orms;
    const scope = (o: MikroORM, identity: Identity | undefined, name: string) => scopeToTenant(o.em.fork(), identity).applyFilters(name as never, {}, undefined, 'read');
    try {
      expect(await scope(transfersOrm, partner, 'EaRenewalSchedule')).toEqual({ partnerId: 'ptn-a' });
      expect(await scope(transfersOrm, customer, 'EaRenewalSchedule')).toEqual({ id: { $in: [] } });
      expect(await scope(transfersOrm, customer, 'EnterpriseAgreement')).toEqual({ customerId: 'cus-1' });
      expect(await scope(customersOrm, partner, 'CustomerRelationship')).toEqual({ $or: [{ partnerId: 'ptn-a' }, { indirectResellerId: 'ptn-a' }] });
      expect(await scope(customersOrm, customer, 'RelationshipRequest')).toEqual({ $or: [{ status: 'PENDING' }, { customerId: 'cus-1' }] });
      expect(await scope(customersOrm, indirectProvider, 'ResellerPartnership')).toEqual({ $or: [{ providerId: 'ptn-p' }, { resellerId: 'ptn-p' }] });
      expect(await scope(platformOrm, partner, 'Webhook')).toEqual({ tenantId: 'ptn-a' });
      expect(await scope(platformOrm, operator, 'AuditRecord')).toEqual({ tenantId: 'platform' });
      expect(await scope(orm, partner, 'Invoice')).toEqual({ partnerId: 'ptn-a' });
      expect(await scope(orm, reseller, 'InvoiceLine')).toEqual({ partnerId: 'ptn-r' });
      expect(await scope(orm, customer, 'SoftwareKey')).toEqual({ id: { $in: [] } });
      expect((await scope(orm, operator, 'SoftwareActivity'))).toEqual({ id: { $in: [] } });
    } finally {
      for (const o of orms) await o.close();
    }
  });
});
