import { Args, Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { mutate, mutateWithFacts } from '../../../shared/unit-of-work';
import { RelationshipRequest } from '../entities/relationship-request.entity';
import type { CustomersContext } from '../context';
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

  @Authorized()
  @Query(() => RelationshipRequest, {
    nullable: true,
    description: 'REL-2: one relationship request by the id in its link: for the partner that made it, or for a customer while it is open or once that customer accepted it',
  })
  relationshipRequest(@Ctx() ctx: CustomersContext, @Arg('id', () => ID, { description: 'Id of the relationship request (the last part of its link)' }) id: string) {
    return relationshipService.findRequest(ctx, id);
  }

  @Authorized('createRelationshipRequest')
  @Mutation(() => CreateRelationshipRequestPayload, { description: 'REL-2: asks a customer for a reseller relationship; returns the link to send' })
  createRelationshipRequest(
    @Ctx() ctx: CustomersContext,
    @Arg('input', () => CreateRelationshipRequestInput, { nullable: true, defaultValue: {}, description: 'What to do: see the fields of the input type' }) input: CreateRelationshipRequestInput,
  ): Promise<CreateRelationshipRequestPayload> {
    return mutate(ctx, CreateRelationshipRequestPayload, (tx) => relationshipService.createRequest(tx, input ?? {}));
  }

  @Authorized('acceptRelationshipRequest')
  @Mutation(() => AcceptRelationshipRequestPayload, { description: 'REL-2: the customer admin accepts a relationship request; the partner may then transact' })
  acceptRelationshipRequest(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: AcceptRelationshipRequestInput): Promise<AcceptRelationshipRequestPayload> {
    return mutate(ctx, AcceptRelationshipRequestPayload, (tx) => relationshipService.accept(tx, input));
  }

  @Authorized('removeCustomerRelationship')
  @Mutation(() => RemoveCustomerRelationshipPayload, { description: "REL-7: ends the caller's relationship with a customer that has no active subscription" })
  removeCustomerRelationship(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: RemoveCustomerRelationshipInput): Promise<RemoveCustomerRelationshipPayload> {
    const facts = (c: CustomersContext) => relationshipService.removalFacts(c, input);
    return mutateWithFacts(ctx, RemoveCustomerRelationshipPayload, facts, (tx, known) => relationshipService.remove(tx, input, known));
  }

  @FieldResolver(() => String, { description: 'Name of the partner asking for the relationship' })
  async partnerName(@Ctx() ctx: CustomersContext, @Root() request: RelationshipRequest): Promise<string> {
    return (await ctx.loaders.partner.load(request.partnerId))?.name ?? '';
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the indirect reseller named on the request; null when none' })
  async indirectResellerName(@Ctx() ctx: CustomersContext, @Root() request: RelationshipRequest): Promise<string | null> {
    return request.indirectResellerId ? ((await ctx.loaders.partner.load(request.indirectResellerId))?.name ?? null) : null;
  }

  @FieldResolver(() => String, { description: 'REL-2: the link, unique to this request, the customer opens to accept' })
  url(@Root() request: RelationshipRequest): string {
    return relationshipRequestUrl(request.id);
  }
}
