import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../auth/roles';

/**
 * The tenant scope (ACT-1, ACT-2) as one MikroORM filter. Tenant-owned entities declare it
 * (`@Filter({ name: TENANT_FILTER, cond: (args: TenantFilterArgs) => …, default: true })`) and
 * every request's EntityManager gets its parameters when it is forked ({@link scopeToTenant}),
 * so each find, count, populate and loader of those entities is scoped without saying so;
 * forks and transactions inherit the parameters.
 *
 * Fail loud: the condition takes the parameters as its argument, so a tenant-owned entity read
 * through an EntityManager whose parameters were never set throws MikroORM's
 * "No arguments provided for filter 'tenant'" instead of returning every tenant's rows.
 *
 * The QueryBuilder applies filters only when asked: the shared read helpers (read models,
 * pages, pages per parent) add the scope with {@link withinTenant}, a builder of its own calls
 * `qb.applyFilters()`. Raw SQL (`em.execute`) is never filtered and scopes itself.
 */
export const TENANT_FILTER = 'tenant';

/**
 * The narrower scope of what a caller may CHANGE (e.g. a subscription only its holding partner
 * may change, while its reseller and customer may read it). Entities whose readers and writers
 * differ declare it next to {@link TENANT_FILTER} (`default: false`, same parameters); a write
 * asks for it with {@link ownedOnly} instead of composing the condition by hand.
 */
export const OWNED_FILTER = 'owned';

/** The filter's parameters: the verified caller (none: the condition matches nothing). */
export interface TenantFilterArgs {
  identity?: Identity;
}

/** Sets the tenant scope of a request's EntityManager to the caller's (an identity-less caller sees nothing). */
export function scopeToTenant<E extends EntityManager>(em: E, identity: Identity | undefined): E {
  em.setFilterParams(TENANT_FILTER, { identity } satisfies TenantFilterArgs);
  em.setFilterParams(OWNED_FILTER, { identity } satisfies TenantFilterArgs);
  return em;
}

/**
 * Find options of a read that must see across tenants (due work, consumers, rules that count
 * across partners); every call site names the rule that needs it.
 */
export function unscoped<O extends object>(options?: O): O & { filters: Record<string, boolean> } {
  return { ...(options ?? ({} as O)), filters: { [TENANT_FILTER]: false } };
}

/** Find options of a read for a change: within what the caller may change ({@link OWNED_FILTER}), on top of what it may see. */
export function ownedOnly<O extends object>(options?: O): O & { filters: Record<string, boolean> } {
  return { ...(options ?? ({} as O)), filters: { [OWNED_FILTER]: true } };
}

/**
 * `where` within the tenant filter of `entity` for this EntityManager's caller, for statements
 * the QueryBuilder builds (filters do not apply to them by themselves): the condition the
 * filter adds to a find, or `where` unchanged for an entity without one or a caller that sees
 * all. Throws like a find when the parameters were never set.
 */
export async function withinTenant<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>): Promise<FilterQuery<T>> {
  const scope = await em.applyFilters(entity, {}, undefined, 'read');
  return scope && Object.keys(scope).length ? ({ $and: [where, scope] } as FilterQuery<T>) : where;
}

/** `where` within what the caller may change ({@link OWNED_FILTER}) on top of what it may see, for statements the QueryBuilder builds (as {@link ownedOnly} for a find). */
export async function withinOwned<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>): Promise<FilterQuery<T>> {
  const scope = await em.applyFilters(entity, {}, { [OWNED_FILTER]: true }, 'read');
  return scope && Object.keys(scope).length ? ({ $and: [where, scope] } as FilterQuery<T>) : where;
}
