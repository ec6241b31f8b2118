import type { EntityManager } from '../db/orm';
import { logger } from '../log';
import { numberSetting } from '../config';

/** How long a sandbox step waits for the other databases to apply what this one committed (REPLICATION_WAIT_MS, default 15 s). */
function replicationWaitMs(): number {
  return numberSetting(process.env.REPLICATION_WAIT_MS, 15_000);
}

const SLOTS_SQL = `select count(*)::int as slots from pg_replication_slots where database = current_database() and slot_type = 'logical' and slot_name like 'csp\\_%'`;
const BEHIND_SQL = `select count(*)::int as behind from pg_replication_slots
  where database = current_database() and slot_type = 'logical' and slot_name like 'csp\\_%'
    and (confirmed_flush_lsn is null or confirmed_flush_lsn < ?::pg_lsn)`;

/**
 * With subgraphs on separate databases (shared/replication/setup.ts), waits until every database
 * that subscribes to this one has applied everything this one committed so far: the sandbox's
 * `setSandboxClock` and each phase of `processDueWork` answer only once the other subgraphs see
 * their effects. One cheap query, and nothing else, when this database publishes to no one.
 */
export async function awaitReplicas(em: EntityManager): Promise<void> {
  const [{ slots }] = await em.fork().execute<{ slots: number }[]>(SLOTS_SQL);
  if (!slots) return;
  // A committed transaction with synchronous commit flushes the WAL up to it: the senders can
  // ship everything before it at once, whatever the server's synchronous_commit.
  const target = await em.fork().transactional(async (tx) => {
    await tx.execute('set local synchronous_commit = on');
    const [row] = await tx.execute<{ lsn: string }[]>('select pg_current_xact_id()::text as xid, pg_current_wal_insert_lsn()::text as lsn');
    return row.lsn;
  });
  const deadline = performance.now() + replicationWaitMs();
  for (;;) {
    const [{ behind }] = await em.fork().execute<{ behind: number }[]>(BEHIND_SQL, [target]);
    if (!behind) return;
    if (performance.now() > deadline) {
      logger.warn({ target, behind }, 'subscribers of this database have not applied its latest commits yet');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
