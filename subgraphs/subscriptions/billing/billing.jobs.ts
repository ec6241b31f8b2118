import type { DueQueue } from '../../../shared/jobs/due-queue';
import type { SubscriptionsLoaders } from '../context';
import { runBilling } from './billing-run.service';

/** Queue of the billing schedule (BIL-1): each period that has begun is charged once. */
export const BILLING_QUEUE = 'subscriptions.billing';

/** The billing schedule as due work: pg-boss runs it in every process, `processDueWork` at once; the business clock only. */
export const billingQueue: DueQueue<SubscriptionsLoaders> = {
  name: BILLING_QUEUE,
  phase: 'domain',
  run: (runtime) => runBilling(runtime),
};
