import '../shared/tracing-register';
import cluster from 'node:cluster';
import { missingProductionSecrets, portOf } from '../shared/config';
import { logger } from '../shared/log';
import { stopOnSignals } from '../shared/lifecycle/shutdown';
import { startGateway } from './gateway';
import { gatewayWorkers, runWorkers } from './workers';

/**
 * Runs the gateway as its own process: `node dist/gateway/main.js`. With GATEWAY_WORKERS=N
 * (or `--cluster N`), N worker processes share the port (the gateway keeps no state of its own
 * beyond caches, so any worker can answer any request).
 */
async function main() {
  const missing = missingProductionSecrets('gateway');
  if (missing.length) {
    logger.fatal({ missing }, `the gateway cannot start in production without ${missing.join(', ')}`);
    process.exit(1);
  }
  const workers = gatewayWorkers(process.argv.slice(2), process.env.GATEWAY_WORKERS);
  if (workers > 1 && cluster.isPrimary) return runWorkers(workers);
  const gateway = await startGateway({ port: portOf('gateway'), host: process.env.HOST ?? '127.0.0.1' });
  logger.info({ service: 'gateway', url: gateway.url, pid: process.pid }, 'listening');
  stopOnSignals('gateway', gateway.stop);
}

main().catch((error) => {
  logger.fatal({ err: error }, 'the gateway failed to start');
  process.exit(1);
});
