import { numberedPlaceholders, textArray } from './prepared';

describe('prepared read statements', () => {
  it("numbers the ORM's placeholders in the order it fills them, inside string literals too, as its own formatting does", () => {
    expect(numberedPlaceholders('select * from t where a = ? and b in (?, ?) limit ?')).toBe('select * from t where a = $1 and b in ($2, $3) limit $4');
    expect(numberedPlaceholders("select '?' as x, y from t where id = ?")).toBe("select '$1' as x, y from t where id = $2");
    expect(numberedPlaceholders('select 1')).toBe('select 1');
  });

  it('leaves to the ORM a text with an escaped question mark or an identifier placeholder, which the ORM writes in itself', () => {
    expect(numberedPlaceholders('select data \\? ? from t')).toBeUndefined();
    expect(numberedPlaceholders('select ?? from t where id = ?')).toBeUndefined();
  });

  it('writes parent ids as one text[] literal, quotes and backslashes escaped', () => {
    expect(textArray(['c-1', 'c-2'])).toBe('{"c-1","c-2"}');
    expect(textArray(['a"b', 'c\\d', 'e,f', '{g}'])).toBe('{"a\\"b","c\\\\d","e,f","{g}"}');
    expect(textArray([])).toBe('{}');
  });

  it('writes a null as NULL and a number as its digits, so one literal fills an int[] or timestamptz[] parameter too', () => {
    expect(textArray([null, 'NULL', 200, 'x'])).toBe('{NULL,"NULL","200","x"}');
  });
});
