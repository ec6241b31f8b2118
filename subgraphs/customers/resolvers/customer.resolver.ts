import type { GraphQLResolveInfo } from 'graphql';
import { propertyNames } from '../../../shared/db/read-model';
import { Internal } from '../../../shared/graphql/federation';
import { regionOf } from '../../../shared/regions';
import { nodeColumns } from '../../../shared/graphql/selection';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toPage, PageArgs } from '../../../shared/graphql/connection';
import { mutate } from '../../../shared/unit-of-work';
import { Customer } from '../entities/customer.entity';
import type { CustomersContext } from '../context';
import { customerService } from '../services/customer.service';
import {
  AgreementAcceptance,
  CreateCustomerInput,
  CreateCustomerPayload,
  CustomerConnection,
  CustomerFilter,
  UpdateCustomerInput,
  UpdateCustomerPayload,
} from '../types/customer.types';

/**
 * What field resolvers below read of the row, so that a page of customers asks only for the
 * columns a query needs (shared/graphql/selection.ts); a field resolver not listed here makes the
 * page read whole rows.
 */
export const CUSTOMER_FIELD_COLUMNS = {
  agreementAccepted: ['agreementAcceptedAt'],
  agreementAcceptance: ['agreementAcceptedAt', 'agreementSignerName', 'agreementSignerEmail'],
  relationshipActive: ['id'],
  inCallerRegion: ['country'],
  indirectResellerId: ['id'],
} satisfies Partial<Record<keyof CustomerResolver, (keyof Customer)[]>>;

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized()
  @Query(() => Customer, { description: 'A customer the caller may see (ACT-2), else NOT_FOUND' })
  customer(@Ctx() ctx: CustomersContext, @Arg('id', () => ID, { description: 'Id of the customer' }) id: string): Promise<Customer> {
    return customerService.get(ctx, id);
  }

  @Authorized()
  @Query(() => CustomerConnection, { description: 'Customers the caller may see; filter.resellerId lists them per reseller (RES-6)' })
  customers(
    @Ctx() ctx: CustomersContext,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => CustomerFilter, { nullable: true, description: 'Narrows the list, e.g. by reseller (RES-6)' }) filter?: CustomerFilter,
  ) {
    return customerService.list(ctx, filter, toPage(page, info), nodeColumns(info, propertyNames(ctx.em, Customer), CUSTOMER_FIELD_COLUMNS, ['id']));
  }

  @Authorized('createCustomer')
  @Mutation(() => CreateCustomerPayload, { description: 'Creates a customer with a relationship to the caller (REL-1) and returns its admin credentials once (REL-5)' })
  createCustomer(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: CreateCustomerInput): Promise<CreateCustomerPayload> {
    return mutate(ctx, CreateCustomerPayload, (tx) => customerService.create(tx, input));
  }

  @Authorized('updateCustomer')
  @Mutation(() => UpdateCustomerPayload, { description: "Changes a customer's details or records agreement acceptance (REL-6)" })
  updateCustomer(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: UpdateCustomerInput): Promise<UpdateCustomerPayload> {
    return mutate(ctx, UpdateCustomerPayload, (tx) => customerService.update(tx, input));
  }

  @FieldResolver(() => Boolean, { description: 'REL-6: the customer agreement has been accepted (checkout refuses a first purchase otherwise)' })
  agreementAccepted(@Root() customer: Customer): boolean {
    return Boolean(customer.agreementAcceptedAt);
  }

  @FieldResolver(() => AgreementAcceptance, { nullable: true, description: 'REL-6: the stored proof of acceptance (signer, email, date)' })
  agreementAcceptance(@Root() customer: Customer): AgreementAcceptance | null {
    if (!customer.agreementAcceptedAt || !customer.agreementSignerName || !customer.agreementSignerEmail) return null;
    return Object.assign(new AgreementAcceptance(), {
      signerName: customer.agreementSignerName,
      signerEmail: customer.agreementSignerEmail,
      acceptedAt: customer.agreementAcceptedAt,
    });
  }

  @FieldResolver(() => Boolean, {
    description: 'REL-1: whether you have an active reseller relationship with this customer as its transacting partner (false for an indirect reseller named on a provider\'s relationship)',
  })
  async relationshipActive(@Ctx() ctx: CustomersContext, @Root() customer: Customer): Promise<boolean> {
    const relationship = await ctx.loaders.callerRelationship.load(customer.id);
    return Boolean(relationship && relationship.partnerId === ctx.identity?.tenantId);
  }

  /**
   * REL-3 as a fact of the customer for the caller; the transfers subgraph requires it with
   * `relationshipActive` for `Customer.enterpriseAgreements` (EA-1), so the gateway fetches both
   * here in the same request as the customer instead of that subgraph asking again.
   */
  @Authorized()
  @Internal()
  @FieldResolver(() => Boolean, { description: "REL-3: the customer's country lies in the calling partner's CSP region (false for any other caller)" })
  async inCallerRegion(@Ctx() ctx: CustomersContext, @Root() customer: Customer): Promise<boolean> {
    const identity = ctx.identity;
    if (identity?.tenantKind !== 'PARTNER') return false;
    const partner = await ctx.loaders.partnerModel.load(identity.tenantId);
    return Boolean(partner && regionOf(customer.country) === partner.region);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: "RES-3: the indirect reseller named on your active relationship with this customer; null when there is none",
  })
  async indirectResellerId(@Ctx() ctx: CustomersContext, @Root() customer: Customer): Promise<string | null> {
    const relationship = await ctx.loaders.callerRelationship.load(customer.id);
    return relationship?.indirectResellerId ?? null;
  }
}
