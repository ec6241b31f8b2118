import type { DueCounts, SubgraphRuntime } from '../../../shared/jobs/due-queue';
import { SYSTEM_IDENTITY } from '../../../shared/jobs/system';
import { runUnit } from '../../../shared/unit-of-work';
import { TransferRequest } from '../entities/transfer-request.entity';
import type { TransfersLoaders } from '../context';
import { TransferStatus } from '../types/transfer.types';
import { recordForBoth } from './transfer-request.service';

const BATCH = 100;

/**
 * XFR-1: pending requests unanswered for 30 days expire. Each batch is one unit that takes its
 * rows `for update skip locked`, so concurrent workers expire each request once.
 */
export async function expireTransfers(runtime: SubgraphRuntime<TransfersLoaders>): Promise<DueCounts> {
  let expired = 0;
  for (;;) {
    const ctx = runtime.contextFor(SYSTEM_IDENTITY);
    ctx.operation = 'expireTransferRequest';
    const count = await runUnit(ctx, async (tx) => {
      const now = await tx.clock.now();
      // XFR-1: due work over every tenant's requests (raw SQL is never filtered; the job runs as the platform).
      const rows = await tx.em.execute<{ id: string }[]>(
        `select id from transfers.transfer_request where status = 'PENDING' and expires_at <= ? order by expires_at, id limit ? for update skip locked`,
        [now.toISOString(), BATCH],
      );
      if (!rows.length) return 0;
      const transfers = await tx.em.find(TransferRequest, { id: { $in: rows.map((row) => row.id) } }, { refresh: true });
      for (const transfer of transfers) {
        transfer.status = TransferStatus.EXPIRED;
        recordForBoth(tx, transfer, { data: { status: transfer.status, expiresAt: transfer.expiresAt.toISOString() } });
      }
      return transfers.length;
    }, { silent: true });
    expired += count;
    if (count < BATCH) return { transfersExpired: expired };
  }
}
