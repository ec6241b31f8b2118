import { isProduction } from '../../../shared/config';
import type { DueCounts, DueQueue, SubgraphRuntime } from '../../../shared/jobs/due-queue';
import { SYSTEM_IDENTITY } from '../../../shared/jobs/system';
import { logError } from '../../../shared/log';
import { signMessage } from '../../../shared/webhooks/message';
import { postWebhook, webhookTimeoutMs, type AttemptOutcome } from '../../../shared/webhooks/sender';
import { checkDestination } from '../../../shared/webhooks/url-policy';
import type { CustomersLoaders } from '../context';
import { claimDue, recordOutcomes, type Attempted, type ClaimedDelivery } from './delivery.store';

export const WEBHOOK_DELIVERIES_QUEUE = 'customers.webhook-deliveries';

export interface DeliveryOptions {
  /** Independent claim-and-send loops: a slow receiver holds up only its own lane. */
  lanes?: number;
  /** Deliveries one lane claims (and sends in parallel) at a time. */
  batch?: number;
  /** Wall-clock time after which a run claims nothing more (the rest waits for the next run). */
  budgetMs?: number;
}

/** A lease outlives the attempt's timeout, so no second worker takes a delivery still being sent. */
const LEASE_MARGIN_MS = 60_000;
/**
 * Keeps a run (plus its last attempts' timeouts) within what `processDueWork` waits for a phase
 * (six subgraph timeouts, 60 s by default) and well within the pg-boss job expiry, however
 * many receivers hang.
 */
const RUN_BUDGET_MS = 30_000;

/**
 * One attempt, outside any transaction. In production the URL policy runs again right before
 * sending (DNS may now point inside our network); a refusal counts as a failed attempt.
 */
async function attempt(claimed: ClaimedDelivery, timeoutMs: number): Promise<AttemptOutcome> {
  const destination = await checkDestination(claimed.url, { production: isProduction() });
  if (!destination.ok) return { delivered: false, status: null, body: `refused: ${destination.message}` };
  // webhook-timestamp is the wall clock on purpose: receivers' verifiers reject a timestamp far
  // from their own clock, and a sandbox business clock may be years ahead.
  // The connection goes to the addresses just checked, not to a second DNS answer (rebinding).
  return postWebhook(destination.url.href, signMessage(claimed.event, claimed.secret, new Date()), timeoutMs, destination.addresses);
}

/**
 * Sends the claimed deliveries in parallel, then records their outcomes together. An attempt
 * that could not be made or recorded leaves its lease to run out, and another run takes it again.
 */
async function sendAndRecord<L>(runtime: SubgraphRuntime<L>, claimed: readonly ClaimedDelivery[], timeoutMs: number): Promise<number> {
  const attempts = await Promise.all(
    claimed.map(async (delivery): Promise<Attempted[]> => {
      try {
        return [{ claimed: delivery, outcome: await attempt(delivery, timeoutMs) }];
      } catch (error) {
        logError(`[webhooks] delivery ${delivery.id} failed before its outcome`, error);
        return [];
      }
    }),
  );
  try {
    return await recordOutcomes(runtime, attempts.flat());
  } catch (error) {
    logError(`[webhooks] recording ${claimed.length} deliveries failed`, error);
    return 0;
  }
}

/**
 * AUD-2: sends every delivery due at the business clock when the run starts. Retries it
 * reschedules fall after that instant, so a run never loops on a failing receiver. Safe with
 * any number of workers in any number of processes (see claimDue).
 */
export async function deliverDue<L>(runtime: SubgraphRuntime<L>, options: DeliveryOptions = {}): Promise<DueCounts> {
  const dueAt = await runtime.contextFor(SYSTEM_IDENTITY).clock.now();
  const timeoutMs = webhookTimeoutMs();
  const batch = options.batch ?? 16;
  // A wall-clock budget for this worker run (not business time): stop claiming new work after it.
  const stopClaimingAt = Date.now() + (options.budgetMs ?? RUN_BUDGET_MS);
  let delivered = 0;
  const lane = async () => {
    while (Date.now() < stopClaimingAt) {
      const claimed = await claimDue(runtime, dueAt, batch, timeoutMs + LEASE_MARGIN_MS);
      if (!claimed.length) return;
      // Read after the await: the lanes add to it concurrently.
      const recorded = await sendAndRecord(runtime, claimed, timeoutMs);
      delivered += recorded;
    }
  };
  await Promise.all(Array.from({ length: options.lanes ?? 4 }, lane));
  return { webhooksDelivered: delivered };
}

/** Phase `deliveries`: after the consumers made deliveries out of the run's events. */
export const webhookDeliveries: DueQueue<CustomersLoaders> = {
  name: WEBHOOK_DELIVERIES_QUEUE,
  phase: 'deliveries',
  run: (runtime) => deliverDue(runtime),
};
