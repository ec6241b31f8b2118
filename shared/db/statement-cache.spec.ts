import { raw } from '@mikro-orm/core';
import { shapeOf, statementCacheStats, statementFor } from './statement-cache';

/** A builder that writes each string of the where as a parameter, as the ORM does. */
function passThrough(where: unknown) {
  const params: unknown[] = [];
  const sql = `select * from t where ${JSON.stringify(where, (key, value) => {
    if (typeof value !== 'string') return value;
    params.push(value);
    return `$${params.length}`;
  })}`;
  return { sql, params };
}

describe('statement cache (read models)', () => {
  it('takes the strings out of a where, in order, and keeps everything else in its shape', () => {
    const found = shapeOf({ $and: [{ id: { $in: ['a', 'b'] } }, { status: 'ACTIVE', seats: 3, trial: false, reseller: null }] });
    expect(found?.strings).toEqual(['a', 'b', 'ACTIVE']);
    expect(found?.shape).toBe('{"$and":[{"id":{"$in":[?,?]}},{"status":?,"seats":3,"trial":false,"reseller":null}]}');
    // Another length of an `in` list, another number: another shape.
    expect(shapeOf({ id: { $in: ['a'] } })?.shape).not.toBe(shapeOf({ id: { $in: ['a', 'b'] } })?.shape);
    expect(shapeOf({ seats: 4 })?.shape).not.toBe(shapeOf({ seats: 3 })?.shape);
  });

  it('refuses to shape what it cannot see through: dates, instances, raw fragments and raw keys', () => {
    expect(shapeOf({ createdAt: { $gte: new Date(0) } })).toBeUndefined();
    expect(shapeOf({ id: raw('1') })).toBeUndefined();
    expect(shapeOf({ [raw('lower(name)')]: 'x' })).toBeUndefined();
    expect(shapeOf({ offer: new (class Offer { id = 'o' })() })).toBeUndefined();
  });

  it('builds a shape once and fills in the values of each call as parameters', () => {
    const build = jest.fn(passThrough);
    const first = statementFor('spec-a', { tenant: 'ptn-1', id: { $in: ['c1', 'c2'] } }, build);
    const before = statementCacheStats().hits;
    const second = statementFor('spec-a', { tenant: 'ptn-2', id: { $in: ['c3', 'c4'] } }, build);
    expect(build).toHaveBeenCalledTimes(1);
    expect(statementCacheStats().hits).toBe(before + 1);
    expect(second.sql).toBe(first.sql);
    expect(first.params).toEqual(['ptn-1', 'c1', 'c2']);
    expect(second.params).toEqual(['ptn-2', 'c3', 'c4']);
  });

  it('never caches a shape whose values the builder converted, inlined or dropped', () => {
    const converted = jest.fn((where: unknown) => ({ sql: 'select 1 where x = $1', params: [String((where as { x: string }).x).toUpperCase()] }));
    expect(statementFor('spec-converted', { x: 'a' }, converted).params).toEqual(['A']);
    expect(statementFor('spec-converted', { x: 'b' }, converted).params).toEqual(['B']);
    const inlined = jest.fn((where: unknown) => ({ sql: `select 1 where x = '${(where as { x: string }).x}'`, params: [] }));
    expect(statementFor('spec-inlined', { x: 'a' }, inlined).sql).toBe("select 1 where x = 'a'");
    expect(statementFor('spec-inlined', { x: 'b' }, inlined).sql).toBe("select 1 where x = 'b'");
    const wrapped = jest.fn((where: unknown) => ({ sql: 'select 1 where x = any($1)', params: [[(where as { x: string }).x]] }));
    expect(statementFor('spec-wrapped', { x: 'a' }, wrapped).params).toEqual([['a']]);
    expect(statementFor('spec-wrapped', { x: 'b' }, wrapped).params).toEqual([['b']]);
  });

  it('a builder that refuses the markers (it checks the values) builds that shape every time, with the real values', () => {
    const checking = jest.fn((where: unknown) => {
      const { code } = where as { code: string };
      if (!/^[A-Z]{2}$/.test(code)) throw new Error('not a country code');
      return { sql: 'select 1 where code = $1', params: [code] };
    });
    expect(statementFor('spec-checking', { code: 'DE' }, checking).params).toEqual(['DE']);
    expect(statementFor('spec-checking', { code: 'AT' }, checking).params).toEqual(['AT']);
    expect(() => statementFor('spec-checking', { code: 'nope' }, checking)).toThrow('not a country code');
  });

  it('builds an uncacheable where every time, with its own values', () => {
    const build = jest.fn(passThrough);
    const at = new Date('2031-01-01T00:00:00Z');
    statementFor('spec-date', { at }, build);
    statementFor('spec-date', { at }, build);
    expect(build).toHaveBeenCalledTimes(2);
  });
});
