import { startTracing } from './tracing';

/**
 * Imported first by each process's main module, before `http` and `pg` load, so their
 * instrumentation can apply. The service is `gateway` or the subgraph named on the command line.
 */
const script = process.argv[1] ?? '';
const service = script.includes('subgraphs') ? (process.argv[2] ?? 'subgraph') : 'gateway';
startTracing(`csp-${service}`);
