import { Args, Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { mutate, mutateWithFacts } from '../../../shared/unit-of-work';
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
    return mutate(ctx, CreateRelationshipRequestPayload, (tx) => relationshipService.createRequest(tx, input ?? {}));
  }

  @Authorized('acceptRelationshipRequest')
  @Mutation(() => AcceptRelationshipRequestPayload)
  acceptRelationshipRequest(@Ctx() ctx: CustomersContext, @Arg('input') input: AcceptRelationshipRequestInput): Promise<AcceptRelationshipRequestPayload> {
    return mutate(ctx, AcceptRelationshipRequestPayload, (tx) => relationshipService.accept(tx, input));
  }

  @Authorized('removeCustomerRelationship')
  @Mutation(() => RemoveCustomerRelationshipPayload)
  removeCustomerRelationship(@Ctx() ctx: CustomersContext, @Arg('input') input: RemoveCustomerRelationshipInput): Promise<RemoveCustomerRelationshipPayload> {
    const facts = (c: CustomersContext) => relationshipService.removalFacts(c, input);
    return mutateWithFacts(ctx, RemoveCustomerRelationshipPayload, facts, (tx, known) => relationshipService.remove(tx, input, known));
  }

  @FieldResolver(() => String, { description: 'REL-2: the link, unique to this request, the customer opens to accept' })
  url(@Root() request: RelationshipRequest): string {
    return relationshipRequestUrl(request.id);
  }
}
