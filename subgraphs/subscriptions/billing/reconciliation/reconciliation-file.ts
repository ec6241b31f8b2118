import Decimal from 'decimal.js';
import type { InvoiceLine } from '../invoices/invoice-line.entity';
import type { Invoice } from '../invoices/invoice.entity';

/**
 * BIL-4: the column layout of Partner Center's new-commerce invoice reconciliation file, in its
 * order; columns this programme has no value for stay empty (usage, exchange rates, meters).
 */
export const RECONCILIATION_COLUMNS = [
  'PartnerId', 'CustomerId', 'CustomerName', 'CustomerDomainName', 'CustomerCountry', 'InvoiceNumber', 'MpnId', 'ResellerMpnId', 'OrderId', 'OrderDate',
  'ProductId', 'SkuId', 'AvailabilityId', 'SkuName', 'ProductName', 'ChargeType', 'UnitPrice', 'Quantity', 'Subtotal', 'TaxTotal', 'Total', 'Currency',
  'PriceAdjustmentDescription', 'PublisherName', 'PublisherId', 'SubscriptionDescription', 'SubscriptionId', 'ChargeStartDate', 'ChargeEndDate',
  'TermAndBillingCycle', 'EffectiveUnitPrice', 'UnitType', 'AlternateId', 'BillableQuantity', 'BillingFrequency', 'PricingCurrency', 'PCToBCExchangeRate',
  'PCToBCExchangeRateDate', 'MeterDescription', 'ReservationOrderId', 'CreditReasonCode', 'SubscriptionStartDate', 'SubscriptionEndDate', 'ReferenceId',
  'ProductQualifiers', 'PromotionId', 'ProductCategory',
] as const;

export type ReconciliationRow = Record<(typeof RECONCILIATION_COLUMNS)[number], string>;

/**
 * A text cell a spreadsheet would run as a formula (= + - @, tab, carriage return first) is
 * written with a leading apostrophe (OWASP CSV injection). Amounts are numbers and kept as they are.
 */
export function inertText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const TERM: Record<string, string> = { P1M: '1 Month', P1Y: '1 Year', P3Y: '3 Years' };
const FREQUENCY: Record<string, string> = { MONTHLY: 'Monthly', ANNUAL: 'Annual', TRIENNIAL: 'Triennial' };

const day = (at: Date | null | undefined) => (at ? at.toISOString().slice(0, 10) : '');
const amount = (value: string | null | undefined, digits: number) => (value === null || value === undefined ? '' : new Decimal(value).toFixed(digits));

/** BIL-4: one invoice line as its reconciliation row (exactly the line's figures: the file's total is the invoice's). */
export function reconciliationRow(invoice: Pick<Invoice, 'number' | 'currency'>, line: InvoiceLine, digits: number): ReconciliationRow {
  const unit = line.effectiveUnitPrice ?? line.unitPrice;
  const billable = unit && !new Decimal(unit).isZero() ? new Decimal(line.amountValue).div(unit).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toString() : '';
  const term = [TERM[line.termDuration ?? ''], FREQUENCY[line.billingFrequency ?? '']].filter(Boolean).join(' Subscription - ');
  return {
    PartnerId: inertText(line.partnerId),
    CustomerId: inertText(line.customerId),
    CustomerName: inertText(line.customerName),
    CustomerDomainName: inertText(line.customerDomain),
    CustomerCountry: inertText(line.customerCountry),
    InvoiceNumber: String(invoice.number),
    MpnId: inertText(line.mpnId),
    ResellerMpnId: inertText(line.resellerPartnerId),
    OrderId: inertText(line.orderId),
    OrderDate: day(line.orderDate),
    ProductId: inertText(line.productId),
    SkuId: inertText(line.skuId),
    AvailabilityId: '',
    SkuName: inertText(line.skuName),
    ProductName: inertText(line.productName),
    ChargeType: line.chargeType,
    UnitPrice: amount(line.unitPrice, 4),
    Quantity: line.quantity === null || line.quantity === undefined ? '' : String(line.quantity),
    Subtotal: amount(line.amountValue, digits),
    TaxTotal: amount('0', digits),
    Total: amount(line.amountValue, digits),
    Currency: invoice.currency,
    PriceAdjustmentDescription: '',
    PublisherName: '',
    PublisherId: '',
    SubscriptionDescription: '',
    SubscriptionId: inertText(line.subscriptionId),
    ChargeStartDate: day(line.chargeStart),
    ChargeEndDate: day(line.chargeEnd),
    TermAndBillingCycle: term,
    EffectiveUnitPrice: amount(unit, 4),
    UnitType: 'Licenses',
    AlternateId: inertText(line.id),
    BillableQuantity: billable,
    BillingFrequency: FREQUENCY[line.billingFrequency ?? ''] ?? '',
    PricingCurrency: invoice.currency,
    PCToBCExchangeRate: '1',
    PCToBCExchangeRateDate: '',
    MeterDescription: '',
    ReservationOrderId: '',
    CreditReasonCode: '',
    SubscriptionStartDate: '',
    SubscriptionEndDate: '',
    ReferenceId: '',
    ProductQualifiers: '',
    PromotionId: inertText(line.promotionId),
    ProductCategory: '',
  };
}
