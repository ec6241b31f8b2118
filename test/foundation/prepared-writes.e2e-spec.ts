import type { MikroORM } from '@mikro-orm/postgresql';
import { createOrm } from '../../shared/db/orm';
import { preparedWrite, preparedWriteChecks, preparedWriteStats } from '../../shared/db/prepared-writes';
import { recordStatementsWithParams } from '../../shared/db/sql-stats';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy } from '../subscriptions/checkout.fixtures';
import { mutate, setClock } from '../subscriptions/support';

describe('writes prepared in PostgreSQL, inside units of work too', () => {
  const t = useStack();

  it("a unit's writes go as prepared statements once PostgreSQL has prepared their texts: the same rows", async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token(['ADMIN_AGENT']);
    const customerId = (await createCustomer(t, partner)).id;
    await setClock(t, '2027-03-02T00:00:00Z');
    const { payload } = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 10 }]);
    const id = payload.order.lines[0].subscription.id;
    const change = (quantity: number) => recordStatementsWithParams(() => mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity }));

    const first = await change(11);
    expect(dataOf(first.result).updateSubscriptionQuantity.subscription).toMatchObject({ quantity: 11, version: 2 });
    await preparedWriteChecks();
    const before = preparedWriteStats().executions;
    const second = await change(12);
    expect(dataOf(second.result).updateSubscriptionQuantity.subscription).toMatchObject({ quantity: 12, version: 3 });

    // The writes among its statements now go prepared.
    const writes = second.statements.filter(({ sql }) => /^\s*(insert|update|with)\b/i.test(sql) && !sql.includes('*'));
    expect(writes.some(({ sql }) => sql.startsWith('update "subscriptions"."subscription"'))).toBe(true);
    expect(writes.some(({ sql }) => sql.includes('insert into platform.outbox_event'))).toBe(true);
    for (const { sql, params } of writes) expect([sql, preparedWrite(sql, params)]).toEqual([sql, true]);
    expect(preparedWriteStats().executions - before).toBeGreaterThanOrEqual(writes.length);

    const row = (await t.db.query('select quantity, version, update_count from subscriptions.subscription where id = $1', [id])).rows[0];
    expect(row).toEqual({ quantity: 12, version: 3, update_count: 2 });
    const ledger = await t.db.query('select count(*)::int as n from subscriptions.ledger_entry where subscription_id = $1', [id]);
    expect(ledger.rows[0].n).toBe(3);
    const events = await t.db.query(`select count(*)::int as n from platform.outbox_event where resource_id = $1 and type = 'SUBSCRIPTION_UPDATED'`, [id]);
    expect(events.rows[0].n).toBe(2);
  });

  describe('through an ORM of this project', () => {
    let orm: MikroORM;
    beforeAll(async () => {
      await t.db.query(`create table public.pw_probe (id text primary key, s text, n int, x numeric(12, 4), b boolean, at timestamptz, day date, j jsonb, big bigint, none text)`);
      orm = await createOrm({ clientUrl: t.databaseUrl, schema: 'public', entities: [], migrations: [], poolMax: 2 });
    });
    afterAll(() => orm.close());

    const execute = (sql: string, params: unknown[], ctx?: unknown) => orm.em.getConnection().execute(sql, params, 'run', ctx as never);
    const INSERT = 'insert into "public"."pw_probe" ("id", "s", "n", "x", "b", "at", "day", "j", "big", "none") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    const values = (id: string) => [id, `it's a "quote" and a \\ backslash`, -7, 1234.5678, true, new Date('2027-03-02T10:15:30.123Z'), '2027-03-02', { lines: [{ k: 'a', n: 1 }], note: null }, 9007199254740993n, null];
    const row = async (id: string) => {
      const { rows } = await t.db.query('select s, n, x::text, b, at, day::text, j, big::text, none from public.pw_probe where id = $1', [id]);
      return rows[0];
    };

    it('every kind of value lands as the text the ORM writes in would land', async () => {
      const first = preparedWriteStats().executions;
      await execute(INSERT, values('as-text'));
      // Its first time: as text, while PostgreSQL checks it beside.
      expect(preparedWriteStats().executions).toBe(first);
      await preparedWriteChecks();
      expect(preparedWrite(INSERT, values('any'))).toBe(true);
      const before = preparedWriteStats().executions;
      await execute(INSERT, values('prepared'));
      expect(preparedWriteStats().executions).toBe(before + 1);
      expect(await row('prepared')).toEqual(await row('as-text'));
      expect((await row('prepared')).big).toBe('9007199254740993');
    });

    it("a prepared write runs on its transaction's connection: undone with it, kept with it", async () => {
      await preparedWriteChecks();
      expect(preparedWrite(INSERT, values('any'))).toBe(true);
      await expect(
        orm.em.fork().transactional(async (em) => {
          await execute(INSERT, values('rolled-back'), em.getTransactionContext());
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await row('rolled-back')).toBeUndefined();
      const before = preparedWriteStats().executions;
      await orm.em.fork().transactional(async (em) => {
        await execute(INSERT, values('committed'), em.getTransactionContext());
        // The connection holds it as a named statement (parsed once, planned once).
        const held = await em.getConnection().execute<{ name: string; statement: string }[]>('select name, statement from pg_prepared_statements', [], 'all', em.getTransactionContext());
        expect(held.filter((row) => row.statement.startsWith('insert into "public"."pw_probe"') && row.statement.includes('$10')).map((row) => row.name)).toEqual([expect.stringMatching(/^write_\d+$/)]);
      });
      expect(preparedWriteStats().executions).toBe(before + 1);
      expect(await row('committed')).toEqual(await row('as-text'));
    });

    it('a text PostgreSQL cannot prepare (a parameter of no type it can tell) keeps going as text, and works', async () => {
      const sql = 'insert into "public"."pw_probe" ("id", "b") select ?, ? is null';
      await execute(sql, ['unknown-1', 'x']);
      await preparedWriteChecks();
      expect(preparedWrite(sql, ['unknown-2', null])).toBe(false);
      await execute(sql, ['unknown-2', null]);
      const { rows } = await t.db.query(`select id, b from public.pw_probe where id like 'unknown-%' order by id`);
      expect(rows).toEqual([
        { id: 'unknown-1', b: false },
        { id: 'unknown-2', b: true },
      ]);
    });

    it('after a migration changes what a prepared write returns, the write goes as text (at once outside a transaction)', async () => {
      const sql = 'update "public"."pw_probe" set "n" = ? where "id" = ? returning "n"';
      await execute(sql, [1, 'as-text']);
      await preparedWriteChecks();
      expect(preparedWrite(sql, [4, 'as-text'])).toBe(true);
      // Both pooled connections prepare it.
      await Promise.all([execute(sql, [2, 'as-text']), execute(sql, [3, 'prepared'])]);
      await t.db.query('alter table public.pw_probe alter column n type bigint');
      const result = await orm.em.getConnection().execute<{ rows: { n: string }[] }>(sql, [4, 'as-text'], 'run');
      expect(result.rows).toEqual([{ n: '4' }]);
      expect(preparedWrite(sql, [4, 'as-text'])).toBe(false);
    });

    it('DB_PREPARED_STATEMENTS=false: every write as text', async () => {
      const sql = 'delete from "public"."pw_probe" where "id" = ? and "n" is null';
      const previous = process.env.DB_PREPARED_STATEMENTS;
      process.env.DB_PREPARED_STATEMENTS = 'false';
      try {
        await execute(sql, ['unknown-1']);
        await preparedWriteChecks();
        expect(preparedWrite(sql, ['unknown-1'])).toBe(false);
      } finally {
        if (previous === undefined) delete process.env.DB_PREPARED_STATEMENTS;
        else process.env.DB_PREPARED_STATEMENTS = previous;
      }
      expect((await t.db.query(`select count(*)::int as n from public.pw_probe where id = 'unknown-1'`)).rows[0].n).toBe(0);
    });
  });
});
