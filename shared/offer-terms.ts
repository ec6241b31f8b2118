import { topLevelError } from './errors';
import { BillingFrequency } from './graphql/enums';

/**
 * CAT-1 (with EA-5, TRI-3, SCH-1): the one validation of the term duration, billing frequency and
 * license count a new subscription gets, whichever way it is created — a cart line, an EA renewal
 * schedule (and its processing), a trial conversion, an upgrade or a scheduled change. Pure: the
 * callers pass the offer as the catalog describes it and report a refusal in their own way.
 */

/** What the catalog says an offer is sold with (CAT-1; SW-3: billing frequencies per term for some SKUs). */
export interface SoldTerms {
  provisioningId: string;
  termDurations: readonly string[];
  billingFrequencies: readonly string[];
  termBilling?: readonly { termDuration: string; billingFrequencies: readonly string[] }[] | null;
  minQuantity?: number | null;
}

/** What a caller asks for; an absent term or billing frequency takes the offer's default. */
export interface RequestedTerms {
  quantity: number;
  termDuration?: string | null;
  billingFrequency?: string | null;
}

export interface ChosenTerms {
  quantity: number;
  termDuration: string;
  billingFrequency: BillingFrequency;
}

export type TermsField = 'quantity' | 'termDuration' | 'billingFrequency';

export type TermsVerdict = ({ ok: true } & ChosenTerms) | { ok: false; field: TermsField; message: string; rule: 'CAT-1' };

const TERM_MONTHS: Record<string, number> = { P1M: 1, P1Y: 12, P3Y: 36 };
const PERIOD_MONTHS: Record<string, number> = { MONTHLY: 1, ANNUAL: 12, TRIENNIAL: 36 };

/** A billing period never exceeds the term: P1M is billed monthly; P1Y monthly or annually. */
export function billingFitsTerm(termDuration: string, billingFrequency: string): boolean {
  const term = TERM_MONTHS[termDuration];
  const period = PERIOD_MONTHS[billingFrequency];
  return term !== undefined && period !== undefined && period <= term;
}

type OfferPlans = Pick<SoldTerms, 'termDurations' | 'billingFrequencies' | 'termBilling'>;

/** The billing frequencies an offer allows with a term (SW-3: narrowed per term where the catalog says so). */
export function frequenciesFor(offer: OfferPlans, termDuration: string): readonly string[] {
  const perTerm = offer.termBilling?.find((t) => t.termDuration === termDuration)?.billingFrequencies;
  return perTerm ? perTerm.filter((frequency) => offer.billingFrequencies.includes(frequency)) : offer.billingFrequencies;
}

/** CAT-1: whether the offer is sold with this term and billing frequency. */
export function sellsTerms(offer: OfferPlans, termDuration: string, billingFrequency: string): boolean {
  return offer.termDurations.includes(termDuration) && frequenciesFor(offer, termDuration).includes(billingFrequency) && billingFitsTerm(termDuration, billingFrequency);
}

const refuse = (field: TermsField, message: string) => ({ ok: false as const, field, message, rule: 'CAT-1' as const });

export type PlanVerdict = { ok: true; termDuration: string; billingFrequency: BillingFrequency } | { ok: false; field: TermsField; message: string; rule: 'CAT-1' };

/**
 * CAT-1: the term and billing frequency of a new subscription of `offer`, defaults filled in (a
 * one-year term when the offer has one, monthly billing when allowed), or what is wrong with
 * them: a term the offer is not sold with, a billing frequency the offer does not allow with that
 * term, or one whose period is longer than the term (a one-month term billed annually).
 */
export function checkPlan(offer: SoldTerms, termDuration?: string | null, billingFrequency?: string | null): PlanVerdict {
  if (!offer.termDurations.length) return refuse('termDuration', `${offer.provisioningId} has no term`);
  const term = termDuration ?? (offer.termDurations.includes('P1Y') ? 'P1Y' : offer.termDurations[0]);
  if (!offer.termDurations.includes(term)) return refuse('termDuration', `${offer.provisioningId} allows the terms ${offer.termDurations.join(', ')}`);
  const frequencies = frequenciesFor(offer, term);
  const billing = billingFrequency ?? (frequencies.includes(BillingFrequency.MONTHLY) ? BillingFrequency.MONTHLY : frequencies[0]);
  if (!billing || !frequencies.includes(billing)) {
    return refuse('billingFrequency', `${offer.provisioningId} allows the billing frequencies ${frequencies.join(', ')}${offer.termBilling ? ` for a ${term} term` : ''}`);
  }
  if (!billingFitsTerm(term, billing)) return refuse('billingFrequency', `A ${term} term cannot be billed ${billing.toLowerCase()}`);
  return { ok: true, termDuration: term, billingFrequency: billing as BillingFrequency };
}

/**
 * CAT-1: the terms of a new subscription of `offer` — a license count that is a positive integer
 * and at least the offer's minimum, and the plan of {@link checkPlan} — or the first thing wrong.
 */
export function checkTerms(offer: SoldTerms, requested: RequestedTerms): TermsVerdict {
  const { quantity } = requested;
  if (!Number.isInteger(quantity) || quantity <= 0) return refuse('quantity', 'quantity must be a positive integer');
  const minimum = offer.minQuantity ?? 1;
  if (quantity < minimum) return refuse('quantity', `${offer.provisioningId} needs at least ${minimum} licenses`);
  const plan = checkPlan(offer, requested.termDuration, requested.billingFrequency);
  return plan.ok ? { ...plan, quantity } : plan;
}

/**
 * {@link checkTerms} for input a caller typed: a refusal is BAD_USER_INPUT on the field (under
 * `fieldPrefix`, e.g. a cart line's `lines.2`) with the rule CAT-1; nothing is changed.
 */
export function validTerms(offer: SoldTerms, requested: RequestedTerms, fieldPrefix: readonly string[] = []): ChosenTerms {
  const verdict = checkTerms(offer, requested);
  if (!verdict.ok) throw topLevelError('BAD_USER_INPUT', verdict.message, { field: [...fieldPrefix, verdict.field], rule: verdict.rule });
  return { quantity: verdict.quantity, termDuration: verdict.termDuration, billingFrequency: verdict.billingFrequency };
}
