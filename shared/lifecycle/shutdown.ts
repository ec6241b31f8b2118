import { logger } from '../log';
import { numberSetting } from '../config';

/**
 * How long a stopping process lets requests in flight and jobs it holds finish
 * (SHUTDOWN_GRACE_MS, default 10 s); what still runs after that is cut.
 */
export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  return numberSetting(env.SHUTDOWN_GRACE_MS, 10_000, { zero: true });
}

/**
 * A process run by `npm start` (scripts/start.ts) has an IPC channel to it: the supervisor
 * decides the order in which processes stop (gateway, then subgraphs, then PostgreSQL), so
 * such a process ignores the Ctrl-C a terminal sends to the whole process group and stops on
 * the supervisor's SIGTERM, or when the supervisor is gone (its channel closes).
 */
export function isSupervised(): boolean {
  return typeof process.send === 'function';
}

/**
 * Stops the process cleanly on SIGTERM (and SIGINT unless supervised): `stop` drains what
 * the process holds, then it exits 0 (1 when stopping failed). A second signal exits at once.
 */
export function stopOnSignals(service: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) {
      logger.warn({ service, signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ service, signal }, 'stopping: no new connections; finishing requests in flight');
    stop().then(
      () => {
        logger.info({ service }, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ service, err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  if (isSupervised()) {
    process.on('SIGINT', () => undefined);
    process.once('disconnect', () => onSignal('supervisor gone'));
  } else {
    process.on('SIGINT', () => onSignal('SIGINT'));
  }
}
