import { until } from '../support/processes';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { setClock } from '../subscriptions/support';

const E3 = 'offer-m365-e3-no-teams';
const DAY = 24 * 3600_000;

/**
 * The business clock kept in each process (shared/clock-cache.ts). Each subgraph of the stack
 * keeps its own reading and listens on its own connection, as separate processes do: the clock
 * is moved through the customers subgraph and read by the subscriptions subgraph (a cart's
 * `createdAt` is the business clock's now when it was created).
 */
describe('business clock kept in the process', () => {
  const t = useStack();
  let partner: TestPartner;
  let customerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    customerId = (await createCustomer(t, partner)).id;
  });

  const newCart = async () => {
    const { body, sql } = await t.countedGql(await partner.token(['ADMIN_AGENT']), `mutation($input: CreateCartInput!) { createCart(input: $input) { cart { id createdAt } errors { code } } }`, {
      input: { customerId, lines: [{ offerId: E3, quantity: 1 }] },
    });
    const created = dataOf(body).createCart;
    expect(created.errors).toEqual([]);
    return { createdAt: Date.parse(created.cart.createdAt), readClock: sql.some((text) => text.includes('business_clock')) };
  };
  const clockNow = async () => Date.parse(dataOf(await t.gql(await t.operatorToken(), '{ sandboxClock }')).sandboxClock);
  /** The clock's listeners of this database, once each has acknowledged the clock's last change. */
  const acknowledged = async () =>
    (
      await t.db.query(`select count(*)::int as n from pg_stat_activity a, platform.business_clock c
        where c.id = 1 and a.datname = current_database() and a.application_name = 'csp-clock ' || c.xmin::text`)
    ).rows[0].n as number;

  it('a process reads the clock once and keeps it; the very next request of another subgraph after setSandboxClock sees the new time', async () => {
    await until('every subgraph listening', async () => ((await acknowledged()) === 4 ? true : undefined));
    await newCart();
    const kept = await newCart();
    expect(kept.readClock).toBe(false);

    let target = (await clockNow()) + 30 * DAY;
    for (let step = 0; step < 5; step += 1) {
      target += DAY + step * 3600_000;
      await setClock(t, new Date(target).toISOString());
      const next = await newCart();
      expect(next.readClock).toBe(true);
      expect(next.createdAt).toBeGreaterThanOrEqual(target);
      expect(next.createdAt - target).toBeLessThan(60_000);
      const again = await newCart();
      expect(again.readClock).toBe(false);
      expect(again.createdAt).toBeGreaterThanOrEqual(next.createdAt);
    }
  });

  it('without its listening connection a process reads the database on every request, and keeps the clock again once it listens again', async () => {
    const killed = await t.db.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name like 'csp-clock%'`);
    expect(killed.rowCount).toBe(4);
    let target = (await clockNow()) + 7 * DAY;
    await setClock(t, new Date(target).toISOString());
    const first = await newCart();
    expect(first.createdAt).toBeGreaterThanOrEqual(target);
    expect(first.createdAt - target).toBeLessThan(60_000);

    await until('every subgraph listening again', async () => ((await acknowledged()) === 4 ? true : undefined));
    await newCart();
    expect((await newCart()).readClock).toBe(false);
    target += DAY;
    await setClock(t, new Date(target).toISOString());
    const moved = await newCart();
    expect(moved.createdAt).toBeGreaterThanOrEqual(target);
    expect(moved.createdAt - target).toBeLessThan(60_000);
  });
});
