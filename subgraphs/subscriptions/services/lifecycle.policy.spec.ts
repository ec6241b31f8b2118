import { BusinessRuleError } from '../../../shared/errors';
import { SubscriptionStatus } from '../../../shared/graphql/enums';
import { assertAllowed, planReduction, reducible, UPDATE_LIMIT, type BatchFacts, type LifecycleFacts } from './lifecycle.policy';

const facts = (extra: Partial<LifecycleFacts> = {}): LifecycleFacts => ({
  id: 'sub_1',
  status: SubscriptionStatus.ACTIVE,
  isTrial: false,
  updateCount: 0,
  termStart: new Date('2027-01-01T00:00:00Z'),
  termEnd: new Date('2027-12-31T23:59:59.999Z'),
  ...extra,
});
const at = (iso: string) => new Date(iso);
const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof BusinessRuleError ? error.code : ((error as { extensions?: { code?: string } }).extensions?.code ?? 'OTHER');
  }
};

describe('lifecycle policy', () => {
  it('SUB-1/SUB-5: illegal transitions are INVALID_STATE; CANCELLED is terminal', () => {
    expect(codeOf(() => assertAllowed('reactivate', facts(), at('2027-02-01T00:00:00Z')))).toBe('INVALID_STATE');
    for (const action of ['changeQuantity', 'setAutoRenew', 'suspend', 'reactivate', 'cancel', 'setReseller'] as const) {
      expect(codeOf(() => assertAllowed(action, facts({ status: SubscriptionStatus.CANCELLED }), at('2027-02-01T00:00:00Z')))).toBe('INVALID_STATE');
    }
  });

  it('SUB-8: autorenew, suspension and reactivation conflict from 00:00 UTC after the end date; quantity does not', () => {
    const renewing = at('2028-01-01T00:00:00Z');
    expect(codeOf(() => assertAllowed('setAutoRenew', facts(), renewing))).toBe('CONFLICT');
    expect(codeOf(() => assertAllowed('suspend', facts(), renewing))).toBe('CONFLICT');
    expect(codeOf(() => assertAllowed('reactivate', facts({ status: SubscriptionStatus.SUSPENDED }), renewing))).toBe('CONFLICT');
    expect(codeOf(() => assertAllowed('changeQuantity', facts(), renewing))).toBeUndefined();
    expect(codeOf(() => assertAllowed('setAutoRenew', facts(), at('2027-12-31T23:59:59.999Z')))).toBeUndefined();
  });

  it('SUB-4 and TRI-1', () => {
    expect(codeOf(() => assertAllowed('setAutoRenew', facts({ updateCount: UPDATE_LIMIT }), at('2027-02-01T00:00:00Z')))).toBe('UPDATE_LIMIT_REACHED');
    expect(codeOf(() => assertAllowed('cancel', facts({ updateCount: UPDATE_LIMIT }), at('2027-02-01T00:00:00Z')))).toBeUndefined();
    expect(codeOf(() => assertAllowed('changeQuantity', facts({ isTrial: true }), at('2027-02-01T00:00:00Z')))).toBe('TRIAL_LOCKED');
    expect(codeOf(() => assertAllowed('setAutoRenew', facts({ isTrial: true }), at('2027-02-01T00:00:00Z')))).toBeUndefined();
  });

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
  });

  it('SUB-2: a reduction takes from the most recent open batch first', () => {
    expect(planReduction(batches, 5, at('2027-01-06T00:00:00Z'))).toEqual([
      { batchId: 'b2', take: 3 },
      { batchId: 'b1', take: 2 },
    ]);
    expect(() => planReduction(batches, 4, at('2027-01-09T00:00:00Z'))).toThrow(/Only 3/);
  });
});
