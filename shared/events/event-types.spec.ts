import type { RequestContext } from '../context';
import { SUBGRAPH_NAMES } from '../config';
import type { EventConsumer } from './consumers';
import type { DomainEvent } from './event-log';
import { EVENT_TYPES, EVENTS, sourcesOf, WEBHOOK_EVENT_TYPES, WEBHOOK_EVENT_WIRE_NAMES } from './event-types';

/**
 * AUD-2: the event map. The compiler holds producers and consumers to it: the lines marked
 * `@ts-expect-error` must not compile (the build fails if one of them ever does).
 */
describe('the event map', () => {
  it('names one producing subgraph and a version for every type; webhook types keep their wire names', () => {
    for (const type of EVENT_TYPES) {
      expect(SUBGRAPH_NAMES).toContain(EVENTS[type].source);
      expect(EVENTS[type].version).toBe(1);
    }
    expect(WEBHOOK_EVENT_TYPES).toEqual(['SUBSCRIPTION_CREATED', 'SUBSCRIPTION_UPDATED', 'SUBSCRIPTION_RENEWED', 'SUBSCRIPTION_CANCELLED', 'RELATIONSHIP_ACCEPTED', 'TRANSFER_REQUESTED', 'TRANSFER_COMPLETED', 'EA_MIGRATION', 'INVOICE_READY']);
    expect(WEBHOOK_EVENT_WIRE_NAMES).toMatchObject({ SUBSCRIPTION_CREATED: 'subscription.created', EA_MIGRATION: 'ea.migration' });
    expect(sourcesOf(['TRANSFER_MOVED', 'RELATIONSHIP_ACCEPTED', 'SUBSCRIPTION_UPDATED'])).toEqual(['customers', 'subscriptions']);
  });

  it('types what producers record and what consumers read', () => {
    const recorded: DomainEvent = { type: 'RELATIONSHIP_REMOVED', resourceType: 'Customer', resourceId: 'cus-1', data: { v: 1, partnerId: 'ptn-1', customerId: 'cus-1' } };
    // @ts-expect-error a payload without its version
    const unversioned: DomainEvent = { type: 'RELATIONSHIP_REMOVED', resourceType: 'Customer', resourceId: 'cus-1', data: { partnerId: 'ptn-1', customerId: 'cus-1' } };
    // @ts-expect-error a payload of another type
    const mismatched: DomainEvent = { type: 'EA_RENEWAL_FAILED', resourceType: 'EaRenewalSchedule', resourceId: 's-1', data: { v: 1, partnerId: 'ptn-1', customerId: 'cus-1' } };
    const reads: EventConsumer<unknown, 'EA_RENEWAL_FAILED'> = {
      name: 'spec.reads',
      types: ['EA_RENEWAL_FAILED'],
      handle: async (_tx: RequestContext<unknown>, event) => {
        const reason: string = event.data.reason;
        // @ts-expect-error a field the payload does not have
        const missing = event.data.failureReason;
        void [reason, missing];
      },
    };
    // @ts-expect-error a consumer's handler receives only the types it lists
    const wrongType: EventConsumer<unknown, 'EA_RENEWAL_FAILED'> = { name: 'spec.wrong', types: ['TRANSFER_MOVED'], handle: async () => undefined };
    expect([recorded, unversioned, mismatched, reads, wrongType]).toHaveLength(5);
  });
});
