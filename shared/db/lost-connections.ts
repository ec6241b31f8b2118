import type { Pool, PoolClient } from 'pg';

/**
 * Gives back to the pool, as broken, a checked-out connection that the server closed. Kysely
 * (under MikroORM 7) releases a transaction's connection only when its COMMIT or ROLLBACK
 * succeeds, and never when BEGIN fails: when PostgreSQL restarts, every transaction in flight
 * would keep its dead connection checked out for good, and after a restart or two the pool has
 * none left (every request then waits for a connection that never comes). Releasing twice is
 * harmless here: the first release wins, later ones do nothing.
 */
export function releaseLostConnections(pool: Pool): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<PoolClient> | void;
  const patched = (...args: unknown[]) => {
    // The callback form (not used by the ORM) is left as it is.
    if (args.length) return connect(...args);
    return (connect() as Promise<PoolClient>).then((client) => {
      const release = client.release.bind(client);
      let released = false;
      const giveBack = (error?: Error | boolean) => {
        if (released) return;
        released = true;
        client.removeListener('end', onEnd);
        release(error);
      };
      const onEnd = () => giveBack(new Error('Connection closed by the database server while checked out'));
      client.once('end', onEnd);
      client.release = giveBack;
      return client;
    });
  };
  pool.connect = patched as Pool['connect'];
}
