import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { planMoveOut, planReduction, reducible, type BatchFacts } from './license-batches';

const at = (iso: string) => new Date(iso);

describe('license batches (SUB-2)', () => {
  const batches: BatchFacts[] = [
    { id: 'b1', quantity: 10, removed: 0, addedAt: at('2027-01-01T00:00:00Z'), reducibleUntil: at('2027-01-08T00:00:00Z') },
    { id: 'b2', quantity: 4, removed: 1, addedAt: at('2027-01-05T00:00:00Z'), reducibleUntil: at('2027-01-12T00:00:00Z') },
  ];

  it('SUB-2: reducible licenses are those of open batches, until the earliest open deadline', () => {
    expect(reducible(batches, at('2027-01-06T00:00:00Z'), SubscriptionStatus.ACTIVE, false)).toEqual({ quantity: 13, until: at('2027-01-08T00:00:00Z'), reason: null });
    expect(reducible(batches, at('2027-01-09T00:00:00Z'), SubscriptionStatus.ACTIVE, false)).toEqual({ quantity: 3, until: at('2027-01-12T00:00:00Z'), reason: null });
    const none = reducible(batches, at('2027-01-12T00:00:00Z'), SubscriptionStatus.ACTIVE, false);
    expect(none.quantity).toBe(0);
    expect(none.reason).toMatch(/2027-01-12T00:00:00.000Z/);
    expect(reducible(batches, at('2027-01-06T00:00:00Z'), SubscriptionStatus.SUSPENDED, false).reason).toMatch(/SUSPENDED/);
    expect(reducible(batches, at('2027-01-06T00:00:00Z'), SubscriptionStatus.ACTIVE, true).reason).toMatch(/TRI-1/);
  });

  it('SUB-2: a reduction takes from the most recent open batch first', () => {
    expect(planReduction(batches, 5, at('2027-01-06T00:00:00Z'))).toEqual({ ok: true, plan: [{ batchId: 'b2', take: 3 }, { batchId: 'b1', take: 2 }] });
    expect(planReduction(batches, 4, at('2027-01-09T00:00:00Z'))).toEqual({ ok: false, available: 3 });
  });

  it('UPG-4: licenses moved out by an upgrade leave the most recent batches first, open or not', () => {
    expect(planMoveOut(batches, 5)).toEqual([{ batchId: 'b2', take: 3 }, { batchId: 'b1', take: 2 }]);
    expect(planMoveOut(batches, 13)).toEqual([{ batchId: 'b2', take: 3 }, { batchId: 'b1', take: 10 }]);
  });
});
