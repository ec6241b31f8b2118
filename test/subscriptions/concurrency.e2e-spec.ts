import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { getSubscription, mutate, setClock } from './support';

/** SUB-11: concurrent updates of one subscription never lose an update. */
describe('optimistic concurrency (SUB-11)', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
    await setClock(t, '2027-03-02T00:00:00Z');
  });

  const subscription = async (): Promise<string> => {
    const { payload } = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 10 }]);
    expect(payload.errors).toEqual([]);
    return payload.order.lines[0].subscription.id;
  };

  it('SUB-11: expectedVersion that is no longer current answers CONFLICT', async () => {
    const id = await subscription();
    const first = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 11, expectedVersion: 1 }));
    expect(first.updateSubscriptionQuantity.subscription.version).toBe(2);
    const stale = await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12, expectedVersion: 1 });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0].message).toMatch(/version 2, not 1/);
    expect((await getSubscription(t, token, id)).quantity).toBe(11);
  });

  it('SUB-11: of parallel updates at the same expected version one wins and the others get CONFLICT', async () => {
    const id = await subscription();
    const results = await Promise.all(
      [11, 12, 13, 14, 15, 16].map((quantity) => mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity, expectedVersion: 1 })),
    );
    const winners = results.filter((r) => !r.errors && r.data?.updateSubscriptionQuantity.errors.length === 0);
    const conflicts = results.filter((r) => codeOf(r) === 'CONFLICT');
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(5);
    const final = await getSubscription(t, token, id);
    expect(final.quantity).toBe(winners[0].data.updateSubscriptionQuantity.subscription.quantity);
    expect(final.version).toBe(2);
    const batches = await t.db.query('select count(*)::int as n from subscriptions.license_batch where subscription_id = $1', [id]);
    expect(batches.rows[0].n).toBe(2);
  });

  it('SUB-11: an update to the quantity the subscription already has changes nothing: it answers the current version, with no ledger line', async () => {
    const id = await subscription();
    const moved = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 })).updateSubscriptionQuantity;
    expect(moved.subscription).toMatchObject({ quantity: 12, version: 2 });
    const again = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 })).updateSubscriptionQuantity;
    expect(again).toMatchObject({ errors: [], subscription: { quantity: 12, version: 2 } });
    const row = (await t.db.query('select version, update_count from subscriptions.subscription where id = $1', [id])).rows[0];
    expect(row).toEqual({ version: 2, update_count: 1 });
    const entries = await t.db.query(`select count(*)::int as n from subscriptions.ledger_entry where subscription_id = $1`, [id]);
    expect(entries.rows[0].n).toBe(2);
  });

  it('SUB-11: identical parallel updates move the row once: every answer is either that change, the same state seen again, or CONFLICT', async () => {
    const id = await subscription();
    const results = await Promise.all(Array.from({ length: 10 }, () => mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 17 })));
    for (const r of results) if (r.errors) expect(codeOf(r)).toBe('CONFLICT');
    const answers = results.filter((r) => !r.errors).map((r) => r.data.updateSubscriptionQuantity);
    expect(answers.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) expect(answer).toMatchObject({ errors: [], subscription: { quantity: 17, version: 2 } });
    const row = (await t.db.query('select version, quantity, update_count from subscriptions.subscription where id = $1', [id])).rows[0];
    expect(row).toEqual({ version: 2, quantity: 17, update_count: 1 });
    const entries = await t.db.query(`select count(*)::int as n from subscriptions.ledger_entry where subscription_id = $1`, [id]);
    expect(entries.rows[0].n).toBe(2);
  });

  it('SUB-11: parallel writers without expectedVersion never lose an update: every success is recorded, the rest conflict', async () => {
    const id = await subscription();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2 ? mutate(t, token, 'setSubscriptionAutoRenew', { subscriptionId: id, enabled: i % 4 === 1 }) : mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 20 + i }),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    for (const r of results) if (r.errors) expect(codeOf(r)).toBe('CONFLICT');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const row = (await t.db.query('select version, update_count from subscriptions.subscription where id = $1', [id])).rows[0];
    expect(row.version).toBe(1 + ok.length);
    expect(row.update_count).toBe(ok.length);
    const quantityWins = ok.filter((r) => r.data.updateSubscriptionQuantity).length;
    // Each winning quantity change left exactly one charge or refund besides the purchase.
    const entries = await t.db.query(`select count(*)::int as n from subscriptions.ledger_entry where subscription_id = $1`, [id]);
    expect(entries.rows[0].n).toBe(1 + quantityWins);
  });
});
