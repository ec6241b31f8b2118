import type { IncomingMessage, ServerResponse } from 'node:http';
import { SUBGRAPH_NAMES } from '../config';
import type { Graph } from '../graph-client';
import { sendJson } from '../http';
import { awaitReplicas } from '../replication/wait';
import type { EntityManager } from '../db/orm';
import { addCounts, DUE_PHASES, type DueCounts, type DuePhase, type DueQueue, type SubgraphRuntime } from './due-queue';

const ROUTE = /^\/internal\/due-work\/(domain|events|deliveries)$/;

/** Runs every queue of one phase of this subgraph now, in parallel, and sums their counts. */
export async function runPhase<L>(runtime: SubgraphRuntime<L>, queues: DueQueue<L>[], phase: DuePhase): Promise<DueCounts> {
  const results = await Promise.all(queues.filter((queue) => queue.phase === phase).map((queue) => queue.run(runtime)));
  return results.reduce<DueCounts>((total, counts) => addCounts(total, counts), {});
}

/**
 * `POST /internal/due-work/<phase>` (behind the gateway secret, checked by the subgraph
 * server): the sandbox's `processDueWork` asks every subgraph to run a phase now.
 */
export function dueWorkRoute<L>(runtime: SubgraphRuntime<L>, queues: DueQueue<L>[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const match = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
    if (!match) return false;
    const counts = await runPhase(runtime, queues, match[1] as DuePhase);
    // Subgraphs on other databases see this phase's events before the next phase starts.
    await awaitReplicas(runtime.orm.em as EntityManager);
    sendJson(res, 200, counts);
    return true;
  };
}

/**
 * Runs everything due at the business clock across the stack: each phase on every subgraph
 * at once, phases in order (domain work, then event consumers, then deliveries), so the
 * events of a renewal reach the webhooks in the same run. Call it with no transaction open.
 */
export async function runAllDueWork(graph: Graph): Promise<DueCounts> {
  const total: DueCounts = {};
  for (const phase of DUE_PHASES) {
    // An event applied by one subgraph may record events for another (a command and its
    // result): the events phase runs again while it makes progress, a bounded number of times.
    for (let round = 0; round < (phase === 'events' ? MAX_EVENT_ROUNDS : 1); round++) {
      const results = await Promise.all(SUBGRAPH_NAMES.map((name) => graph.dueWork(name, phase)));
      const applied = results.reduce((sum, counts) => sum + (counts.eventsApplied ?? 0), 0);
      for (const counts of results) addCounts(total, counts);
      if (!applied) break;
    }
  }
  delete total.eventsApplied;
  return total;
}

const MAX_EVENT_ROUNDS = 5;
