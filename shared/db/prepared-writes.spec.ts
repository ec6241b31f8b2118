import { eligibleWrite, parametrize, type Formatting } from './prepared-writes';

describe('writes sent as prepared statements', () => {
  it('takes inserts, updates, deletes and writing CTEs of explicit columns; never a read, nor a `*`', () => {
    expect(eligibleWrite('insert into "s"."t" ("a", "b") values (?, ?)')).toBe(true);
    expect(eligibleWrite('update "s"."t" set "a" = ? where "id" = ? and "version" = ? returning "version"')).toBe(true);
    expect(eligibleWrite('delete from "s"."t" where "id" in (?, ?)')).toBe(true);
    expect(eligibleWrite('with audit as (insert into platform.audit_record (id) select ?) insert into platform.outbox_event (id) values (?)')).toBe(true);
    expect(eligibleWrite('select "r"."id" from "s"."t" as "r" where "r"."id" = ?')).toBe(false);
    expect(eligibleWrite('with x as (select ?) select * from x')).toBe(false);
    expect(eligibleWrite('insert into "s"."t" ("a") values (?) returning *')).toBe(false);
    expect(eligibleWrite('update "s"."t" set "a" = "a" * ? where "id" = ?')).toBe(false);
  });

  const format: Formatting = { date: (date) => `formatted ${date.toISOString()}`, raw: (sql, params) => `${sql}[${params.join(',')}]` };

  it('numbers the placeholders and passes each value as the text the ORM would write in', () => {
    const at = new Date('2027-03-02T10:00:00.123Z');
    const sql = 'insert into "t" ("s", "n", "x", "b", "f", "none", "big", "at", "j") values (?, ?, ?, ?, ?, ?, ?, ?, ?)';
    expect(parametrize(sql, ["it's", 5, 2.5, true, false, null, 12n, at, { a: [1, 'x'] }], format)).toEqual({
      text: 'insert into "t" ("s", "n", "x", "b", "f", "none", "big", "at", "j") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      values: ["it's", 5, 2.5, true, false, null, '12', 'formatted 2027-03-02T10:00:00.123Z', '{"a":[1,"x"]}'],
    });
  });

  it('writes a raw fragment into the text as the ORM writes it, and numbers the values around it', () => {
    const raw = Object.assign(Object.create(null), { sql: '"version" + ?', params: [1] });
    const { RawQueryFragment } = jest.requireActual('@mikro-orm/core');
    const fragment = new RawQueryFragment(raw.sql, raw.params);
    expect(parametrize('update "t" set "q" = ?, "version" = ? where "id" = ?', [3, fragment, 'a'], format)).toEqual({
      text: 'update "t" set "q" = $1, "version" = "version" + ?[1] where "id" = $2',
      values: [3, 'a'],
    });
  });

  it('keeps the statement as text for a list, a buffer, a non-finite number, an invalid date, undefined or a class instance; and when the values do not match the placeholders', () => {
    const sql = 'insert into "t" ("v") values (?)';
    for (const value of [['a', 'b'], Buffer.from('x'), Number.NaN, Number.POSITIVE_INFINITY, new Date(Number.NaN), undefined, new (class Money {})()]) {
      expect(parametrize(sql, [value], format)).toBeUndefined();
    }
    expect(parametrize(sql, ['a', 'b'], format)).toBeUndefined();
    expect(parametrize('insert into "t" ("v", "w") values (?, ?)', ['a'], format)).toBeUndefined();
  });
});
