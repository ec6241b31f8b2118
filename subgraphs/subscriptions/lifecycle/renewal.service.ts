import { placeholders } from '../../../shared/db/orm';
import type { SubgraphRuntime } from '../../../shared/jobs/due-queue';
import { SYSTEM_IDENTITY } from '../../../shared/jobs/system';
import { DueFailures } from '../../../shared/jobs/due-failures';
import { logError } from '../../../shared/log';
import { runUnit } from '../../../shared/unit-of-work';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { Subscription } from '../entities/subscription.entity';
import type { SubscriptionsContext, SubscriptionsLoaders } from '../context';
import type { PaidEquivalent, TrialConverter } from './renewal-conversion';
import { dueScheduledChange, scheduledOfferPrice, type OfferPricer } from './scheduled-change-facts';
import { dueAction, transition, type ActionKind, type PricedOffer } from '../transitions/subscription-transitions';
import { applyOutcome, stateOf } from '../transitions/transition-effects';
import type { TermPrice } from '../transitions/model';
import type { RenewalPricer } from './renewal-pricing';

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
  /** SCH-1: prices the SKU of a scheduled upgrade; without it such a renewal fails and is retried. */
  priceOffer?: OfferPricer;
  /** BIL-5, BIL-7: prices a renewed term (with the promotion for renewals); without it a renewal keeps the list price. */
  priceRenewal?: RenewalPricer;
  /** Called once when this run finds due work: another worker may join it (shared/jobs/due-queue.ts). */
  more?: () => void;
}

/**
 * The due-work scan (SUB-6, SUB-7, SUB-9), in UTC. A subscription is due when the business
 * clock has reached 00:00 UTC of the day after its (inclusive) end date, i.e. its end lies
 * before today's midnight, or when its 30-day grace has run out. An add-on waits until its
 * base has been processed so that it can align to the base's new term (SUB-9). Trials with
 * autorenew convert to paid (TRI-2) when a converter is at hand (it asks the catalog).
 */
const TERM_DUE = (trials: boolean) => `s.status in ('ACTIVE', 'SUSPENDED') and s.term_end < ? ${trials ? '' : "and not (s.is_trial and s.auto_renew and s.status = 'ACTIVE')"}`;
const GRACE_DUE = `s.status = 'EXPIRED' and s.ended_at is null and s.grace_until <= ?`;
/**
 * SUB-9: the add-on's base is not itself due. A scalar subquery by primary key, evaluated only for
 * the rows the scan reaches: written as NOT EXISTS, PostgreSQL turned it into an anti-join (or a
 * hashed subplan) over every due subscription, and with a month-end of them due every claim
 * read them all and sorted them (14 ms per claim with 3,000 due, growing with their number).
 */
const BASE_SETTLED = `not coalesce((select b.status in ('ACTIVE', 'SUSPENDED') and b.term_end < ? and not (b.is_trial and b.auto_renew and b.status = 'ACTIVE')
                   from subscriptions.subscription b where b.id = s.base_subscription_id), false)`;
/** Parameters: today, now, today. */
const DUE_CONDITION = (trials: boolean) => `((${TERM_DUE(trials)}) or (${GRACE_DUE})) and ${BASE_SETTLED}`;

/** Failed or parked subscriptions this run leaves alone. */
const notIn = (excluded: number) => (excluded ? `and s.id not in (${placeholders(new Array(excluded).fill(null))})` : '');

/**
 * Inside the unit: the next due subscription that no other worker holds, locked. SKIP LOCKED
 * lets any number of workers (processes) claim at once, each a different row, none waiting on
 * another. Term ends first, in term-end order (the `subscription_due` index, no sort however
 * many fell due at the same instant), then grace ends. Whether it needs facts of other
 * subgraphs (TRI-2 conversion, SCH-1 a scheduled SKU to price) comes with it.
 */
const claimNextSql = (trials: boolean, excluded: number, grace: boolean) => `
  select s.id, s.is_trial, s.auto_renew, s.status,
         exists (select 1 from subscriptions.scheduled_change c where c.subscription_id = s.id and c.offer_id is not null) as priced_change
    from subscriptions.subscription s
   where ${grace ? GRACE_DUE : TERM_DUE(trials)} and ${BASE_SETTLED}
     ${notIn(excluded)}
   order by ${grace ? 's.grace_until' : 's.term_end'}
   limit 1
   for update of s skip locked`;

/** Inside the unit: the same subscription, still due, locked; nothing when another worker has it. */
const claimSql = (trials: boolean) => `
  select s.id from subscriptions.subscription s where s.id = ? and ${DUE_CONDITION(trials)} for update of s skip locked`;

function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

interface Candidate {
  id: string;
  is_trial: boolean;
  auto_renew: boolean;
  status: string;
  priced_change: boolean;
}

type Processed = { outcome: Outcome | 'skipped'; subscriptionId: string };

/**
 * Processes the next due subscription and returns what happened ('skipped' when another worker
 * took it first), or null when nothing is due. One unit of work claims the next due row
 * `for update skip locked` and settles it with its event. A subscription that needs facts owned
 * by other subgraphs (TRI-2: the paid equivalent and its price; SCH-1: the price of a scheduled
 * SKU) is let go instead: its facts are read with no transaction open, then a second unit takes
 * that row again `for update skip locked`, re-checks that it is still due and settles it. Any
 * number of workers can run this at once: each due subscription is settled by exactly one of
 * them, and once committed its new term end is no longer due.
 */
export async function processNextDue(
  runtime: SubgraphRuntime<SubscriptionsLoaders>,
  options: DueWorkOptions = {},
  excluded: readonly string[] = [],
): Promise<Processed | null> {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = 'dueWork';
  const now = await ctx.clock.now();
  const today = startOfDay(now).toISOString();
  const trials = Boolean(options.convertTrial);
  let claimed: Candidate | undefined;
  let needsFacts = false;
  try {
    const outcome = await runUnit(ctx, async (tx): Promise<Outcome | 'skipped' | null> => {
      for (const grace of [false, true]) {
        [claimed] = await tx.em.execute<Candidate[]>(claimNextSql(trials, excluded.length, grace), [grace ? now.toISOString() : today, today, ...excluded]);
        if (claimed) break;
      }
      if (!claimed) return null;
      if (isConverting(claimed, trials) || (claimed.status === SubscriptionStatus.ACTIVE && claimed.priced_change) || repriced(claimed, options)) {
        needsFacts = true;
        return 'skipped';
      }
      const subscription = await tx.em.findOneOrFail(Subscription, { id: claimed.id }, { refresh: true });
      return settle(tx, subscription, now, null, null, null);
    }, { silent: true });
    if (!outcome || !claimed) return null;
    if (!needsFacts) return { outcome, subscriptionId: claimed.id };
  } catch (error) {
    if (!claimed) throw error;
    throw new DueUnitError(claimed.id, error);
  }
  return processWithFacts(runtime, options, claimed, now);
}

/** BIL-5, BIL-7: a renewal asks the catalog for its next term's price (with the promotion for renewals) before its unit. */
function repriced(candidate: Candidate, options: DueWorkOptions): boolean {
  return Boolean(options.priceRenewal) && candidate.status === SubscriptionStatus.ACTIVE && !candidate.is_trial && candidate.auto_renew;
}

function isConverting(candidate: Candidate, trials: boolean): boolean {
  return trials && candidate.is_trial && candidate.auto_renew && candidate.status === SubscriptionStatus.ACTIVE;
}

/** A due subscription whose settlement needs facts of other subgraphs: facts first, then its unit. */
async function processWithFacts(runtime: SubgraphRuntime<SubscriptionsLoaders>, options: DueWorkOptions, candidate: Candidate, now: Date): Promise<Processed> {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = 'dueWork';
  const today = startOfDay(now).toISOString();
  const trials = Boolean(options.convertTrial);
  const converting = isConverting(candidate, trials);
  try {
    let paid: PaidEquivalent | null = null;
    let scheduledOffer: PricedOffer | null = null;
    if (converting) {
      const subscription = await ctx.em.findOneOrFail(Subscription, { id: candidate.id });
      paid = await options.convertTrial!(subscription);
    }
    if (candidate.status === SubscriptionStatus.ACTIVE) scheduledOffer = await scheduledOfferPrice(ctx.em, candidate.id, options.priceOffer);
    const renewalPrice = repriced(candidate, options) ? await options.priceRenewal!(await ctx.em.fork().findOneOrFail(Subscription, { id: candidate.id })) : null;
    const outcome = await runUnit(ctx, async (tx): Promise<Outcome | 'skipped'> => {
      const claimed = await tx.em.execute<{ id: string }[]>(claimSql(trials), [candidate.id, today, now.toISOString(), today]);
      if (!claimed.length) return 'skipped';
      const subscription = await tx.em.findOneOrFail(Subscription, { id: candidate.id }, { refresh: true });
      // It became a converting trial since it was read: its facts are read on the next run.
      if (!converting && trials && subscription.isTrial && subscription.autoRenew && subscription.status === SubscriptionStatus.ACTIVE) return 'skipped';
      return settle(tx, subscription, now, paid, scheduledOffer, renewalPrice);
    }, { silent: true });
    return { outcome, subscriptionId: candidate.id };
  } catch (error) {
    throw new DueUnitError(candidate.id, error);
  }
}

/** What the due work reports for each transition it applies. */
const COUNTED_AS: Partial<Record<ActionKind, Outcome>> = { renew: 'renewed', applyScheduledChange: 'renewed', convertTrial: 'converted', expire: 'expired', end: 'ended' };

/**
 * Settles one due subscription through the state machine (SUB-6, SUB-7, SUB-9, TRI-2, SCH-1): the
 * transition `dueAction` picks, applied with its batches, ledger lines and event.
 */
async function settle(
  tx: SubscriptionsContext,
  subscription: Subscription,
  now: Date,
  paid: PaidEquivalent | null,
  scheduledOffer: PricedOffer | null,
  renewalPrice: TermPrice | null,
): Promise<Outcome | 'skipped'> {
  const base = subscription.baseSubscriptionId ? await tx.em.findOne(Subscription, { id: subscription.baseSubscriptionId }) : null;
  // SCH-1: the change saved for this renewal, with the price of its SKU read before the unit.
  const scheduledChange = subscription.status === SubscriptionStatus.ACTIVE ? await dueScheduledChange(tx.em, subscription.id, scheduledOffer) : null;
  if (scheduledChange === 'stale') return 'skipped';
  // BIL-5: the renewed term's quote, read before the unit for the term that is ending.
  const action = dueAction(stateOf(subscription), { base, paid, scheduledChange, renewalPrice }, now);
  const outcome = action && COUNTED_AS[action.kind];
  if (!action || !outcome) return 'skipped';
  await applyOutcome(tx, subscription, transition(stateOf(subscription), action, now), now);
  return outcome;
}

/**
 * Runs every due unit until none is left (bounded, so a bug cannot loop forever). A unit that
 * fails rolls back alone and is skipped for the rest of this run, so one bad subscription
 * (say, a catalog that does not answer) does not hold up the others; the next run retries it.
 */
export async function runDueWork(runtime: SubgraphRuntime<SubscriptionsLoaders>, options: DueWorkOptions = {}, maxUnits = 10_000): Promise<DueWorkCounts> {
  const counts: DueWorkCounts = { renewed: 0, converted: 0, expired: 0, ended: 0, failed: 0 };
  // Failed units, and units another worker holds, are left alone for the rest of this run;
  // units that failed too often are parked for every run (shared/jobs/due-failures.ts).
  const failures = await DueFailures.open(runtime.orm, 'subscriptions.due-work');
  const passed: string[] = [...failures.parked];
  let helped = false;
  for (let i = 0; i < maxUnits; i++) {
    let next: Awaited<ReturnType<typeof processNextDue>>;
    try {
      next = await processNextDue(runtime, options, passed);
    } catch (error) {
      if (!(error instanceof DueUnitError)) throw error;
      logError('[due-work]', error);
      passed.push(error.subscriptionId);
      await failures.record(error.subscriptionId, error.cause);
      counts.failed += 1;
      continue;
    }
    if (!next) break;
    if (!helped) options.more?.();
    helped = true;
    if (next.outcome === 'skipped') passed.push(next.subscriptionId);
    else {
      counts[next.outcome] += 1;
      await failures.succeeded(next.subscriptionId);
    }
    // This run stops here; the rest is left to another run, queued now rather than at the next minute.
    if (i === maxUnits - 1) options.more?.();
  }
  return counts;
}
