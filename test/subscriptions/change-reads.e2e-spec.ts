import { recordStatements } from '../../shared/db/sql-stats';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { mutate, setClock } from './support';
import { scheduleRenewalChange } from './upgrade.fixtures';

/** The statements a change of one subscription reads it with (REL-1, SCH-2, SUB-11). */
describe('what a change of a subscription reads', () => {
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
