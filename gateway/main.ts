import '../shared/tracing-register';
import { missingProductionSecrets, portOf } from '../shared/config';
import { logger } from '../shared/log';
import { startGateway } from './gateway';

/** Runs the gateway as its own process: `node dist/gateway/main.js`. */
async function main() {
  const missing = missingProductionSecrets('gateway');
  if (missing.length) {
    logger.fatal({ missing }, `the gateway cannot start in production without ${missing.join(', ')}`);
    process.exit(1);
  }
  const gateway = await startGateway({ port: portOf('gateway'), host: process.env.HOST ?? '127.0.0.1' });
  logger.info({ service: 'gateway', url: gateway.url }, 'listening');
  const stop = () => gateway.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  logger.fatal({ err: error }, 'the gateway failed to start');
  process.exit(1);
});
