import { Args, Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { runMutation } from '../../../shared/graphql/payload';
import { RelationshipRequest } from '../entities/relationship-request.entity';
import type { CustomersContext } from '../loaders';
import { relationshipRequestUrl } from '../services/links';
import { relationshipService } from '../services/relationship.service';
import {
  AcceptRelationshipRequestInput,
  AcceptRelationshipRequestPayload,
  CreateRelationshipRequestInput,
  CreateRelationshipRequestPayload,
  RelationshipRequestConnection,
  RemoveCustomerRelationshipInput,
  RemoveCustomerRelationshipPayload,
} from '../types/relationship.types';

@Resolver(() => RelationshipRequest)
export class RelationshipResolver {
  @Authorized()
  @Query(() => RelationshipRequestConnection, { description: "REL-2: the caller's relationship requests" })
  relationshipRequests(@Ctx() ctx: CustomersContext, @Args() page: PageArgs) {
    return relationshipService.listRequests(ctx, toPage(page));
  }

  @Authorized('createRelationshipRequest')
  @Mutation(() => CreateRelationshipRequestPayload)
  createRelationshipRequest(
    @Ctx() ctx: CustomersContext,
    @Arg('input', () => CreateRelationshipRequestInput, { nullable: true, defaultValue: {} }) input: CreateRelationshipRequestInput,
  ): Promise<CreateRelationshipRequestPayload> {
    return runMutation(ctx, CreateRelationshipRequestPayload, async (tx) => {
      const request = await relationshipService.createRequest(tx, input ?? {});
      const details = { indirectResellerId: request.indirectResellerId ?? null };
      return { result: { request }, audit: { operation: 'createRelationshipRequest', resourceType: 'RelationshipRequest', resourceId: request.id, details } };
    });
  }

  @Authorized('acceptRelationshipRequest')
  @Mutation(() => AcceptRelationshipRequestPayload)
  acceptRelationshipRequest(@Ctx() ctx: CustomersContext, @Arg('input') input: AcceptRelationshipRequestInput): Promise<AcceptRelationshipRequestPayload> {
    return runMutation(ctx, AcceptRelationshipRequestPayload, async (tx) => {
      const { customer, request } = await relationshipService.accept(tx, input);
      const entry = { operation: 'acceptRelationshipRequest', resourceType: 'RelationshipRequest', resourceId: request.id, details: { customerId: customer.id, partnerId: request.partnerId } };
      // The partner's audit trail shows the acceptance too (AUD-1: its relationship changed).
      return { result: { customer }, audit: [entry, { ...entry, tenantId: request.partnerId }] };
    });
  }

  @Authorized('removeCustomerRelationship')
  @Mutation(() => RemoveCustomerRelationshipPayload)
  removeCustomerRelationship(@Ctx() ctx: CustomersContext, @Arg('input') input: RemoveCustomerRelationshipInput): Promise<RemoveCustomerRelationshipPayload> {
    return runMutation(ctx, RemoveCustomerRelationshipPayload, async (tx) => {
      const customer = await relationshipService.remove(tx, input);
      return { result: { customer }, audit: { operation: 'removeCustomerRelationship', resourceType: 'Customer', resourceId: customer.id } };
    });
  }

  @FieldResolver(() => String, { description: 'REL-2: the link, unique to this request, the customer opens to accept' })
  url(@Root() request: RelationshipRequest): string {
    return relationshipRequestUrl(request.id);
  }
}
