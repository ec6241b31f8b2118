import { placeholders } from '../../../../shared/db/orm';
import type { DueCounts, SubgraphRuntime } from '../../../../shared/jobs/due-queue';
import { DueFailures } from '../../../../shared/jobs/due-failures';
import { SYSTEM_IDENTITY } from '../../../../shared/jobs/system';
import { logError } from '../../../../shared/log';
import { runUnit } from '../../../../shared/unit-of-work';
import type { SubscriptionsLoaders } from '../../context';
import { Subscription } from '../../entities/subscription.entity';
import { transition } from '../../transitions/subscription-transitions';
import { applyOutcome, stateOf } from '../../transitions/transition-effects';

/**
 * BIL-1: a live subscription within its term whose next billing period has begun. One past its
 * term end is the renewal's due work (SUB-7), which bills what is left of the term first.
 */
const DUE = `s.status in ('ACTIVE', 'SUSPENDED') and s.next_charge_at is not null and s.next_charge_at <= ? and s.term_end >= ?`;

const peekSql = (excluded: number) => `
  select s.id from subscriptions.subscription s
   where ${DUE} ${excluded ? `and s.id not in (${placeholders(new Array(excluded).fill(null))})` : ''}
   order by s.next_charge_at, s.id
   limit 1`;

const claimSql = `select s.id from subscriptions.subscription s where s.id = ? and ${DUE} for update of s skip locked`;

/**
 * BIL-1: bills one due subscription: in one unit of work the row is taken `for update skip
 * locked`, re-checked, and every period that has begun is charged with `nextChargeAt` moved on
 * in the same commit. Another worker skips the row; a crash rolls the whole unit back; and the
 * database refuses a second cycle charge of one period (unique index), so a period is billed
 * exactly once. Null when nothing is due.
 */
async function billNext(runtime: SubgraphRuntime<SubscriptionsLoaders>, now: Date, excluded: readonly string[]): Promise<{ id: string; billed: boolean; error?: unknown } | null> {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = 'billSubscription';
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
  const [candidate] = await ctx.em.execute<{ id: string }[]>(peekSql(excluded.length), [now.toISOString(), today, ...excluded]);
  if (!candidate) return null;
  const billed = await runUnit(
    ctx,
    async (tx) => {
      const claimed = await tx.em.execute<{ id: string }[]>(claimSql, [candidate.id, now.toISOString(), today]);
      if (!claimed.length) return false;
      const subscription = await tx.em.findOneOrFail(Subscription, { id: candidate.id }, { refresh: true });
      await applyOutcome(tx, subscription, transition(stateOf(subscription), { kind: 'bill' }, now), now);
      return true;
    },
    { silent: true },
  ).catch((error: unknown) => error);
  return typeof billed === 'boolean' ? { id: candidate.id, billed } : { id: candidate.id, billed: false, error: billed };
}

/** BIL-1: bills every subscription whose next period has begun on the business clock (bounded; a failing one is retried next run). */
export async function runBilling(runtime: SubgraphRuntime<SubscriptionsLoaders>, maxUnits = 10_000): Promise<DueCounts> {
  const now = await runtime.contextFor(SYSTEM_IDENTITY).clock.now();
  const failures = await DueFailures.open(runtime.orm, 'subscriptions.billing');
  const passed: string[] = [...failures.parked];
  let failed = 0;
  for (let i = 0; i < maxUnits; i++) {
    const next = await billNext(runtime, now, passed);
    if (!next) break;
    if (next.error) {
      logError(`[billing] subscription ${next.id}`, next.error);
      passed.push(next.id);
      await failures.record(next.id, next.error);
      failed += 1;
    } else if (!next.billed) passed.push(next.id);
    else await failures.succeeded(next.id);
  }
  return failed ? { failed } : {};
}
