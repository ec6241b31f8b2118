import { placeholders } from '../../../shared/db/orm';
import { textArray } from '../../../shared/db/prepared';
import type { SubgraphRuntime } from '../../../shared/jobs/due-queue';
import { SYSTEM_IDENTITY } from '../../../shared/jobs/system';
import { DueFailures } from '../../../shared/jobs/due-failures';
import { logError } from '../../../shared/log';
import { runUnit } from '../../../shared/unit-of-work';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { Subscription } from '../entities/subscription.entity';
import type { ScheduledChange } from '../entities/scheduled-change.entity';
import type { SubscriptionsContext, SubscriptionsLoaders } from '../context';
import type { PaidEquivalent } from './renewal-conversion';
import { dueScheduledChange, savedScheduledChanges } from './scheduled-change-facts';
import { dueAction, transition, type ActionKind, type PricedOffer } from '../transitions/subscription-transitions';
import { applyOutcome, stateOf } from '../transitions/transition-effects';
import type { TermPrice } from '../transitions/model';
import { NO_FACTS, readDueFacts, type DueFacts, type DueFactsSource, type FactsNeed } from './due-facts';

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
  /** TRI-2, SCH-1, BIL-5, BIL-7: the facts of other subgraphs, read for a batch of due subscriptions at once. */
  facts?: DueFactsSource;
  /** Called once when this run finds due work: another worker may join it (shared/jobs/due-queue.ts). */
  more?: () => void;
}

/** Due subscriptions read at a time, with their facts (one request per kind of fact for all of them). */
export const DUE_BATCH = 100;

/** How long a batch read by one worker is left to it by the others' scans (wall time: a lease, not business time). */
const DUE_LEASE_SECONDS = 120;

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

/** Failed, parked or left subscriptions this run leaves alone. */
const notIn = (excluded: number) => (excluded ? `and s.id not in (${placeholders(new Array(excluded).fill(null))})` : '');

/**
 * The next batch of due subscriptions that no other worker holds right now, with the SKU of
 * their scheduled change (SCH-1). Term ends first, in term-end order (the `subscription_due`
 * index, no sort however many fell due at the same instant), then grace ends. Taken `for update
 * skip locked` only for the instant of the read, so that rows another worker is settling are not
 * read again; the locks go with the read's transaction, before any fact is asked. The rows read
 * are leased to this worker for {@link DUE_LEASE_SECONDS} of wall time (`due_leased_until`), so
 * that another worker's scan passes over them to the next batch instead of reading the same one
 * and asking for the same facts (two processes at month-end each took every batch before).
 */
const nextBatchSql = (trials: boolean, excluded: number, grace: boolean) => `
  with batch as (
    select s.id
      from subscriptions.subscription s
     where ${grace ? GRACE_DUE : TERM_DUE(trials)} and ${BASE_SETTLED}
       and (s.due_leased_until is null or s.due_leased_until < clock_timestamp())
       ${notIn(excluded)}
     order by ${grace ? 's.grace_until' : 's.term_end'}
     limit ${DUE_BATCH}
     for update of s skip locked
  ), leased as (
    update subscriptions.subscription s set due_leased_until = clock_timestamp() + interval '${DUE_LEASE_SECONDS} seconds'
      from batch where s.id = batch.id
    returning s.id
  )
  select leased.id, (select c.offer_id from subscriptions.scheduled_change c where c.subscription_id = leased.id) as scheduled_offer_id
    from leased`;

/**
 * Inside the unit: the same subscriptions, unchanged since their facts were read (the ids and
 * those versions, as two arrays), still due, locked; none that another worker has, settled, or
 * changed meanwhile.
 */
const claimSql = (trials: boolean) => `
  select s.id from subscriptions.subscription s join unnest(?::text[], ?::int[]) as c(id, version) on c.id = s.id and c.version = s.version
   where ${DUE_CONDITION(trials)} for update of s skip locked`;

function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

interface DueItem {
  subscription: Subscription;
  scheduledOfferId: string | null;
}

/** 'taken': another worker holds it or settled it, or it changed since it was read (a later batch reads it again if still due). */
type Processed = Outcome | 'skipped' | 'taken';

/** The next batch of due subscriptions, read in one short transaction (no remote call while it is open). */
async function nextBatch(runtime: SubgraphRuntime<SubscriptionsLoaders>, trials: boolean, excluded: readonly string[], now: Date): Promise<DueItem[]> {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = 'dueWork';
  const today = startOfDay(now).toISOString();
  return runUnit(ctx, async (tx) => {
    for (const grace of [false, true]) {
      const rows = await tx.em.execute<{ id: string; scheduled_offer_id: string | null }[]>(nextBatchSql(trials, excluded.length, grace), [grace ? now.toISOString() : today, today, ...excluded]);
      if (!rows.length) continue;
      const subscriptions = new Map((await tx.em.find(Subscription, { id: { $in: rows.map((row) => row.id) } }, { refresh: true })).map((s) => [s.id, s] as const));
      return rows.flatMap((row) => {
        const subscription = subscriptions.get(row.id);
        return subscription ? [{ subscription, scheduledOfferId: row.scheduled_offer_id }] : [];
      });
    }
    return [];
  }, { silent: true });
}

/** What a due subscription needs from other subgraphs before its unit (TRI-2, SCH-1, BIL-5). */
function needOf(item: DueItem, options: DueWorkOptions): FactsNeed {
  const { subscription } = item;
  const active = subscription.status === SubscriptionStatus.ACTIVE;
  return {
    subscription,
    convert: Boolean(options.facts?.convertTrials) && active && subscription.isTrial && subscription.autoRenew,
    scheduledOfferId: active ? item.scheduledOfferId : null,
    reprice: Boolean(options.facts?.priceRenewals) && active && !subscription.isTrial && subscription.autoRenew,
  };
}

/** Due subscriptions settled in one unit of work when none of them fails (see {@link settleTogether}). */
export const SETTLE_TOGETHER = 25;

function dueContext(runtime: SubgraphRuntime<SubscriptionsLoaders>) {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = 'dueWork';
  return ctx;
}

/**
 * Inside a unit: the due subscriptions claimed ({@link claimSql}) and read again, one statement
 * each for all of them, then each settled with its facts and its event: each exactly once
 * (SUB-7), and 'taken' when another worker has it, settled it, or it changed meanwhile. Facts
 * that could not be read fail the unit only when the subscription is still this worker's to
 * settle (not when another worker has settled it meanwhile).
 */
async function settleClaimed(tx: SubscriptionsContext, items: readonly DueItem[], facts: ReadonlyMap<string, DueFacts | Error>, now: Date, trials: boolean): Promise<Map<string, Processed>> {
  const today = startOfDay(now).toISOString();
  const ids = items.map((item) => item.subscription.id);
  const claimed = await tx.em.execute<{ id: string }[]>(claimSql(trials), [textArray(ids), textArray(items.map((item) => item.subscription.version)), today, now.toISOString(), today]);
  const ours = claimed.length ? await tx.em.find(Subscription, { id: { $in: claimed.map((row) => row.id) } }, { refresh: true }) : [];
  const subscriptions = new Map(ours.map((subscription) => [subscription.id, subscription]));
  // SCH-1: the changes saved for the active ones' renewals, read again under the claim.
  const changes = await savedScheduledChanges(tx.em, ours.filter((s) => s.status === SubscriptionStatus.ACTIVE).map((s) => s.id));
  const processed = new Map<string, Processed>();
  for (const id of ids) {
    const subscription = subscriptions.get(id);
    const found = facts.get(id) ?? NO_FACTS;
    if (!subscription) processed.set(id, 'taken');
    else if (found instanceof Error) throw found;
    else processed.set(id, await settle(tx, subscription, now, found.paid, changes.get(id), found.scheduledOffer, found.renewalPrice));
  }
  return processed;
}

/**
 * One due subscription in its own unit of work ({@link settleClaimed}). Any number of workers can
 * run this at once: each due subscription is settled by exactly one of them, and once committed
 * its new term end is no longer due.
 */
async function settleDue(runtime: SubgraphRuntime<SubscriptionsLoaders>, item: DueItem, facts: ReadonlyMap<string, DueFacts | Error>, now: Date, trials: boolean): Promise<Processed> {
  const processed = await runUnit(dueContext(runtime), (tx) => settleClaimed(tx, [item], facts, now, trials), { silent: true });
  return processed.get(item.subscription.id)!;
}

/**
 * Several due subscriptions in one unit of work ({@link settleClaimed}): one transaction, one
 * write of their events and audit rows, and their ledger and invoice lines in one insert each.
 * When the unit fails (one of them could not be settled), nothing of it is kept and the caller
 * settles each alone, so the failing one fails by itself. Undefined then; else what became of each.
 */
async function settleTogether(runtime: SubgraphRuntime<SubscriptionsLoaders>, items: readonly DueItem[], facts: ReadonlyMap<string, DueFacts | Error>, now: Date, trials: boolean): Promise<Map<string, Processed> | undefined> {
  try {
    return await runUnit(dueContext(runtime), (tx) => settleClaimed(tx, items, facts, now, trials), { silent: true });
  } catch (error) {
    logError(`[due-work] ${items.length} due subscriptions could not be settled together; settling each alone`, error);
    return undefined;
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
  savedChange: ScheduledChange | undefined,
  scheduledOffer: PricedOffer | null,
  renewalPrice: TermPrice | null,
): Promise<Outcome | 'skipped'> {
  const base = subscription.baseSubscriptionId ? await tx.em.findOne(Subscription, { id: subscription.baseSubscriptionId }) : null;
  // SCH-1: the change saved for this renewal (read for active subscriptions only), with the price of its SKU read before the unit.
  const scheduledChange = dueScheduledChange(savedChange, scheduledOffer);
  if (scheduledChange === 'stale') return 'skipped';
  // BIL-5: the renewed term's quote, read before the unit for the term that is ending.
  const action = dueAction(stateOf(subscription), { base, paid, scheduledChange, renewalPrice }, now);
  const outcome = action && COUNTED_AS[action.kind];
  if (!action || !outcome) return 'skipped';
  await applyOutcome(tx, subscription, transition(stateOf(subscription), action, now), now);
  return outcome;
}

/**
 * Runs every due unit until none is left (bounded, so a bug cannot loop forever), a batch at a
 * time: the batch's due subscriptions are read, the facts they need from other subgraphs are read
 * for all of them at once with no transaction open (one request per kind of fact, not one per
 * subscription), then they are settled {@link SETTLE_TOGETHER} to a unit. A subscription whose
 * unit fails (alone, after its group's unit failed) rolls back alone and is skipped for the rest
 * of this run, so one bad subscription (say, a catalog that does not answer for it) does not hold
 * up the others; the next run retries it.
 */
export async function runDueWork(runtime: SubgraphRuntime<SubscriptionsLoaders>, options: DueWorkOptions = {}, maxUnits = 10_000): Promise<DueWorkCounts> {
  const counts: DueWorkCounts = { renewed: 0, converted: 0, expired: 0, ended: 0, failed: 0 };
  // Failed units, and units left as they are, are left alone for the rest of this run;
  // units that failed too often are parked for every run (shared/jobs/due-failures.ts).
  const failures = await DueFailures.open(runtime.orm, 'subscriptions.due-work');
  const passed: string[] = [...failures.parked];
  const trials = Boolean(options.facts?.convertTrials);
  let units = 0;
  while (units < maxUnits) {
    const now = await runtime.contextFor(SYSTEM_IDENTITY).clock.now();
    const batch = await nextBatch(runtime, trials, passed, now);
    if (!batch.length) break;
    if (!units) options.more?.();
    try {
      units = await settleBatch(runtime, batch, options, now, trials, { units, maxUnits, passed, failures, counts });
    } finally {
      await releaseLeases(runtime, batch);
    }
  }
  // This run stops here; the rest is left to another run, queued now rather than at the next minute.
  if (units >= maxUnits) options.more?.();
  return counts;
}

interface RunState {
  units: number;
  maxUnits: number;
  passed: string[];
  failures: DueFailures;
  counts: DueWorkCounts;
}

/**
 * A batch's facts read at once, then its subscriptions settled {@link SETTLE_TOGETHER} to a unit
 * (those whose facts could be read; the others, and all of a group whose unit failed, each in its
 * own unit); the units done so far.
 */
async function settleBatch(runtime: SubgraphRuntime<SubscriptionsLoaders>, batch: readonly DueItem[], options: DueWorkOptions, now: Date, trials: boolean, state: RunState): Promise<number> {
  const { maxUnits, passed, failures, counts } = state;
  const facts = await readDueFacts(options.facts ?? {}, batch.map((item) => needOf(item, options)).filter((need) => need.convert || need.scheduledOfferId || need.reprice));
  const items = batch.slice(0, Math.max(0, maxUnits - state.units));
  const settled = async (id: string, outcome: Processed) => {
    if (outcome === 'skipped') passed.push(id);
    else if (outcome !== 'taken') {
      counts[outcome] += 1;
      await failures.succeeded(id);
    }
  };
  for (let first = 0; first < items.length; first += SETTLE_TOGETHER) {
    const group = items.slice(first, first + SETTLE_TOGETHER);
    const readable = group.filter((item) => !(facts.get(item.subscription.id) instanceof Error));
    const together = readable.length > 1 ? await settleTogether(runtime, readable, facts, now, trials) : undefined;
    for (const item of group) {
      const id = item.subscription.id;
      const outcome = together?.get(id);
      if (outcome) {
        await settled(id, outcome);
        continue;
      }
      try {
        await settled(id, await settleDue(runtime, item, facts, now, trials));
      } catch (error) {
        logError('[due-work]', new DueUnitError(id, error));
        passed.push(id);
        await failures.record(id, error);
        counts.failed += 1;
      }
    }
  }
  return state.units + items.length;
}

/**
 * The batch's leases end with it: what it settled is no longer due, and what it left (failed,
 * taken, changed meanwhile) is for the next scan, this run's or another worker's, at once.
 */
async function releaseLeases(runtime: SubgraphRuntime<SubscriptionsLoaders>, batch: readonly DueItem[]): Promise<void> {
  const ids = batch.map((item) => item.subscription.id);
  await runUnit(runtime.contextFor(SYSTEM_IDENTITY), (tx) => tx.em.execute(`update subscriptions.subscription set due_leased_until = null where id in (${placeholders(ids)})`, ids), { silent: true });
}

