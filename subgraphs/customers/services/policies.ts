import type { Partner } from '../entities/partner.entity';

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
