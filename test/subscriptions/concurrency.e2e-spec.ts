import { Client } from 'pg';
import type { RequestContext } from '../../shared/context';
import { changesRefusedInFlight } from '../../shared/metrics';
import { quantityChangesInFlight } from '../../subgraphs/subscriptions/lifecycle/changes-in-flight';
import { recordStatements } from '../../shared/db/sql-stats';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { getSubscription, mutate, setClock } from './support';
import { scheduleRenewalChange } from './upgrade.fixtures';

/** SUB-11: concurrent updates of one subscription never lose an update; what a change reads its subscription with (REL-1, SCH-2). */
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

  /** Quantity changes refused in this process because another was in flight (SUB-11). */
  const refusedSoFar = async () => (await changesRefusedInFlight.get()).values.find((value) => value.labels.change === 'quantity')?.value ?? 0;

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

  it('SUB-11: while a quantity change of a subscription is in flight in the subscriptions process, another change of it by its partner answers CONFLICT before any statement; others are answered as before', async () => {
    const id = await subscription();
    const stranger = await onboardPartner(t);
    const before = await refusedSoFar();
    // A change of the partner's in flight: held as the resolver holds it once its glance found the subscription.
    const partnerCaller = { identity: { userId: 'in-flight', tenantId: partner.id, tenantKind: 'PARTNER', roles: ['ADMIN_AGENT'] } } as unknown as RequestContext<unknown>;
    await quantityChangesInFlight.run(partnerCaller, id, async (claim) => {
      claim();
      const refused = await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 });
      expect(codeOf(refused)).toBe('CONFLICT');
      expect(refused.errors![0].message).toMatch(/being changed by a concurrent request/);
      expect(await refusedSoFar()).toBe(before + 1);
      // A bad quantity is refused as such; another partner learns nothing (ACT-2).
      expect(codeOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 0 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await mutate(t, await stranger.token(['ADMIN_AGENT']), 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 }))).toBe('NOT_FOUND');
      expect(await refusedSoFar()).toBe(before + 1);
    });
    const row = (await t.db.query('select version, quantity from subscriptions.subscription where id = $1', [id])).rows[0];
    expect(row).toEqual({ version: 1, quantity: 10 });
    // Once the change in flight settled, the next one goes through.
    const moved = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 })).updateSubscriptionQuantity;
    expect(moved).toMatchObject({ errors: [], subscription: { quantity: 12, version: 2 } });
  });

  it('SUB-11: while another process holds the subscription row (its unit in flight), a change answers CONFLICT at its first read (the lock of the database, not of the process)', async () => {
    const id = await subscription();
    const before = await refusedSoFar();
    // Another subscriptions process's unit: a session of its own holding the row lock.
    const other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select id from subscriptions.subscription where id = $1 for update', [id]);
      const refused = await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 });
      expect(codeOf(refused)).toBe('CONFLICT');
      expect(refused.errors![0].message).toMatch(/being changed by a concurrent request/);
      // Not refused in this process: the database's lock answered.
      expect(await refusedSoFar()).toBe(before);
      await other.query('rollback');
    } finally {
      await other.end();
    }
    const moved = dataOf(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 })).updateSubscriptionQuantity;
    expect(moved).toMatchObject({ errors: [], subscription: { quantity: 12, version: 2 } });
  });

  const claimRead = (sql: string[]) => sql.filter((text) => /from "subscriptions"\."subscription" as "s"/.test(text) && /for update of "s" nowait/.test(text));
  /** Statements that read `table` on their own. */
  const alone = (sql: string[], table: string) => sql.filter((text) => new RegExp(`^select .* from "subscriptions"\\."${table}"`).test(text));

  it('REL-1, SCH-2, SUB-11: a quantity change reads its subscription, the relationship fact and whether a change is scheduled in one statement that takes the row lock; nothing is read again', async () => {
    const id = await subscription();
    const { result, sql } = await recordStatements(() => mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 12 }));
    expect(dataOf(result).updateSubscriptionQuantity).toMatchObject({ errors: [], subscription: { quantity: 12, version: 2 } });
    const [claimed, ...more] = claimRead(sql);
    expect(more).toEqual([]);
    expect(claimed).toMatch(/relationship_fact/);
    expect(claimed).toMatch(/scheduled_change/);
    expect(alone(sql, 'relationship_fact')).toEqual([]);
    expect(alone(sql, 'scheduled_change')).toEqual([]);
  });

  it('SCH-2: with a change scheduled, the quantity change reads it and deletes it; autorenew off reads the subscription with its facts in one statement too', async () => {
    const id = await subscription();
    expect(dataOf(await scheduleRenewalChange(t, token, { subscriptionId: id, quantity: 15 })).scheduleRenewalChange.errors).toEqual([]);
    const { sql } = await recordStatements(() => mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity: 11 }));
    expect(alone(sql, 'scheduled_change')).toHaveLength(1);
    expect(sql.filter((text) => /delete from "subscriptions"\."scheduled_change"/.test(text))).toHaveLength(1);
    expect((await t.db.query('select count(*)::int as n from subscriptions.scheduled_change where subscription_id = $1', [id])).rows[0].n).toBe(0);

    const other = await subscription();
    const off = await recordStatements(() => mutate(t, token, 'setSubscriptionAutoRenew', { subscriptionId: other, enabled: false }));
    expect(dataOf(off.result).setSubscriptionAutoRenew.errors).toEqual([]);
    expect(alone(off.sql, 'relationship_fact')).toEqual([]);
    expect(alone(off.sql, 'scheduled_change')).toEqual([]);
  });
});
