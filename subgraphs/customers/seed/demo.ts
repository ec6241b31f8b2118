import type { EntityManager } from '../../../shared/db/orm';
import { hashPassword, temporaryPassword } from '../services/password';

/** Demo tenants (README): ids are stable so tokens can be made for them. */
export const DEMO_PARTNERS = [
  { id: 'ptn-contoso-direct', name: 'Contoso Cloud', type: 'DIRECT_BILL', partnerId: '1000001', region: 'EUROPE' },
  { id: 'ptn-fabrikam-provider', name: 'Fabrikam Distribution', type: 'INDIRECT_PROVIDER', partnerId: '1000002', region: 'EUROPE' },
  { id: 'ptn-northwind-reseller', name: 'Northwind IT Services', type: 'INDIRECT_RESELLER', partnerId: '1000003', region: 'EUROPE' },
  { id: 'ptn-tailspin-direct', name: 'Tailspin Cloud', type: 'DIRECT_BILL', partnerId: '1000004', region: 'NORTH_AMERICA' },
] as const;

export const DEMO_CUSTOMERS = [
  { id: 'cus-alpine-ski', companyName: 'Alpine Ski GmbH', domain: 'alpine-ski.example', country: 'DE', partner: 'ptn-contoso-direct', reseller: null },
  { id: 'cus-bavaria-bikes', companyName: 'Bavaria Bikes AG', domain: 'bavaria-bikes.example', country: 'DE', partner: 'ptn-fabrikam-provider', reseller: 'ptn-northwind-reseller' },
  { id: 'cus-hudson-bakery', companyName: 'Hudson Bakery Inc.', domain: 'hudson-bakery.example', country: 'US', partner: 'ptn-tailspin-direct', reseller: null },
  { id: 'cus-lakeside-hotel', companyName: 'Lakeside Hotel GmbH', domain: 'lakeside-hotel.example', country: 'AT', partner: 'ptn-contoso-direct', reseller: null },
  { id: 'cus-fjord-design', companyName: 'Fjord Design AB', domain: 'fjord-design.example', country: 'SE', partner: 'ptn-contoso-direct', reseller: null },
  { id: 'cus-maple-clinic', companyName: 'Maple Clinic Ltd.', domain: 'maple-clinic.example', country: 'CA', partner: 'ptn-tailspin-direct', reseller: null },
] as const;

/** RES-1: the demo indirect provider works with the demo reseller. */
export const DEMO_PARTNERSHIPS = [{ id: 'rsp-fabrikam-northwind', provider: 'ptn-fabrikam-provider', reseller: 'ptn-northwind-reseller' }] as const;

/** Loads the demo tenants idempotently (nothing is changed when they exist). */
export async function seedCustomersDemo(em: EntityManager, now: Date): Promise<void> {
  for (const p of DEMO_PARTNERS) {
    await em.execute(
      `insert into customers.partner (id, name, type, partner_id, region, mpa_signed, created_at) values (?, ?, ?, ?, ?, true, ?) on conflict do nothing`,
      [p.id, p.name, p.type, p.partnerId, p.region, now.toISOString()],
    );
  }
  for (const c of DEMO_CUSTOMERS) {
    const inserted = await em.execute(
      `insert into customers.customer (id, company_name, domain, country, segment, admin_user_name, admin_password_hash,
         agreement_signer_name, agreement_signer_email, agreement_accepted_at, created_by_partner_id, created_at)
       values (?, ?, ?, ?, 'COMMERCIAL', ?, ?, 'Demo Signer', ?, ?, ?, ?) on conflict do nothing`,
      [c.id, c.companyName, c.domain, c.country, `admin@${c.domain}`, await hashPassword(temporaryPassword()), `signer@${c.domain}`, now.toISOString(), c.partner, now.toISOString()],
      'run',
    );
    if ((inserted as { affectedRows?: number }).affectedRows === 0) continue;
    await em.execute(
      `insert into customers.customer_relationship (id, partner_id, customer_id, indirect_reseller_id, status, created_at) values (?, ?, ?, ?, 'ACTIVE', ?)`,
      [`rel-${c.id}`, c.partner, c.id, c.reseller, now.toISOString()],
    );
  }
  // The unique index on active partnerships makes this a no-op when one already exists.
  for (const p of DEMO_PARTNERSHIPS) {
    await em.execute(
      `insert into customers.reseller_partnership (id, provider_id, reseller_id, status, created_at) values (?, ?, ?, 'ACTIVE', ?) on conflict do nothing`,
      [p.id, p.provider, p.reseller, now.toISOString()],
    );
  }
}
