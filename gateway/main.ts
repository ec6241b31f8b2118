import { portOf } from '../shared/config';
import { startGateway } from './gateway';

/** Runs the gateway as its own process: `node dist/gateway/main.js`. */
async function main() {
  const gateway = await startGateway({ port: portOf('gateway'), host: process.env.HOST ?? '127.0.0.1' });
  console.log(`[gateway] listening on ${gateway.url}`);
  const stop = () => gateway.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
