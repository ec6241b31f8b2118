import { databaseUrl, portOf, type SubgraphName } from '../shared/config';
import { startSubgraph } from '../shared/subgraph';
import { SUBGRAPHS } from '.';

/** Runs one subgraph as its own process: `node dist/subgraphs/main.js <name>`. */
async function main() {
  const name = process.argv[2] as SubgraphName;
  const definition = SUBGRAPHS[name];
  if (!definition) throw new Error(`unknown subgraph ${name}`);
  const running = await startSubgraph(definition, { port: portOf(name), host: process.env.HOST ?? '127.0.0.1', databaseUrl: databaseUrl() });
  console.log(`[${name}] listening on ${running.url}`);
  const stop = () => running.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
