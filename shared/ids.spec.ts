import { newId } from './ids';

/** Ids: a type prefix, time-ordered (keyset pagination relies on it), never twice. */
describe('newId', () => {
  it('gives a prefix, 32 hex digits, in creation order and never the same id twice (across refills of the random pool)', () => {
    const ids = Array.from({ length: 3000 }, () => newId('sub'));
    for (const id of ids) expect(id).toMatch(/^sub_[0-9a-f]{12}7[0-9a-f]{3}[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const time = (id: string) => id.slice(4, 20);
    for (let i = 1; i < ids.length; i++) expect(time(ids[i]) >= time(ids[i - 1])).toBe(true);
    // The random part is not reused: no 16-digit tail repeats either.
    expect(new Set(ids.map((id) => id.slice(20))).size).toBe(ids.length);
  });
});
