import { Field, InputType } from 'type-graphql';
import { ConnectionType } from '../../../../shared/graphql/connection';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';
import { InvoiceStatus } from './invoice-status';

@InputType({ description: 'BIL-3: which invoices to list' })
export class InvoiceFilter {
  @Field(() => Date, { nullable: true, description: 'Invoices of months ending at or after this instant' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Invoices of months starting at or before this instant' })
  to?: Date;

  @Field(() => InvoiceStatus, { nullable: true, description: 'Only OPEN or only CLOSED invoices' })
  status?: InvoiceStatus;
}

export const InvoiceConnection = ConnectionType('Invoice', Invoice);
export const InvoiceLineConnection = ConnectionType('InvoiceLine', InvoiceLine);
