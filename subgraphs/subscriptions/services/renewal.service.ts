import { recordAudit } from '../../../shared/audit';
import type { Identity } from '../../../shared/auth/roles';
import { readBusinessNow } from '../../../shared/clock';
import { placeholders, type EntityManager } from '../../../shared/db/orm';
import { BillingFrequency, SubscriptionStatus } from '../../../shared/graphql/enums';
import { Subscription } from '../entities/subscription.entity';
import { addBatch, addLedger, chargeFor } from './provisioning.service';
import type { TrialConverter } from './renewal-conversion';
import { addDays, GRACE_DAYS, renewalInstant, termEndFor } from './term';

export interface DueWorkCounts {
  renewed: number;
  /** TRI-2: trials converted to their paid equivalent. */
  converted: number;
  expired: number;
  /** SUB-6/SUB-7: subscriptions that ended for good (data deleted). */
  ended: number;
  /** Units that failed (rolled back; retried on the next run). */
  failed: number;
}

/** One due subscription could not be processed; its unit rolled back. */
export class DueUnitError extends Error {
  constructor(
    readonly subscriptionId: string,
    readonly cause: unknown,
  ) {
    super(`Due work for subscription ${subscriptionId} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

type Outcome = 'renewed' | 'converted' | 'expired' | 'ended';

export interface DueWorkOptions {
  /** TRI-2: without it, trials with autorenew are left for a process that has one. */
  convertTrial?: TrialConverter;
}

/**
 * The due-work scan (SUB-6, SUB-7, SUB-9), in UTC. A subscription is due when the business
 * clock has reached 00:00 UTC of the day after its (inclusive) end date, i.e. its end lies
 * before today's midnight, or when its 30-day grace has run out. An add-on waits until its
 * base has been processed so that it can align to the base's new term (SUB-9). Trials with
 * autorenew convert to paid (TRI-2) when a converter is at hand (it asks the catalog).
 */
const dueSql = (trials: boolean, excluded: number) => `
  select s.id from subscriptions.subscription s
   where ((s.status in ('ACTIVE', 'SUSPENDED') and s.term_end < ? ${trials ? '' : "and not (s.is_trial and s.auto_renew and s.status = 'ACTIVE')"})
          or (s.status = 'EXPIRED' and s.ended_at is null and s.grace_until <= ?))
     and not exists (select 1 from subscriptions.subscription b
                      where b.id = s.base_subscription_id and b.status in ('ACTIVE', 'SUSPENDED') and b.term_end < ?
                        and not (b.is_trial and b.auto_renew and b.status = 'ACTIVE'))
     ${excluded ? `and s.id not in (${placeholders(new Array(excluded).fill(null))})` : ''}
   order by s.term_end, s.id
   limit 1
   for update of s skip locked`;

const SYSTEM: Omit<Identity, 'tenantId'> = { userId: 'system:lifecycle', tenantKind: 'PARTNER', roles: [] };

function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * Processes one due subscription in its own transaction and returns what happened, or null
 * when nothing is due. The row is taken `for update skip locked`, so any number of workers
 * (processes, pg-boss instances) can run this at once and each due subscription is handled by
 * exactly one of them; once committed its new term end is no longer due.
 */
export async function processNextDue(root: EntityManager, options: DueWorkOptions = {}, excluded: readonly string[] = []): Promise<Outcome | null> {
  return root.fork().transactional(async (tx) => {
    const em = tx as EntityManager;
    const now = await readBusinessNow(em);
    const today = startOfDay(now).toISOString();
    const rows = await em.execute<{ id: string }[]>(dueSql(Boolean(options.convertTrial), excluded.length), [today, now.toISOString(), today, ...excluded]);
    if (!rows.length) return null;
    const subscription = await em.findOneOrFail(Subscription, { id: rows[0].id });
    let outcome: Outcome;
    try {
      outcome = await settle(em, subscription, now, options);
    } catch (error) {
      throw new DueUnitError(subscription.id, error);
    }
    await recordAudit(em, { ...SYSTEM, tenantId: subscription.partnerId }, now, {
      operation: { renewed: 'renewSubscription', converted: 'convertTrial', expired: 'expireSubscription', ended: 'endSubscription' }[outcome],
      resourceType: 'Subscription',
      resourceId: subscription.id,
      details: { status: subscription.status, termStart: subscription.termStart.toISOString(), termEnd: subscription.termEnd.toISOString() },
    });
    return outcome;
  });
}

async function settle(em: EntityManager, subscription: Subscription, now: Date, options: DueWorkOptions): Promise<Outcome> {
  if (subscription.status === SubscriptionStatus.EXPIRED) {
    // SUB-7: the grace period is over: the subscription ends and its data is deleted.
    subscription.endedAt = subscription.graceUntil ?? now;
    return 'ended';
  }
  const termOver = renewalInstant(subscription.termEnd);
  if (subscription.status === SubscriptionStatus.SUSPENDED) {
    // SUB-6: not reactivated by the term end: data is deleted and the subscription ends.
    // It is reported as EXPIRED (not CANCELLED: nothing is refunded) with no grace period.
    subscription.status = SubscriptionStatus.EXPIRED;
    subscription.expiredAt = termOver;
    subscription.endedAt = termOver;
    return 'expired';
  }
  if (subscription.isTrial && subscription.autoRenew && options.convertTrial) {
    const paid = await options.convertTrial(subscription);
    if (paid) return convert(em, subscription, paid, termOver);
  }
  const base = subscription.baseSubscriptionId ? await em.findOne(Subscription, { id: subscription.baseSubscriptionId }) : null;
  const baseLive = !subscription.baseSubscriptionId || base?.status === SubscriptionStatus.ACTIVE;
  if (!subscription.autoRenew || !baseLive || subscription.isTrial) {
    // SUB-7: EXPIRED at the end date, recoverable for 30 days. SUB-9: an add-on without an
    // active base cannot renew.
    subscription.status = SubscriptionStatus.EXPIRED;
    subscription.autoRenew = false;
    subscription.expiredAt = termOver;
    subscription.graceUntil = addDays(termOver, GRACE_DAYS);
    return 'expired';
  }
  // SUB-7: a new term from the day after the end date, with a new 168-hour window (SUB-2)
  // and a new charge (SUB-3). SUB-9: add-ons stay aligned to their base's term.
  const start = termOver;
  let end = termEndFor(start, subscription.termDuration);
  if (base && base.termEnd.getTime() >= start.getTime() && base.termEnd.getTime() < end.getTime()) end = base.termEnd;
  subscription.termStart = start;
  subscription.termEnd = end;
  addBatch({ em }, subscription, subscription.quantity, 'RENEWAL', start);
  const charge = chargeFor(subscription, subscription.quantity, start);
  if (charge) addLedger({ em }, subscription, 'CHARGE', charge, subscription.quantity, 'Renewal term charge', start);
  return 'renewed';
}

/**
 * TRI-2: at the end of the trial month the subscription becomes its paid equivalent in place:
 * default annual term, monthly billing, same 25 licenses, a new 168-hour window and the first
 * paid charge. Promotions never apply to a conversion (TRI-3).
 */
function convert(em: EntityManager, subscription: Subscription, paid: { offerId: string; unitPrice: string; currency: string }, start: Date): Outcome {
  subscription.offerId = paid.offerId;
  subscription.isTrial = false;
  subscription.termDuration = 'P1Y';
  subscription.billingFrequency = BillingFrequency.MONTHLY;
  subscription.unitPrice = paid.unitPrice;
  subscription.currency = paid.currency;
  subscription.promotionId = undefined;
  subscription.termStart = start;
  subscription.termEnd = termEndFor(start, 'P1Y');
  addBatch({ em }, subscription, subscription.quantity, 'CONVERSION', start);
  const charge = chargeFor(subscription, subscription.quantity, start);
  if (charge) addLedger({ em }, subscription, 'CHARGE', charge, subscription.quantity, 'Trial converted to paid', start);
  return 'converted';
}

/**
 * Runs every due unit until none is left (bounded, so a bug cannot loop forever). A unit that
 * fails rolls back alone and is skipped for the rest of this run, so one bad subscription
 * (say, a catalog that does not answer) does not hold up the others; the next run retries it.
 */
export async function runDueWork(root: EntityManager, options: DueWorkOptions = {}, maxUnits = 10_000): Promise<DueWorkCounts> {
  const counts: DueWorkCounts = { renewed: 0, converted: 0, expired: 0, ended: 0, failed: 0 };
  const failed: string[] = [];
  for (let i = 0; i < maxUnits; i++) {
    let outcome: Outcome | null;
    try {
      outcome = await processNextDue(root, options, failed);
    } catch (error) {
      if (!(error instanceof DueUnitError)) throw error;
      if (process.env.LOG_ERRORS !== '0') console.error('[due-work]', error.message);
      failed.push(error.subscriptionId);
      counts.failed += 1;
      continue;
    }
    if (!outcome) break;
    counts[outcome] += 1;
  }
  return counts;
}
