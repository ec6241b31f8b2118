import { recordEvent } from '../../../shared/context';
import type { DueCounts, SubgraphRuntime } from '../../../shared/jobs/due-queue';
import { SYSTEM_IDENTITY } from '../../../shared/jobs/system';
import { logError } from '../../../shared/log';
import { checkTerms } from '../../../shared/offer-terms';
import { runUnit } from '../../../shared/unit-of-work';
import { EaRenewalSchedule } from '../entities/ea-renewal-schedule.entity';
import { EaSubscription } from '../entities/enterprise-agreement.entity';
import type { TransfersLoaders } from '../context';
import { EaRenewalStatus } from '../types/ea.types';
import { readAccess } from './access';
import { offerById, type OfferFacts } from './catalog-facts';
import { monthlyTermPrice, quotePrices, type MonthlyTermPrice } from '../../../shared/pricing/price-quotes';
import { alignedTermStart, eaServiceEnd, processAt } from './ea-renewal.policy';

/** Open schedules of agreements not renewed in the EA channel; whether one is due is EA-7's (ea-renewal.policy.ts). */
const OPEN_FROM = `from transfers.ea_renewal_schedule s
  join transfers.ea_subscription es on es.id = s.ea_subscription_id
  join transfers.enterprise_agreement a on a.id = es.agreement_id
 where s.status = 'SCHEDULED' and not a.renewed`;

interface Candidate {
  id: string;
  partner_id: string;
  partner_type: string;
  customer_id: string;
  offer_id: string | null;
  quantity: number;
  term_duration: string;
  billing_frequency: string;
  agreement_end: string;
  subscription_end: string;
  submitted_at: Date | string;
}

/** EA-7, decided once: the schedule's processing time has come. */
function isDue(schedule: { submittedAt: Date }, eaSubscription: { endDate: string; agreement: { endDate: string } }, now: Date): boolean {
  return processAt(eaServiceEnd(eaSubscription), schedule.submittedAt).getTime() <= now.getTime();
}

const BATCH = 50;

/**
 * EA-7/EA-8: hands every due schedule to the subscriptions subgraph. Per schedule, facts are
 * read first as the scheduling partner (relationship, region, the SKU and its price in the
 * customer's market), with nothing open; then one unit takes the schedule `for update skip
 * locked`, re-checks it is still due and SCHEDULED, and either marks it FAILED with the reason
 * (nothing is created) or PROCESSING with the command EA_RENEWAL_REQUESTED carrying everything
 * the subscriptions subgraph needs. Any number of workers may run this: each schedule is
 * claimed once; the subscriptions subgraph provisions idempotently by schedule id.
 */
export async function runEaRenewals(runtime: SubgraphRuntime<TransfersLoaders>): Promise<DueCounts> {
  const counts: DueCounts = { failed: 0 };
  let after = '';
  for (;;) {
    const ctx = runtime.contextFor(SYSTEM_IDENTITY);
    const now = await ctx.clock.now();
    const page = await ctx.em.execute<Candidate[]>(
      `select s.id, s.partner_id, s.partner_type, s.customer_id, es.offer_id, s.quantity, s.term_duration, s.billing_frequency,
              a.end_date::text as agreement_end, es.end_date::text as subscription_end, s.submitted_at
         ${OPEN_FROM} and s.id > ?
       order by s.id limit ?`,
      [after, BATCH],
    );
    if (!page.length) return counts;
    after = page[page.length - 1].id;
    const due = page.filter((c) => isDue({ submittedAt: new Date(c.submitted_at) }, { endDate: c.subscription_end, agreement: { endDate: c.agreement_end } }, now));
    for (const candidate of due) {
      try {
        await processOne(runtime, candidate);
      } catch (error) {
        counts.failed = (counts.failed ?? 0) + 1;
        logError(`[ea-renewals] schedule ${candidate.id} failed; retried on the next run`, error);
      }
    }
  }
}

async function processOne(runtime: SubgraphRuntime<TransfersLoaders>, candidate: Candidate): Promise<'requested' | 'failed' | 'skipped'> {
  const refusal = await readRefusal(runtime, candidate);
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = 'processEaRenewal';
  return runUnit(ctx, async (tx) => {
    const now = await tx.clock.now();
    const claimed = await tx.em.execute<{ id: string }[]>(`select s.id ${OPEN_FROM} and s.id = ? for update of s skip locked`, [candidate.id]);
    if (!claimed.length) return 'skipped';
    const schedule = await tx.em.findOneOrFail(EaRenewalSchedule, { id: candidate.id }, { refresh: true });
    const eaSubscription = await tx.em.findOneOrFail(EaSubscription, { id: schedule.eaSubscriptionId }, { populate: ['agreement'], refresh: true });
    // Re-checked on the locked row: a re-import may have moved the end dates since the scan.
    if (!isDue(schedule, eaSubscription, now)) return 'skipped';
    if (refusal.reason) {
      schedule.status = EaRenewalStatus.FAILED;
      schedule.statusReason = refusal.reason;
      recordEvent(tx, { tenantId: schedule.partnerId, resourceType: 'EaRenewalSchedule', resourceId: schedule.id, data: { status: schedule.status, reason: refusal.reason } });
      return 'failed';
    }
    schedule.status = EaRenewalStatus.PROCESSING;
    const agreement = eaSubscription.agreement;
    recordEvent(tx, {
      type: 'EA_RENEWAL_REQUESTED',
      tenantId: schedule.partnerId,
      resourceType: 'EaRenewalSchedule',
      resourceId: schedule.id,
      data: {
        v: 1,
        scheduleId: schedule.id,
        partnerId: schedule.partnerId,
        customerId: schedule.customerId,
        userId: schedule.submittedBy,
        eaSubscriptionId: eaSubscription.id,
        agreementNumber: agreement.number,
        eaEndDate: agreement.endDate,
        provisioningId: eaSubscription.provisioningId,
        offerId: refusal.offer!.id,
        // BIL-5, BIL-7: the quote for an EA renewal (with its promotion); the catalog's base price where there is none.
        unitPrice: refusal.price?.unitPrice ?? refusal.offer!.price!.amount,
        currency: refusal.price?.currency ?? refusal.offer!.price!.currency,
        listUnitPrice: refusal.price?.listUnitPrice ?? null,
        promotionId: refusal.price?.promotionId ?? null,
        quantity: schedule.quantity,
        termDuration: schedule.termDuration,
        billingFrequency: schedule.billingFrequency,
        coterminousWithSubscriptionId: schedule.coterminousWithSubscriptionId ?? null,
        // EA-8: aligned with the end of the EA service (EA-7: the subscription's own when later); an expired agreement's term starts when the subscription is created.
        termStart: alignedTermStart(eaServiceEnd(eaSubscription), schedule.submittedAt)?.toISOString() ?? null,
      },
    });
    return 'requested';
  });
}

/**
 * EA-8: what stops a renewal, read as the scheduling partner before the unit: the relationship
 * removed or the region changed meanwhile (EA-1), the SKU gone from CSP or without a price in
 * the customer's market.
 */
async function readRefusal(runtime: SubgraphRuntime<TransfersLoaders>, candidate: Candidate): Promise<{ reason: string | null; offer?: OfferFacts; price?: MonthlyTermPrice | null }> {
  const asPartner = runtime.contextFor({
    userId: SYSTEM_IDENTITY.userId,
    tenantId: candidate.partner_id,
    tenantKind: 'PARTNER',
    partnerType: candidate.partner_type as 'DIRECT_BILL' | 'INDIRECT_PROVIDER',
    roles: ['ADMIN_AGENT'],
  });
  const { partner, customers } = await readAccess(asPartner, [candidate.customer_id]);
  const access = customers[0];
  if (!partner) return { reason: 'The scheduling partner is no longer onboarded' };
  if (!access.relationship) return { reason: 'The relationship with the customer was removed before processing (EA-1, REL-1)' };
  if (!access.sameRegion) return { reason: "The customer's country is no longer in your CSP region (EA-1, REL-3)" };
  const offer = candidate.offer_id ? await offerById(asPartner.graph, candidate.offer_id, access.country!) : null;
  if (!offer) return { reason: 'The SKU is no longer offered in CSP (EA-3)' };
  if (!offer.price) return { reason: `The SKU has no CSP price in the customer's market ${access.country}` };
  // CAT-1/EA-5: the one validation every new subscription passes, again at processing (the catalog may have changed).
  const terms = checkTerms(offer, { quantity: candidate.quantity, termDuration: candidate.term_duration, billingFrequency: candidate.billing_frequency });
  if (!terms.ok) return { reason: `${terms.message} (${terms.rule}, EA-5)` };
  // BIL-5: an EA renewal is priced as one, with the promotion that applies to EA renewals.
  const [quote] = await quotePrices(asPartner.graph, [
    {
      offerId: offer.id,
      market: access.country!,
      segment: access.segment ?? 'COMMERCIAL',
      termDuration: candidate.term_duration,
      billingFrequency: candidate.billing_frequency,
      at: await asPartner.clock.now(),
      quantity: candidate.quantity,
      target: 'EA_RENEWAL',
    },
  ]);
  return { reason: null, offer, price: quote ? monthlyTermPrice(quote) : null };
}
