import type { EntityManager } from '../../../shared/db/orm';
import { readRows } from '../../../shared/db/read-model';

const PARTNER_CUSTOMERS = 'select coalesce(sum(customers), 0)::int as n from customers.partner_customer_count where partner_id = ?';

/**
 * The number of customers a partner has an active relationship with, as kept in
 * customers.partner_customer_count by a trigger on every write of a relationship (in the same
 * transaction, so it is exact as of the reader's snapshot): a sum of at most eight rows,
 * whatever the number of customers (docs/platform.md, "Large partners").
 */
export async function partnerCustomerCount(em: EntityManager, partnerId: string): Promise<number> {
  const [row] = await readRows(em, { sql: PARTNER_CUSTOMERS, params: [partnerId], fixed: true });
  return Number(row?.n ?? 0);
}
