import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { logger } from '../shared/log';
import { shutdownGraceMs, stopOnSignals } from '../shared/lifecycle/shutdown';

/**
 * How many gateway processes to run: `--cluster N` (`--cluster` alone: one per CPU) or
 * GATEWAY_WORKERS; 1 (no cluster) by default or for anything that is not a positive number.
 */
export function gatewayWorkers(args: string[], configured: string | undefined): number {
  const flag = args.indexOf('--cluster');
  const value = flag >= 0 ? (args[flag + 1] && !args[flag + 1].startsWith('--') ? args[flag + 1] : String(availableParallelism())) : configured;
  const workers = Number(value);
  return Number.isInteger(workers) && workers > 0 ? Math.min(workers, 64) : 1;
}

/**
 * The primary of a gateway cluster: forks the workers (they share the listening port, Node
 * hands connections round-robin), starts a new one when one dies, and on SIGINT/SIGTERM stops
 * them all before it exits.
 */
export function runWorkers(count: number): void {
  let stopping = false;
  const fork = () => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ service: 'gateway', pid: worker.process.pid, code, signal }, 'a gateway worker exited; starting another');
    setTimeout(fork, 1000).unref();
  });
  for (let i = 0; i < count; i++) fork();
  logger.info({ service: 'gateway', workers: count }, 'gateway cluster started');
  // Each worker drains its own requests in flight (SHUTDOWN_GRACE_MS); the primary waits for them.
  stopOnSignals('gateway', async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is NonNullable<typeof worker> => worker !== undefined && !worker.isDead());
    const exited = workers.map((worker) => new Promise<void>((resolve) => worker.once('exit', () => resolve())));
    for (const worker of workers) worker.process.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('gateway workers did not stop in time')), shutdownGraceMs() + 5000);
    });
    await Promise.race([Promise.all(exited), late]).finally(() => clearTimeout(timer));
  });
}
