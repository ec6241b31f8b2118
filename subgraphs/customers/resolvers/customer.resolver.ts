import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toPage, PageArgs } from '../../../shared/graphql/connection';
import { runMutation } from '../../../shared/graphql/payload';
import { Customer } from '../entities/customer.entity';
import type { CustomersContext } from '../loaders';
import { customerService } from '../services/customer.service';
import { CreateCustomerInput, CreateCustomerPayload, CustomerConnection, CustomerFilter } from '../types/customer.types';

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized()
  @Query(() => Customer, { description: 'A customer the caller may see (ACT-2), else NOT_FOUND' })
  customer(@Ctx() ctx: CustomersContext, @Arg('id', () => ID) id: string): Promise<Customer> {
    return customerService.get(ctx, id);
  }

  @Authorized()
  @Query(() => CustomerConnection)
  customers(
    @Ctx() ctx: CustomersContext,
    @Args() page: PageArgs,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter?: CustomerFilter,
  ) {
    return customerService.list(ctx, filter, toPage(page));
  }

  @Authorized('createCustomer')
  @Mutation(() => CreateCustomerPayload)
  createCustomer(@Ctx() ctx: CustomersContext, @Arg('input') input: CreateCustomerInput): Promise<CreateCustomerPayload> {
    return runMutation(ctx, CreateCustomerPayload, async (tx) => {
      const result = await customerService.create(tx, input);
      return { result, audit: { operation: 'createCustomer', resourceType: 'Customer', resourceId: result.customer.id } };
    });
  }

  @FieldResolver(() => Boolean, { description: 'REL-6: the customer agreement has been accepted' })
  agreementAccepted(@Root() customer: Customer): boolean {
    return Boolean(customer.agreementAcceptedAt);
  }
}
