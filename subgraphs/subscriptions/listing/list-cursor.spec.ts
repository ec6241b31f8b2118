import 'reflect-metadata';
import fc from 'fast-check';
import { decodeListCursor, encodeListCursor } from './list-cursor';
import { SubscriptionListOrder } from './subscription-list.types';

describe('subscription list cursors', () => {
  it('a cursor names the position it was made from, in its own order only', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 100 }), fc.integer({ min: -8.64e12, max: 8.64e12 }), (id, ms) => {
        const termEnd = new Date(ms);
        const byTermEnd = encodeListCursor(SubscriptionListOrder.TERM_END, { termEnd, id });
        expect(decodeListCursor(SubscriptionListOrder.TERM_END, byTermEnd)).toEqual({ termEnd, id });
        expect(() => decodeListCursor(SubscriptionListOrder.CREATED, byTermEnd)).toThrow('Invalid cursor');
        const created = encodeListCursor(SubscriptionListOrder.CREATED, { id });
        expect(decodeListCursor(SubscriptionListOrder.CREATED, created)).toEqual({ id });
        expect(() => decodeListCursor(SubscriptionListOrder.TERM_END, created)).toThrow('Invalid cursor');
      }),
    );
  });

  it('anything else is BAD_USER_INPUT, never a crash', () => {
    fc.assert(
      fc.property(fc.string(), (cursor) => {
        for (const order of [SubscriptionListOrder.CREATED, SubscriptionListOrder.TERM_END]) {
          try {
            decodeListCursor(order, cursor);
          } catch (error) {
            expect((error as { extensions?: { code?: string } }).extensions?.code).toBe('BAD_USER_INPUT');
          }
        }
      }),
    );
  });
});
