import { Pool } from 'pg';
import type { EntityManager } from '../../shared/db/orm';
import { preparedStatementStats, readPrepared, textArray } from '../../shared/db/prepared';
import { useStack } from '../support/stack';

describe('read statements prepared in PostgreSQL', () => {
  const t = useStack();
  // One pooled connection, so every read lands on the connection that prepared its statement
  // (ended after each test, before the file's database is dropped).
  let pool: Pool;
  beforeEach(() => {
    pool = new Pool({ connectionString: t.databaseUrl, max: 1 });
  });
  afterEach(() => pool.end());

  /**
   * What readPrepared uses of an entity manager, over that pool; its ORM path writes the values
   * into the text, as the ORM does, and is recorded in `viaOrm`.
   */
  function oneConnection(viaOrm: string[], transaction?: object): EntityManager {
    return {
      getTransactionContext: () => transaction,
      getConnection: () => ({
        getNativeClient: async () => pool,
        execute: async (sql: string, params: unknown[]) => {
          viaOrm.push(sql);
          let n = 0;
          return (await pool.query(sql.replace(/\?/g, () => `'${String(params[n++]).replace(/'/g, "''")}'`))).rows;
        },
      }),
    } as unknown as EntityManager;
  }

  it('a prepared `select *` keeps answering after a column is added and dropped under it (a migration while the service runs)', async () => {
    await t.db.query(`create table public.prepared_probe (id text primary key, n int); insert into public.prepared_probe values ('a', 1), ('b', 2)`);
    const viaOrm: string[] = [];
    const em = oneConnection(viaOrm);
    const read = () => readPrepared(em, { sql: `select "r".* from "public"."prepared_probe" as "r" where "r"."id" in (?, ?) order by "r"."id"`, params: ['a', 'b'] });
    expect(await read()).toEqual([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);
    const before = preparedStatementStats();
    await t.db.query('alter table public.prepared_probe add column note text');
    expect(await read()).toEqual([{ id: 'a', n: 1, note: null }, { id: 'b', n: 2, note: null }]);
    await t.db.query('alter table public.prepared_probe drop column n');
    expect(await read()).toEqual([{ id: 'a', note: null }, { id: 'b', note: null }]);
    expect(preparedStatementStats().executions - before.executions).toBe(2);
    expect(viaOrm).toEqual([]);
  });

  it('a text PostgreSQL cannot prepare (a parameter of no type it can tell) runs through the ORM, from then on without trying', async () => {
    const viaOrm: string[] = [];
    const em = oneConnection(viaOrm);
    const statement = { sql: `select ? is null as missing`, params: ['x'] };
    expect(await readPrepared(em, statement)).toEqual([{ missing: false }]);
    expect(viaOrm).toEqual([statement.sql]);
    expect(preparedStatementStats().refused).toContain(statement.sql);
    expect(await readPrepared(em, statement)).toEqual([{ missing: false }]);
    expect(viaOrm).toEqual([statement.sql, statement.sql]);
  });

  it("inside a transaction a read goes through the ORM, on the transaction's connection, never prepared beside it", async () => {
    const viaOrm: string[] = [];
    const before = preparedStatementStats();
    const statement = { sql: `select ? = 'a' as same`, params: ['a'] };
    expect(await readPrepared(oneConnection(viaOrm, { transaction: true }), statement)).toEqual([{ same: true }]);
    expect(viaOrm).toEqual([statement.sql]);
    expect(preparedStatementStats().executions).toBe(before.executions);
  });

  it('a list as one text[] parameter comes back value for value, prepared or written in by the ORM', async () => {
    const values = ['plain', 'with "quotes"', 'back\\slash', "it's", 'comma,brace{}', 'NULL', ''];
    const statement = { sql: `select v from unnest(?::text[]) with ordinality as u(v, i) order by i`, params: [textArray(values)] };
    const prepared = await readPrepared(oneConnection([]), statement);
    const viaOrm = await readPrepared(oneConnection([], { transaction: true }), statement);
    expect(prepared.map((row) => row.v)).toEqual(values);
    expect(viaOrm).toEqual(prepared);
  });

  it('DB_PREPARED_STATEMENTS=false sends every read through the ORM, as text', async () => {
    const viaOrm: string[] = [];
    const before = preparedStatementStats();
    const statement = { sql: `select ? = 'a' as same`, params: ['a'] };
    process.env.DB_PREPARED_STATEMENTS = 'false';
    try {
      expect(await readPrepared(oneConnection(viaOrm), statement)).toEqual([{ same: true }]);
      expect(viaOrm).toEqual([statement.sql]);
      expect(preparedStatementStats().executions).toBe(before.executions);
      process.env.DB_PREPARED_STATEMENTS = '0';
      await readPrepared(oneConnection(viaOrm), statement);
      expect(viaOrm).toHaveLength(2);
      delete process.env.DB_PREPARED_STATEMENTS;
      await readPrepared(oneConnection(viaOrm), statement);
      expect(viaOrm).toHaveLength(2);
      expect(preparedStatementStats().executions).toBe(before.executions + 1);
    } finally {
      delete process.env.DB_PREPARED_STATEMENTS;
    }
  });
});
