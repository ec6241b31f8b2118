import type { DueQueue } from '../../../../shared/jobs/due-queue';
import type { SubscriptionsLoaders } from '../../context';
import { addCounts } from '../../../../shared/jobs/due-queue';
import { logError } from '../../../../shared/log';
import { runBilling } from './billing-run.service';
import { runInvoicing } from '../invoices/invoice-closing.service';

/** Queue of the billing schedule (BIL-1): each period that has begun is charged once. */
export const BILLING_QUEUE = 'subscriptions.billing';

/**
 * The billing schedule as due work (BIL-1), then the invoices (BIL-3: lines described, invoices
 * of past months closed): pg-boss runs it in every process, `processDueWork` at once; the
 * business clock only. An owner that does not answer leaves invoices open until the next run.
 */
export const billingQueue: DueQueue<SubscriptionsLoaders> = {
  name: BILLING_QUEUE,
  phase: 'domain',
  run: async (runtime) => {
    const counts = await runBilling(runtime);
    try {
      addCounts(counts, await runInvoicing(runtime));
    } catch (error) {
      logError('[invoicing]', error);
      addCounts(counts, { failed: 1 });
    }
    return counts;
  },
};
