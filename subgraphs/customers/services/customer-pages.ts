import type { Identity } from '../../../shared/auth/roles';
import type { EntityManager } from '../../../shared/db/orm';
import { fieldsWithout, readRows, toReadModels } from '../../../shared/db/read-model';
import { Customer } from '../entities/customer.entity';

/** Whose relationships a partner's unfiltered customer list walks (ACT-1, ACT-2). */
export interface PartnerScope {
  column: 'partner_id' | 'indirect_reseller_id';
  tenantId: string;
}

/** A partner's scope: its own relationships, or, for an indirect reseller, those that name it (RES-2). */
export function partnerScopeOf(identity: Identity): PartnerScope | undefined {
  if (identity.tenantKind !== 'PARTNER') return undefined;
  return { column: identity.partnerType === 'INDIRECT_RESELLER' ? 'indirect_reseller_id' : 'partner_id', tenantId: identity.tenantId };
}

/**
 * One page of a partner's customers in id order after `afterId` (ACT-2): the page's customer ids
 * are taken first from the partner's active relationships, in the order of the
 * (partner_id, customer_id) index (or (indirect_reseller_id, customer_id)) from the cursor on and
 * up to the page's end, and only those customers are read. The statement is prepared, so
 * PostgreSQL may keep one plan for every partner: written this way, that plan is the same
 * short index range for a partner with 100 customers and one with 100,000, even in a database
 * where another partner holds most of the rows (asked as a join of customers and relationships, the
 * one plan walked the customers in id order and filtered by partner: 46 ms for a small partner
 * beside a large one). Raw rows become read models as any list's do.
 */
export async function partnerCustomerPage(em: EntityManager, scope: PartnerScope, afterId: string | undefined, limit: number, fields?: readonly (keyof Customer & string)[]): Promise<Customer[]> {
  const meta = em.getMetadata().get(Customer);
  const columns = (fields ?? fieldsWithout(em, Customer, ['adminPasswordHash'])).map((field) => `r."${meta.properties[field].fieldNames[0]}"`);
  // An indirect reseller may be named on two partners' relationships with one customer.
  const distinct = scope.column === 'indirect_reseller_id' ? 'distinct ' : '';
  const sql =
    `select ${columns.join(', ')} from "customers"."customer" as r where r."id" in (` +
    `select ${distinct}c."customer_id" from "customers"."customer_relationship" as c ` +
    `where c."${scope.column}" = ? and c."status" = 'ACTIVE' and c."customer_id" > ? order by c."customer_id" limit ?) order by r."id" asc`;
  // No cursor: every id sorts after the empty string, so first pages share the statement.
  const rows = await readRows(em, { sql, params: [scope.tenantId, afterId ?? '', limit], fixed: true });
  return toReadModels(em, Customer, rows);
}
