import { consumersOf, EVENT_TYPES, WEBHOOK_EVENT_TYPES } from '../../shared/events/event-types';
import type { SubgraphDefinition } from '../../shared/subgraph';
import { catalogSubgraph } from '../../subgraphs/catalog';
import { customersSubgraph } from '../../subgraphs/customers';
import { subscriptionsSubgraph } from '../../subgraphs/subscriptions';
import { transfersSubgraph } from '../../subgraphs/transfers';

const SUBGRAPHS: SubgraphDefinition<any>[] = [catalogSubgraph, customersSubgraph, subscriptionsSubgraph, transfersSubgraph];

/**
 * AUD-2: the event map names who consumes each type, and a commit wakes only those subgraphs'
 * event queues. The subgraphs' consumers must match it both ways: a consumer of a type the map
 * does not give it would be woken only by its schedule; a subgraph the map names without such a
 * consumer would be woken for nothing.
 */
describe('who consumes each event type', () => {
  it("matches every subgraph's consumers, both ways", () => {
    for (const type of EVENT_TYPES) {
      const consuming = SUBGRAPHS.filter((subgraph) => subgraph.consumers?.some((consumer) => (consumer.types as readonly string[]).includes(type))).map((subgraph) => subgraph.name);
      expect({ type, consumers: consumersOf([type]) }).toEqual({ type, consumers: consuming.sort() });
    }
  });

  it('wakes the webhook fan-out for every webhook type, the owner of a command or answer for it, nobody for the catalog change feed', () => {
    for (const type of WEBHOOK_EVENT_TYPES) expect(consumersOf([type])).toContain('customers');
    expect(consumersOf(['SUBSCRIPTION_CREATED', 'SUBSCRIPTION_UPDATED'])).toEqual(['customers']);
    expect(consumersOf(['RELATIONSHIP_ACCEPTED'])).toEqual(['customers', 'subscriptions']);
    expect(consumersOf(['TRANSFER_MOVED', 'EA_RENEWAL_REQUESTED'])).toEqual(['subscriptions', 'transfers']);
    expect(consumersOf(['PRICE_LIST_IMPORTED', 'NOT_A_TYPE'])).toEqual([]);
  });
});
