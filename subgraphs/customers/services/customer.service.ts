import type { FilterQuery } from '@mikro-orm/core';
import { recordEvent, requireIdentity } from '../../../shared/context';
import { badInput, ensure, notFound } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import { readPage } from '../../../shared/db/read-model';
import { newId } from '../../../shared/ids';
import { regionOf } from '../../../shared/regions';
import * as v from '../../../shared/validation';
import { Customer } from '../entities/customer.entity';
import { CustomerRelationship } from '../entities/relationship.entity';
import type { CustomersContext } from '../context';
import type { AgreementAcceptanceInput, CreateCustomerInput, CustomerFilter, UpdateCustomerInput } from '../types/customer.types';
import { hashPassword, temporaryPassword } from './password';
import { flushOrConflict } from './flush';
import { partnerService } from './partner.service';
import { resellerService } from './reseller.service';
import { partnerCustomerCount } from './customer-count';
import { partnerCustomerPage, partnerScopeOf } from './customer-pages';
import { countedPartnerOf, visibleCustomersWhere } from './visibility';
import { unscoped } from '../../../shared/db/tenant-filter';

export interface CreatedCustomer {
  customer: Customer;
  adminCredentials: { userName: string; temporaryPassword: string };
}

/** Customer tenants and the partner's view of them (SPEC §2). */
export class CustomerService {
  /** ACT-2: a customer the caller may see, or NOT_FOUND. */
  async get(ctx: CustomersContext, id: string): Promise<Customer> {
    const customer = await ctx.loaders.customer.load(id);
    if (!customer) throw notFound('Customer', id);
    return customer;
  }

  /**
   * Customers visible to the caller, by id, with search on name or domain (REL-4); read models of
   * `fields` (all when absent). Keyset pages on the id; a partner's unfiltered list reads its page
   * from its relationships (customer-pages.ts) and its total from the kept count
   * (customer-count.ts), never by counting its customers.
   */
  async list(ctx: CustomersContext, filter: CustomerFilter | undefined, page: Page, fields?: (keyof Customer & string)[]) {
    const identity = requireIdentity(ctx);
    // ACT-2: the read helpers add the tenant scope (shared/db/tenant-filter.ts).
    const conditions: FilterQuery<Customer>[] = [];
    const like = v.searchPattern(filter?.search);
    if (like) {
      conditions.push({ $or: [{ companyName: { $ilike: like } }, { domain: { $ilike: like } }] });
    }
    if (filter?.resellerId) {
      // RES-6: customers listed per reseller, within what the caller may see anyway.
      if (filter.resellerId.length > 100) throw badInput('resellerId must be at most 100 characters', ['filter', 'resellerId']);
      conditions.push({ relationships: { $some: { status: 'ACTIVE', indirectResellerId: filter.resellerId } } });
    }
    const scope = !like && !filter?.resellerId ? partnerScopeOf(identity) : undefined;
    if (scope) {
      // A partner's whole list: its page from its relationships, its total from the kept count.
      const rows = await partnerCustomerPage(ctx.em, scope, page.afterId, page.first + 1, fields);
      const partner = countedPartnerOf(identity);
      const count = () => (partner ? partnerCustomerCount(ctx.em, partner) : ctx.em.count(Customer, {}));
      // A number, not a promise, when the query shows it: compiled queries read it as a plain field.
      return toConnection(rows, page, page.counted ? await count() : count);
    }
    const { rows, totalCount } = await readPage(ctx.em, Customer, conditions.length ? { $and: conditions } : {}, {
      // The cursor bounds the relationships read too (the scope again, from the cursor on); totalCount counts without it.
      after: page.afterId ? { $and: [{ id: { $gt: page.afterId } }, visibleCustomersWhere(identity, page.afterId)] } : undefined,
      fields,
      orderBy: { id: 'asc' },
      limit: page.first + 1,
      counted: page.counted,
      // A search is planned for its pattern: selective ones go through the trigram indexes.
      planPerValue: Boolean(like),
    });
    return toConnection(rows, page, totalCount);
  }

  /**
   * Creates a customer tenant with the calling partner's relationship (REL-1), in the
   * partner's CSP region (REL-3), returning the admin credentials once (REL-5); audited (AUD-1).
   */
  async create(ctx: CustomersContext, input: CreateCustomerInput): Promise<CreatedCustomer> {
    const partner = await partnerService.current(ctx);
    const companyName = v.requiredText(input.companyName, 'companyName');
    const country = v.country(input.country, 'country');
    const domain = v.tenantDomain(input.domain, 'domain');
    const acceptance = input.agreementAcceptance ? this.validateAcceptance(input.agreementAcceptance) : undefined;
    ensure(
      regionOf(country) === partner.region,
      'REGION_MISMATCH',
      `Customer country ${country} is in ${regionOf(country)}, outside the partner's region ${partner.region}`,
      'REL-3',
      ['country'],
    );
    // A domain names one customer tenant (REL-4: one tenant, several partners): a partner that
    // wants to serve an existing customer asks it for a relationship instead (REL-2).
    ensure(
      // REL-2/REL-4: a domain is unique across every partner's customers, so this count is unscoped.
      !(await ctx.em.count(Customer, { domain }, unscoped())),
      'DOMAIN_IN_USE',
      `Domain ${domain} belongs to an existing customer; to serve that customer, send it a relationship request`,
      'REL-2',
      ['domain'],
    );
    // RES-3: a customer is added on a reseller's behalf only by its partnered provider.
    const reseller =
      input.indirectResellerId !== undefined && input.indirectResellerId !== null
        ? await resellerService.ensurePartneredReseller(ctx, partner, v.requiredText(input.indirectResellerId, 'indirectResellerId', 100), ['indirectResellerId'])
        : undefined;

    const now = await ctx.clock.now();
    const password = temporaryPassword();
    const userName = `admin@${domain}`;
    const customer = ctx.em.create(Customer, {
      id: newId('cus'),
      companyName,
      domain,
      country,
      segment: input.segment,
      adminUserName: userName,
      adminPasswordHash: await hashPassword(password),
      agreementSignerName: acceptance?.signerName,
      agreementSignerEmail: acceptance?.signerEmail,
      agreementAcceptedAt: acceptance?.acceptedAt,
      createdByPartnerId: partner.id,
      createdAt: now,
    });
    ctx.em.create(CustomerRelationship, {
      id: newId('rel'),
      partnerId: partner.id,
      customer,
      indirectResellerId: reseller?.id,
      createdAt: now,
    });
    // Two creations with one domain at once: the unique index decides; the retry is refused above.
    await flushOrConflict(ctx, 'The customer');
    recordEvent(ctx, { resourceType: 'Customer', resourceId: customer.id, data: { country, indirectResellerId: input.indirectResellerId ?? null } });
    return { customer, adminCredentials: { userName, temporaryPassword: password } };
  }

  /**
   * Updates the shared customer record (REL-4) — name, proof of agreement acceptance (REL-6) —
   * for a partner with an active relationship with it (REL-1); anyone else gets NOT_FOUND.
   * The audit row names the fields the caller set (AUD-1).
   */
  async update(ctx: CustomersContext, input: UpdateCustomerInput): Promise<{ customer: Customer }> {
    const partner = await partnerService.current(ctx);
    const customerId = v.requiredText(input.customerId, 'customerId', 100);
    const relationship = await ctx.em.findOne(CustomerRelationship, { partnerId: partner.id, customer: customerId, status: 'ACTIVE' }, { populate: ['customer'] });
    if (!relationship) throw notFound('Customer', customerId);
    const customer = relationship.customer;
    if (input.companyName !== undefined && input.companyName !== null) customer.companyName = v.requiredText(input.companyName, 'companyName');
    if (input.segment !== undefined && input.segment !== null) customer.segment = input.segment;
    if (input.agreementAcceptance) {
      const acceptance = this.validateAcceptance(input.agreementAcceptance);
      customer.agreementSignerName = acceptance.signerName;
      customer.agreementSignerEmail = acceptance.signerEmail;
      customer.agreementAcceptedAt = acceptance.acceptedAt;
    }
    await ctx.em.flush();
    const changed = Object.keys(input).filter((key) => key !== 'customerId' && (input as unknown as Record<string, unknown>)[key] != null);
    recordEvent(ctx, { resourceType: 'Customer', resourceId: customer.id, data: { changed } });
    return { customer };
  }

  /** REL-6: proof of acceptance of the customer agreement. */
  validateAcceptance(input: AgreementAcceptanceInput) {
    return {
      signerName: v.requiredText(input.signerName, 'signerName'),
      signerEmail: v.email(input.signerEmail, 'signerEmail'),
      acceptedAt: validDate(input.acceptedAt, 'acceptedAt'),
    };
  }
}

function validDate(value: Date, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(`${field} must be a date and time`, [field]);
  return value;
}

export const customerService = new CustomerService();
