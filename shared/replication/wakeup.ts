import { Client } from 'pg';
import { logError } from '../log';

const CHANNEL = 'csp_outbox_replicated';

/**
 * With subgraphs on separate databases: calls `wake` whenever events of another subgraph arrive
 * in this database by replication (the replica trigger of `platform.outbox_event` notifies
 * `csp_outbox_replicated`). The connection is made again after it is lost; polling and the
 * every-minute schedule stay the backstop. Returns how to stop listening.
 */
export function onReplicatedEvents(databaseUrl: string, wake: () => void): () => Promise<void> {
  let client: Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new Client({ connectionString: databaseUrl, application_name: 'csp-replica-wakeup' });
    next.on('notification', () => wake());
    next.on('error', (error) => {
      logError('[jobs] replicated events listener', error);
      next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANNEL}`);
      if (stopped) await next.end();
      else client = next;
    } catch (error) {
      logError('[jobs] replicated events listener', error);
      next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    }
  };
  void connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
