import '../shared/tracing-register';
import { databaseUrlOf, missingProductionSecrets, portOf, type SubgraphName } from '../shared/config';
import { logger } from '../shared/log';
import { stopOnSignals } from '../shared/lifecycle/shutdown';
import { startSubgraph } from '../shared/subgraph';
import { SUBGRAPHS } from '.';

/** Runs one subgraph as its own process: `node dist/subgraphs/main.js <name>`. */
async function main() {
  const name = process.argv[2] as SubgraphName;
  const definition = SUBGRAPHS[name];
  if (!definition) throw new Error(`unknown subgraph ${name}`);
  const missing = missingProductionSecrets(name);
  if (missing.length) {
    logger.fatal({ service: name, missing }, `the ${name} subgraph cannot start in production without ${missing.join(', ')}`);
    process.exit(1);
  }
  const running = await startSubgraph(definition, { port: portOf(name), host: process.env.HOST ?? '127.0.0.1', databaseUrl: databaseUrlOf(name) });
  logger.info({ service: name, url: running.url }, 'listening');
  stopOnSignals(name, running.stop);
}

main().catch((error) => {
  logger.fatal({ err: error }, 'the subgraph failed to start');
  process.exit(1);
});
