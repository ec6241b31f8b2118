import type { DueQueue } from '../../../shared/jobs/due-queue';
import type { TransfersLoaders } from '../context';
import { runEaRenewals } from '../services/ea-processing.service';
import { expireTransfers } from '../services/transfer-expiry.service';

/** EA-7: due EA renewal schedules are handed to the subscriptions subgraph (pg-boss every minute; `processDueWork` at once). */
export const EA_RENEWALS_QUEUE = 'transfers.ea-renewals';
/** XFR-1: pending transfer requests expire after 30 days. */
export const TRANSFER_EXPIRY_QUEUE = 'transfers.transfer-expiry';

export const eaRenewalsQueue: DueQueue<TransfersLoaders> = { name: EA_RENEWALS_QUEUE, phase: 'domain', run: runEaRenewals };
export const transferExpiryQueue: DueQueue<TransfersLoaders> = { name: TRANSFER_EXPIRY_QUEUE, phase: 'domain', run: expireTransfers };
