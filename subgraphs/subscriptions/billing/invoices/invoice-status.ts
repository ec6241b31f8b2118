import { registerEnumType } from 'type-graphql';

/** BIL-3: an invoice is open during its month and closed afterwards, for good. */
export enum InvoiceStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'BIL-3',
  valuesConfig: {
    OPEN: { description: 'Its month is running: charges and credits dated in it are added' },
    CLOSED: { description: 'Its month is over: it never changes again (a later correction is a line on the next invoice)' },
  },
});
