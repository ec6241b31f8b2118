import { LockMode } from '@mikro-orm/core';
import { recordEvent, requireIdentity } from '../../../shared/context';
import { ensure, notFound } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import { newId } from '../../../shared/ids';
import { regionOf } from '../../../shared/regions';
import type { DomainEvent } from '../../../shared/events/event-log';
import * as v from '../../../shared/validation';
import { Customer } from '../entities/customer.entity';
import { RelationshipRequest, RelationshipRequestStatus } from '../entities/relationship-request.entity';
import { CustomerRelationship } from '../entities/relationship.entity';
import { Partner } from '../entities/partner.entity';
import type { CustomersContext } from '../context';
import { flushOrConflict } from './flush';
import type { AcceptRelationshipRequestInput, CreateRelationshipRequestInput, RemoveCustomerRelationshipInput } from '../types/relationship.types';
import { partnerService } from './partner.service';
import { relationshipRequestDecision } from './policies';
import { resellerService } from './reseller.service';
import { subscriptionsPeer } from '../peers/subscriptions';
import { unscoped } from '../../../shared/db/tenant-filter';

/** REL-7: what the subscriptions subgraph says, read before the removal's unit opens. */
export interface RemovalFacts {
  /** The caller's active subscriptions for the customer (suspended or cancelled ones do not count). */
  activeSubscriptions: number;
}

const customerIdOf = (input: RemoveCustomerRelationshipInput) => v.requiredText(input.customerId, 'customerId', 100);

/** Partner ↔ customer relationships: requests, acceptance and removal (SPEC §2). */
export class RelationshipService {
  /** REL-2: a request whose URL the partner sends to a customer it has no relationship with. */
  async createRequest(ctx: CustomersContext, input: CreateRelationshipRequestInput): Promise<{ request: RelationshipRequest }> {
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
    recordEvent(ctx, { resourceType: 'RelationshipRequest', resourceId: request.id, data: { indirectResellerId: request.indirectResellerId ?? null } });
    return { request };
  }

  /** The caller's own requests (ACT-2), oldest first. */
  async listRequests(ctx: CustomersContext, page: Page) {
    const identity = requireIdentity(ctx);
    if (identity.tenantKind !== 'PARTNER') return toConnection([], page, 0);
    // ACT-2: the tenant filter keeps the partner's own (shared/db/tenant-filter.ts).
    const where = {};
    const rows = await ctx.em.find(RelationshipRequest, page.afterId ? { ...where, id: { $gt: page.afterId } } : where, { orderBy: { id: 'asc' }, limit: page.first + 1 });
    // Counted only if the query shows totalCount.
    const totalCount = () => ctx.em.count(RelationshipRequest, where);
    return toConnection(rows, page, totalCount);
  }

  /**
   * REL-2: one request, read through its link: by the partner that made it, or by a customer
   * (the link is what the partner sent it) while the request is open or was accepted by that
   * customer. Anything else is reported as not found (ACT-2): null.
   */
  async findRequest(ctx: CustomersContext, id: string): Promise<RelationshipRequest | null> {
    requireIdentity(ctx);
    // The tenant filter decides who may read it (visibility.ts).
    return ctx.em.findOne(RelationshipRequest, { id: v.requiredText(id, 'id', 100) });
  }

  /**
   * REL-2: the customer's admin accepts; from then on the partner may transact (REL-1).
   * Accepting twice is harmless; unknown, revoked or another customer's requests are refused
   * and change nothing. REL-3: the partner's region must be the customer's country's region.
   */
  async accept(ctx: CustomersContext, input: AcceptRelationshipRequestInput): Promise<{ customer: Customer }> {
    const identity = requireIdentity(ctx);
    const customer = await ctx.em.findOne(Customer, { id: identity.tenantId });
    if (!customer) throw notFound('Customer', identity.tenantId);
    const requestId = v.requiredText(input.requestId, 'requestId', 100);
    const request = await ctx.em.findOne(RelationshipRequest, { id: requestId });
    const decision = relationshipRequestDecision(request, customer.id);
    ensure(decision !== 'INVALID', 'RELATIONSHIP_REQUEST_INVALID', 'The relationship request is unknown, revoked or was accepted by another customer', 'REL-2', ['requestId']);
    if (decision === 'ALREADY_ACCEPTED') {
      recordAcceptance(ctx, request!, customer.id, false);
      return { customer };
    }

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
    recordAcceptance(ctx, request!, customer.id, !existing);
    return { customer };
  }

  /**
   * REL-7 facts, read before the unit opens: the subscriptions subgraph owns subscriptions, so
   * their count is asked through the graph (`Customer.activeSubscriptionCount`, scoped by that
   * subgraph to this caller, ACT-2) instead of reading its tables.
   */
  async removalFacts(ctx: CustomersContext, input: RemoveCustomerRelationshipInput): Promise<RemovalFacts> {
    const customerId = customerIdOf(input);
    return { activeSubscriptions: await subscriptionsPeer.activeSubscriptionCount(ctx.graph, customerId) };
  }

  /**
   * REL-7: the caller's relationship ends only when it has no active subscription for the
   * customer (suspended or cancelled ones do not block: "suspend or cancel first"); the row is
   * kept as REMOVED for history and the requests that created it are revoked.
   */
  async remove(ctx: CustomersContext, input: RemoveCustomerRelationshipInput, facts: RemovalFacts): Promise<{ customer: Customer }> {
    const partner = await partnerService.current(ctx);
    const customerId = customerIdOf(input);
    // Locked so that a concurrent removal waits, then finds it no longer ACTIVE (NOT_FOUND).
    const relationship = await ctx.em.findOne(CustomerRelationship, { partnerId: partner.id, customer: customerId, status: 'ACTIVE' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!relationship) throw notFound('Customer', customerId);
    ensure(
      facts.activeSubscriptions === 0,
      'ACTIVE_SUBSCRIPTIONS_EXIST',
      `The partner still has ${facts.activeSubscriptions} active subscription(s) for this customer; suspend or cancel them first`,
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
    // REL-7: the count was read before this unit and the subscriptions subgraph cannot be locked
    // from here; it consumes this event to refuse checkouts for the customer from now on.
    recordEvent(ctx, { type: 'RELATIONSHIP_REMOVED', tenantId: partner.id, resourceType: 'Customer', resourceId: customerId, data: { v: 1, partnerId: partner.id, customerId } });
    // The payload shows the customer the partner no longer sees (its relationship just ended): unscoped.
    await ctx.em.populate(relationship, ['customer'], unscoped());
    return { customer: relationship.customer };
  }
}

/**
 * AUD-1: the acceptance is in the customer's audit trail and in the partner's (its relationships
 * changed). When it created a relationship, the partner's record is the RELATIONSHIP_ACCEPTED
 * event itself (AUD-2): one audit row per tenant still, and the webhook tells the partner which
 * customer (and reseller) it may now transact for. A re-accept, or a partner that already had
 * an active relationship (REL-4), changed no relationship: audit rows only, no typed event.
 */
function recordAcceptance(ctx: CustomersContext, request: RelationshipRequest, customerId: string, created: boolean): void {
  const partnerId = request.partnerId;
  const audit: DomainEvent = { resourceType: 'RelationshipRequest', resourceId: request.id, data: { customerId, partnerId } };
  const forPartner: DomainEvent = created
    ? { type: 'RELATIONSHIP_ACCEPTED', tenantId: partnerId, resourceType: 'Customer', resourceId: customerId, data: { v: 1, partnerId, customerId, indirectResellerId: request.indirectResellerId ?? null } }
    : { ...audit, tenantId: partnerId };
  recordEvent(ctx, audit, forPartner);
}

export const relationshipService = new RelationshipService();
