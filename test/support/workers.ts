import type { MikroORM } from '@mikro-orm/postgresql';
import { createOrm } from '../../shared/db/orm';
import type { SubgraphRuntime } from '../../shared/jobs/due-queue';
import { createRuntime, type SubgraphDefinition } from '../../shared/subgraph';
import type { PeerCaches } from '../../shared/entity-cache/peer-caches';
import type { TestStack } from './stack';

/**
 * Other worker processes of a subgraph on the test stack's database, as a second process of
 * `npm start` would run: each runtime with its own ORM and pool, the stack's subgraphs as peers.
 * The file closes their pools and stops their peer caches' feeds (`close`, in its `afterAll`,
 * after whatever still uses them).
 */
export class Workers {
  private readonly orms: MikroORM[] = [];
  private readonly caches: PeerCaches[] = [];

  constructor(private readonly t: TestStack) {}

  async runtime<L>(definition: SubgraphDefinition<L>, poolMax = 4): Promise<SubgraphRuntime<L>> {
    const orm = await createOrm({ clientUrl: this.t.databaseUrl, schema: definition.name, entities: definition.entities, migrations: [], poolMax });
    this.orms.push(orm);
    const peers = Object.fromEntries(Object.entries(this.t.stack.subgraphs).map(([name, running]) => [name, running.url])) as Parameters<typeof createRuntime>[2];
    const runtime = createRuntime(definition, orm, peers);
    if (runtime.peerCaches) this.caches.push(runtime.peerCaches);
    return runtime;
  }

  async close(): Promise<void> {
    for (const caches of this.caches.splice(0)) await caches.stop();
    for (const orm of this.orms.splice(0)) await orm.close();
  }
}
