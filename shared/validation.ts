import { badInput } from './errors';
import { regionOf } from './regions';

/** Input checks shared by every subgraph: failures are BAD_USER_INPUT naming the field. */
export function requiredText(value: string | undefined | null, field: string, max = 200): string {
  const text = (value ?? '').trim();
  if (!text) throw badInput(`${field} must not be empty`, [field]);
  if (text.length > max) throw badInput(`${field} must be at most ${max} characters`, [field]);
  return text;
}

export function optionalText(value: string | undefined | null, field: string, max = 200): string | undefined {
  return value === undefined || value === null ? undefined : requiredText(value, field, max);
}

const EMAIL = /^[^\s@]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export function email(value: string | undefined | null, field: string): string {
  const text = requiredText(value, field, 254);
  if (!EMAIL.test(text)) throw badInput(`${field} is not a valid email address`, [field]);
  return text.toLowerCase();
}

const DOMAIN = /^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
export function domain(value: string | undefined | null, field: string): string {
  const text = requiredText(value, field, 253).toLowerCase();
  if (!DOMAIN.test(text)) throw badInput(`${field} is not a valid domain name`, [field]);
  return text;
}

const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,25}[a-z0-9])?$/;
/** The domain every customer tenant gets from a prefix (Partner Center: `<prefix>.onmicrosoft.com`). */
export const TENANT_DOMAIN_SUFFIX = '.onmicrosoft.com';

/**
 * A customer tenant's domain as a partner gives it: a prefix (one label, e.g. `contoso`, at most
 * 27 characters) becomes `contoso.onmicrosoft.com`; a full domain name (e.g. `contoso.com`) is
 * taken as it is. Lower case.
 */
export function tenantDomain(value: string | undefined | null, field: string): string {
  const text = requiredText(value, field, 253).toLowerCase();
  if (DOMAIN_PREFIX.test(text)) return `${text}${TENANT_DOMAIN_SUFFIX}`;
  if (!text.includes('.')) throw badInput(`${field} must be a domain prefix of letters, digits and hyphens (at most 27 characters) or a domain name`, [field]);
  return domain(text, field);
}

/** ISO 3166-1 alpha-2 code known to the region table (REL-3). */
export function country(value: string | undefined | null, field: string): string {
  const code = (value ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || !regionOf(code)) throw badInput(`${field} must be an ISO 3166-1 alpha-2 country code`, [field]);
  return code;
}

export function positiveInt(value: number, field: string, max = 1_000_000): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw badInput(`${field} must be an integer between 1 and ${max}`, [field]);
  return value;
}

/** PartnerID (MPN id): digits only, 6 to 10 of them. */
export function partnerIdFormat(value: string | undefined | null, field: string): string {
  const text = (value ?? '').trim();
  if (!/^\d{6,10}$/.test(text)) throw badInput(`${field} must be a PartnerID of 6 to 10 digits`, [field]);
  return text;
}

/**
 * A text filter (`filter.search`) as a case-insensitive LIKE pattern with the wildcards of the
 * user's text escaped; BAD_USER_INPUT when overlong. Undefined for an empty search.
 */
export function searchPattern(value: string | undefined | null, field: string[] = ['filter', 'search'], max = 200): string | undefined {
  const search = value?.trim();
  if (!search) return undefined;
  if (search.length > max) throw badInput(`search must be at most ${max} characters`, field);
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
