import DataLoader from 'dataloader';
import type { EntityManager } from '../../../../shared/db/orm';
import { textArray } from '../../../../shared/db/prepared';
import { pagesPerParent, perParentPageLoader, type ParentPage, type ParentPageKey } from '../../../../shared/db/parent-pages';
import { InvoiceLine } from './invoice-line.entity';

export interface InvoiceLoaders {
  /** BIL-3: a page of lines per invoice, oldest first; all invoices of a list in one query (callers pass invoices they may see). */
  invoiceLines: DataLoader<ParentPageKey, ParentPage<InvoiceLine>, string>;
  /** BIL-3: the exact sum of each invoice's lines; one aggregate per batch. */
  invoiceTotals: DataLoader<string, string>;
}

export function createInvoiceLoaders(em: EntityManager): InvoiceLoaders {
  return {
    invoiceLines: perParentPageLoader((invoiceIds, page) => pagesPerParent(em, { entity: InvoiceLine, parent: { property: 'invoiceId', column: 'invoice_id' }, where: {} }, invoiceIds, page)),
    invoiceTotals: new DataLoader(async (ids) => {
      // Raw SQL is not filtered: it sums the lines of the invoices asked for, which callers read through the tenant filter first.
      const rows = await em.execute<{ invoice_id: string; total: string }[]>(
        `select invoice_id, sum(amount_value)::text as total from subscriptions.invoice_line where invoice_id = any(?::text[]) group by invoice_id`,
        [textArray(ids)],
      );
      const totals = new Map(rows.map((row) => [row.invoice_id, row.total]));
      return ids.map((id) => totals.get(id) ?? '0');
    }),
  };
}
