import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { RECONCILIATION_PATH } from '../../../../shared/config';
import { PageArgs, toConnection, toPage } from '../../../../shared/graphql/connection';
import { Money } from '../../../../shared/graphql/types';
import { formatMoney } from '../../../../shared/money';
import type { SubscriptionsContext } from '../../context';
import { Order } from '../../entities/order.entity';
import { CustomerRef, customerRef, OfferRef, offerRef } from '../../entities/refs';
import { Subscription } from '../../entities/subscription.entity';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';
import { invoices } from './invoice.service';
import { lineNames } from './invoice-line-names';
import { InvoiceConnection, InvoiceFilter, InvoiceLineConnection } from './invoice.types';

/** BIL-4: where the reconciliation file of an invoice is served, relative to the gateway. */
export const reconciliationPath = (invoiceId: string) => `${RECONCILIATION_PATH}${encodeURIComponent(invoiceId)}/reconciliation.csv`;

function money(amount: string | null | undefined, currency: string): Money | null {
  if (amount === null || amount === undefined) return null;
  return Object.assign(new Money(), { amount: formatMoney(amount, currency), currency: currency.trim() });
}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authorized('viewInvoices')
  @Query(() => InvoiceConnection, { description: "BIL-3/BIL-8: the caller's monthly invoices (one per month and currency), oldest first" })
  invoices(
    @Ctx() ctx: SubscriptionsContext,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => InvoiceFilter, { nullable: true, description: 'Month range and status' }) filter?: InvoiceFilter,
  ) {
    return invoices.list(ctx, filter, toPage(page, info));
  }

  @Authorized('viewInvoices')
  @Query(() => Invoice, { description: 'BIL-3/BIL-8: one invoice of the caller, else NOT_FOUND' })
  invoice(@Ctx() ctx: SubscriptionsContext, @Arg('id', () => ID, { description: 'Id of the invoice' }) id: string): Promise<Invoice> {
    return invoices.get(ctx, id);
  }

  @FieldResolver(() => Money, { description: 'Exact sum of its lines (charges less credits); kept unchanged once closed' })
  async total(@Ctx() ctx: SubscriptionsContext, @Root() invoice: Invoice): Promise<Money> {
    const total = invoice.closedTotal ?? (await ctx.loaders.invoiceTotals.load(invoice.id));
    return money(total, invoice.currency)!;
  }

  @FieldResolver(() => String, { description: 'BIL-4: path of its reconciliation file (CSV) at the gateway; send the same bearer token' })
  reconciliationUrl(@Root() invoice: Invoice): string {
    return reconciliationPath(invoice.id);
  }

  @FieldResolver(() => InvoiceLineConnection, { description: 'Its charges and credits, in the order they were booked' })
  async lines(@Ctx() ctx: SubscriptionsContext, @Root() invoice: Invoice, @Args() args: PageArgs, @Info() info: GraphQLResolveInfo) {
    const page = toPage(args, info);
    const { rows, totalCount } = await ctx.loaders.invoiceLines.load({ parentId: invoice.id, page });
    return toConnection(rows, page, totalCount);
  }
}

@Resolver(() => InvoiceLine)
export class InvoiceLineResolver {
  @FieldResolver(() => CustomerRef, { description: 'The customer' })
  customer(@Root() line: InvoiceLine): CustomerRef {
    return customerRef(line.customerId);
  }

  @FieldResolver(() => Subscription, { nullable: true, description: 'The subscription charged or credited' })
  subscription(@Ctx() ctx: SubscriptionsContext, @Root() line: InvoiceLine): Promise<Subscription | null> {
    return line.subscriptionId ? ctx.loaders.subscription.load(line.subscriptionId) : Promise.resolve(null);
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order that placed the subscription' })
  async order(@Ctx() ctx: SubscriptionsContext, @Root() line: InvoiceLine): Promise<Order | null> {
    return line.orderId ? ctx.loaders.order.load(line.orderId) : null;
  }

  @FieldResolver(() => OfferRef, { description: 'The offer (product and SKU) charged' })
  offer(@Root() line: InvoiceLine): OfferRef {
    return offerRef(line.offerId);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Price of one license for the billing period' })
  unitPrice(@Root() line: InvoiceLine): Money | null {
    return money(line.unitPrice, line.currency);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'BIL-5: price of one license for the billing period after promotion' })
  effectiveUnitPrice(@Root() line: InvoiceLine): Money | null {
    return money(line.effectiveUnitPrice, line.currency);
  }

  @FieldResolver(() => Money, { description: 'Signed amount: charges positive, refunds and credits negative' })
  amount(@Root() line: InvoiceLine): Money {
    return money(line.amountValue, line.currency)!;
  }

  // BIL-4: the names of a line not described yet are read from their owners (invoice-line-names.ts).
  @FieldResolver(() => String, { nullable: true })
  async customerName(@Ctx() ctx: SubscriptionsContext, @Root() line: InvoiceLine): Promise<string | null> {
    return (await lineNames(ctx, line)).customerName ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async customerDomain(@Ctx() ctx: SubscriptionsContext, @Root() line: InvoiceLine): Promise<string | null> {
    return (await lineNames(ctx, line)).customerDomain ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async customerCountry(@Ctx() ctx: SubscriptionsContext, @Root() line: InvoiceLine): Promise<string | null> {
    return (await lineNames(ctx, line)).customerCountry ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async productId(@Ctx() ctx: SubscriptionsContext, @Root() line: InvoiceLine): Promise<string | null> {
    return (await lineNames(ctx, line)).productId ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async skuId(@Ctx() ctx: SubscriptionsContext, @Root() line: InvoiceLine): Promise<string | null> {
    return (await lineNames(ctx, line)).skuId ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async productName(@Ctx() ctx: SubscriptionsContext, @Root() line: InvoiceLine): Promise<string | null> {
    return (await lineNames(ctx, line)).productName ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async skuName(@Ctx() ctx: SubscriptionsContext, @Root() line: InvoiceLine): Promise<string | null> {
    return (await lineNames(ctx, line)).skuName ?? null;
  }
}
