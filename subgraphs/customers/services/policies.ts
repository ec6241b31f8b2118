import type { Partner } from '../entities/partner.entity';

export const AUDIT_DEFAULT_DAYS = 30;
export const AUDIT_MAX_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export type AuditWindow = { from: Date; to: Date } | { error: string; field: string };

/** AUD-1: the date range of an audit listing: default the last 30 days, at most 90 days back. */
export function auditWindow(now: Date, from?: Date | null, to?: Date | null): AuditWindow {
  const end = to ?? now;
  const start = from ?? new Date(now.getTime() - AUDIT_DEFAULT_DAYS * DAY_MS);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return { error: 'Invalid date', field: 'from' };
  if (start.getTime() < now.getTime() - AUDIT_MAX_DAYS * DAY_MS) return { error: `from may be at most ${AUDIT_MAX_DAYS} days before now`, field: 'from' };
  if (start.getTime() > end.getTime()) return { error: 'from must not be after to', field: 'from' };
  return { from: start, to: end };
}

export type ResellerVerdict = { valid: true } | { valid: false; reason: 'NOT_ONBOARDED' | 'NOT_A_RESELLER' | 'MPA_NOT_SIGNED' };

/** RES-2: only an onboarded indirect reseller with a signed MPA can be partnered or named. */
export function resellerVerdict(partner: Pick<Partner, 'type' | 'mpaSigned'> | null | undefined): ResellerVerdict {
  if (!partner) return { valid: false, reason: 'NOT_ONBOARDED' };
  if (partner.type !== 'INDIRECT_RESELLER') return { valid: false, reason: 'NOT_A_RESELLER' };
  if (!partner.mpaSigned) return { valid: false, reason: 'MPA_NOT_SIGNED' };
  return { valid: true };
}

export type RequestDecision = 'ACCEPT' | 'ALREADY_ACCEPTED' | 'INVALID';

/**
 * REL-2: what accepting a relationship request does. A pending request is accepted; the same
 * customer accepting again changes nothing; a revoked request, or one another customer
 * already accepted, is refused.
 */
export function relationshipRequestDecision(request: { status: string; customerId?: string | null } | null, customerId: string): RequestDecision {
  if (!request) return 'INVALID';
  if (request.status === 'PENDING') return 'ACCEPT';
  if (request.status === 'ACCEPTED' && request.customerId === customerId) return 'ALREADY_ACCEPTED';
  return 'INVALID';
}
