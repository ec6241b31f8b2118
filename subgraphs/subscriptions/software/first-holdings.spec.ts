import { SubscriptionStatus } from '../../../shared/graphql/enums';
import type { Subscription } from '../entities/subscription.entity';
import { firstHoldings } from './software.loaders';

const sub = (id: string, offerId: string, status: SubscriptionStatus, customerId = 'cus-1') => ({ id, offerId, status, customerId }) as Subscription;

describe('firstHoldings (CAT-4)', () => {
  it("keeps the first of all partners and the first the caller sees, earliest first, with the id only of the caller's own", () => {
    // Another partner's subscription came first; the caller's own came later.
    const all = [sub('sub-01', 'o-1', SubscriptionStatus.ACTIVE), sub('sub-05', 'o-1', SubscriptionStatus.SUSPENDED)];
    const seen = [sub('sub-03', 'o-1', SubscriptionStatus.ACTIVE)];
    expect(firstHoldings(all, seen)).toEqual([
      { customerId: 'cus-1', offerId: 'o-1', subscriptionId: null, status: 'ACTIVE' },
      { customerId: 'cus-1', offerId: 'o-1', subscriptionId: 'sub-03', status: 'ACTIVE' },
      { customerId: 'cus-1', offerId: 'o-1', subscriptionId: null, status: 'SUSPENDED' },
    ]);
  });

  it("a first of all partners that is the caller's own appears once, with its id", () => {
    const own = sub('sub-02', 'o-2', SubscriptionStatus.PENDING);
    expect(firstHoldings([own], [own])).toEqual([{ customerId: 'cus-1', offerId: 'o-2', subscriptionId: 'sub-02', status: 'PENDING' }]);
  });
});
