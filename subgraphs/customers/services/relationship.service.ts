import { requireIdentity } from '../../../shared/context';
import { ensure, notFound } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import { newId } from '../../../shared/ids';
import { regionOf } from '../../../shared/regions';
import * as v from '../../../shared/validation';
import { Customer } from '../entities/customer.entity';
import { RelationshipRequest, RelationshipRequestStatus } from '../entities/relationship-request.entity';
import { CustomerRelationship } from '../entities/relationship.entity';
import { Partner } from '../entities/partner.entity';
import type { CustomersContext } from '../loaders';
import { flushOrConflict } from './flush';
import type { AcceptRelationshipRequestInput, CreateRelationshipRequestInput, RemoveCustomerRelationshipInput } from '../types/relationship.types';
import { partnerService } from './partner.service';
import { relationshipRequestDecision } from './policies';
import { resellerService } from './reseller.service';

export interface AcceptedRequest {
  customer: Customer;
  request: RelationshipRequest;
}

/** Partner ↔ customer relationships: requests, acceptance and removal (SPEC §2). */
export class RelationshipService {
  /** REL-2: a request whose URL the partner sends to a customer it has no relationship with. */
  async createRequest(ctx: CustomersContext, input: CreateRelationshipRequestInput): Promise<RelationshipRequest> {
    const partner = await partnerService.current(ctx);
    const reseller =
      input.indirectResellerId !== undefined && input.indirectResellerId !== null
        ? await resellerService.ensurePartneredReseller(ctx, partner, v.requiredText(input.indirectResellerId, 'indirectResellerId', 100), ['indirectResellerId'])
        : undefined;
    const request = ctx.em.create(RelationshipRequest, {
      id: newId('rrq'),
      partnerId: partner.id,
      indirectResellerId: reseller?.id,
      createdAt: await ctx.clock.now(),
    });
    await ctx.em.flush();
    return request;
  }

  /** The caller's own requests (ACT-2), oldest first. */
  async listRequests(ctx: CustomersContext, page: Page) {
    const identity = requireIdentity(ctx);
    if (identity.tenantKind !== 'PARTNER') return toConnection([], page, 0);
    const where = { partnerId: identity.tenantId };
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(RelationshipRequest, page.afterId ? { ...where, id: { $gt: page.afterId } } : where, { orderBy: { id: 'asc' }, limit: page.first + 1 }),
      ctx.em.count(RelationshipRequest, where),
    ]);
    return toConnection(rows, page, totalCount);
  }

  /**
   * REL-2: the customer's admin accepts; from then on the partner may transact (REL-1).
   * Accepting twice is harmless; unknown, revoked or another customer's requests are refused
   * and change nothing. REL-3: the partner's region must be the customer's country's region.
   */
  async accept(ctx: CustomersContext, input: AcceptRelationshipRequestInput): Promise<AcceptedRequest> {
    const identity = requireIdentity(ctx);
    const customer = await ctx.em.findOne(Customer, { id: identity.tenantId });
    if (!customer) throw notFound('Customer', identity.tenantId);
    const requestId = v.requiredText(input.requestId, 'requestId', 100);
    const request = await ctx.em.findOne(RelationshipRequest, { id: requestId });
    const decision = relationshipRequestDecision(request, customer.id);
    ensure(decision !== 'INVALID', 'RELATIONSHIP_REQUEST_INVALID', 'The relationship request is unknown, revoked or was accepted by another customer', 'REL-2', ['requestId']);
    if (decision === 'ALREADY_ACCEPTED') return { customer, request: request! };

    const partner = await ctx.em.findOneOrFail(Partner, { id: request!.partnerId });
    ensure(
      regionOf(customer.country) === partner.region,
      'REGION_MISMATCH',
      `Customer country ${customer.country} is in ${regionOf(customer.country)}, outside the partner's region ${partner.region}`,
      'REL-3',
    );
    if (request!.indirectResellerId) {
      // RES-3: a request naming a reseller is only good while the partnership lasts (RES-5).
      const partnership = await resellerService.activePartnership(ctx, partner.id, request!.indirectResellerId);
      ensure(partnership, 'INVALID_RESELLER', 'The partnership with the reseller named on this request has ended', 'RES-3', ['requestId']);
    }
    const now = await ctx.clock.now();
    request!.status = RelationshipRequestStatus.ACCEPTED;
    request!.customerId = customer.id;
    request!.acceptedAt = now;
    // REL-4: an existing active relationship of this partner is kept as it is (no duplicate).
    const existing = await ctx.em.findOne(CustomerRelationship, { partnerId: partner.id, customer, status: 'ACTIVE' });
    if (!existing) {
      ctx.em.create(CustomerRelationship, { id: newId('rel'), partnerId: partner.id, customer, indirectResellerId: request!.indirectResellerId, createdAt: now });
    }
    await flushOrConflict(ctx, 'The relationship');
    return { customer, request: request! };
  }

  /**
   * REL-7: the caller's relationship ends only when it has no active subscription for the
   * customer (suspended or cancelled ones do not block: "suspend or cancel first"); the row is kept as REMOVED for history and the requests
   * that created it are revoked.
   */
  async remove(ctx: CustomersContext, input: RemoveCustomerRelationshipInput): Promise<Customer> {
    const partner = await partnerService.current(ctx);
    const customerId = v.requiredText(input.customerId, 'customerId', 100);
    const relationship = await ctx.em.findOne(CustomerRelationship, { partnerId: partner.id, customer: customerId, status: 'ACTIVE' }, { populate: ['customer'] });
    if (!relationship) throw notFound('Customer', customerId);
    // The subscriptions subgraph owns subscriptions; their count is asked through the graph
    // (`Customer.activeSubscriptionCount`, scoped by that subgraph to this caller) instead of
    // reading its tables, so each subgraph keeps its own schema and tenant rules (ACT-2).
    const [facts] = await ctx.graph.entities<{ activeSubscriptionCount: number }>('subscriptions', 'Customer', [customerId], 'activeSubscriptionCount');
    const active = facts?.activeSubscriptionCount ?? 0;
    ensure(
      active === 0,
      'ACTIVE_SUBSCRIPTIONS_EXIST',
      `The partner still has ${active} active subscription(s) for this customer; suspend or cancel them first`,
      'REL-7',
      ['customerId'],
    );
    const now = await ctx.clock.now();
    relationship.status = 'REMOVED';
    relationship.removedAt = now;
    await ctx.em.nativeUpdate(
      RelationshipRequest,
      { partnerId: partner.id, customerId, status: RelationshipRequestStatus.ACCEPTED },
      { status: RelationshipRequestStatus.REVOKED },
    );
    await ctx.em.flush();
    return relationship.customer;
  }
}

export const relationshipService = new RelationshipService();
