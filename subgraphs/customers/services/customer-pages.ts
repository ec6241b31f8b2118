import type { Identity } from '../../../shared/auth/roles';
import type { EntityManager } from '../../../shared/db/orm';
import { readAsText } from '../../../shared/db/prepared';
import { fieldsWithout, toReadModels } from '../../../shared/db/read-model';
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
 * up to the page's end, and each of those customers is then read by its key (a lateral subquery
 * with `limit 1`, which PostgreSQL cannot turn back into a join of all customers). The statement
 * is planned for its values on every request, never prepared: the one generic plan PostgreSQL
 * keeps for a prepared statement cannot tell a partner with 100 customers from one with
 * 100,000, and in a database where one partner holds most relationships it walked them in
 * customer order for every partner (24–62 ms for a small partner beside a large one, against
 * 0.1 ms planned for the partner). Raw rows become read models as any list's do. Raw SQL is not
 * filtered by the ORM: it scopes itself to the partner's own relationships (`scope`).
 */
export async function partnerCustomerPage(em: EntityManager, scope: PartnerScope, afterId: string | undefined, limit: number, fields?: readonly (keyof Customer & string)[]): Promise<Customer[]> {
  const meta = em.getMetadata().get(Customer);
  const columns = (fields ?? fieldsWithout(em, Customer, ['adminPasswordHash'])).map((field) => `r."${meta.properties[field].fieldNames[0]}"`);
  // An indirect reseller may be named on two partners' relationships with one customer.
  const distinct = scope.column === 'indirect_reseller_id' ? 'distinct ' : '';
  const sql =
    `select ${columns.join(', ')} from (select ${distinct}c."customer_id" from "customers"."customer_relationship" as c ` +
    `where c."${scope.column}" = ? and c."status" = 'ACTIVE' and c."customer_id" > ? order by c."customer_id" limit ?) as page ` +
    `cross join lateral (select * from "customers"."customer" as k where k."id" = page."customer_id" limit 1) as r order by page."customer_id"`;
  // No cursor: every id sorts after the empty string, so first pages share the statement text.
  const rows = await readAsText(em, { sql, params: [scope.tenantId, afterId ?? '', limit] });
  return toReadModels(em, Customer, rows);
}
