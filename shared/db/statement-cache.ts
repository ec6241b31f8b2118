/**
 * The SQL of read-model queries, built by the ORM once per shape. Building a statement from a
 * `where` (criteria nodes, aliasing, field mapping) costs the ORM more than PostgreSQL spends
 * running it; a page or a batch of references asks the same shape on every request with other
 * values. The shape is the `where` with its strings taken out (ids, tenant ids, statuses); the
 * strings go back in as the statement's parameters.
 *
 * A shape is cached only when the ORM passed every string through as a parameter of its own,
 * unchanged: a value it converts, inlines or copies, and any value other than a plain string,
 * number, boolean or null (a Date, an entity, a raw fragment, a raw key), keeps that shape on the ORM's
 * builder every time. A value is never part of the cached SQL text, so one tenant's statement
 * cannot carry another's ids.
 */

/**
 * A statement as the ORM's builder gives it: SQL with `?` placeholders and their values.
 * `fixed` when its text is the same for every value (a cached shape): it may then run prepared.
 */
export interface BuiltStatement {
  sql: string;
  params: readonly unknown[];
  fixed?: boolean;
}

/** One parameter of a cached statement: the n-th string of the `where`, or a constant of the shape. */
type Param = { slot: number } | { constant: number | boolean | null };

interface Statement {
  sql: string;
  params: readonly Param[];
}

/** Shapes kept before the cache starts again (a bound, not a target: a process asks a few dozen). */
const MAX_SHAPES = 1_000;
const MARK = '\u0001stmt:';

const statements = new Map<string, Statement | null>();
let hits = 0;

/**
 * The shape of a `where` and its strings in walk order; undefined when it holds a value that is
 * not a plain string, number, boolean, null, array or object.
 */
export function shapeOf(value: unknown, strings: string[] = []): { shape: string; strings: string[] } | undefined {
  const shape = walk(value, strings);
  return shape === undefined ? undefined : { shape, strings };
}

function walk(value: unknown, strings: string[]): string | undefined {
  if (typeof value === 'string') {
    strings.push(value);
    return '?';
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (value === undefined) return 'u';
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value) {
      const shape = walk(item, strings);
      if (shape === undefined) return undefined;
      items.push(shape);
    }
    return `[${items.join(',')}]`;
  }
  const prototype = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  // Raw SQL fragments are symbol keys, which Object.entries does not see.
  if (Object.getOwnPropertySymbols(value).length) return undefined;
  const entries: string[] = [];
  for (const [key, item] of Object.entries(value as object)) {
    const shape = walk(item, strings);
    if (shape === undefined) return undefined;
    entries.push(`${JSON.stringify(key)}:${shape}`);
  }
  return `{${entries.join(',')}}`;
}

/** The `where` with its n-th string replaced by a marker naming n. */
function marked(value: unknown, counter: { next: number }): unknown {
  if (typeof value === 'string') return `${MARK}${counter.next++}`;
  if (Array.isArray(value)) return value.map((item) => marked(item, counter));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, marked(item, counter)]));
  return value;
}

/** The statement the ORM built from the marked `where`, when every string came through as a parameter. */
function compile(built: BuiltStatement, strings: number): Statement | null {
  if (built.sql.includes(MARK)) return null;
  const used = new Set<number>();
  const params: Param[] = [];
  for (const param of built.params) {
    if (typeof param === 'string') {
      if (!param.startsWith(MARK)) return null;
      const slot = Number(param.slice(MARK.length));
      if (!Number.isInteger(slot) || slot < 0 || slot >= strings) return null;
      used.add(slot);
      params.push({ slot });
    } else if (param === null || typeof param === 'number' || typeof param === 'boolean') {
      params.push({ constant: param });
    } else {
      return null;
    }
  }
  return used.size === strings ? { sql: built.sql, params } : null;
}

/** The statement built from the marked `where`; null (never cached) when the builder refuses the markers. */
function compileMarked(where: unknown, strings: number, build: (where: unknown) => BuiltStatement): Statement | null {
  let built: BuiltStatement;
  try {
    built = build(marked(where, { next: 0 }));
  } catch {
    return null;
  }
  return compile(built, strings);
}

/**
 * The SQL and parameters of a read-model query: `build` turns a `where` into the ORM's statement;
 * `key` names everything else that shapes it (entity, columns, order, limit).
 */
export function statementFor(
  key: string,
  where: unknown,
  build: (where: unknown) => BuiltStatement,
): BuiltStatement {
  const found = shapeOf(where);
  if (!found) return build(where);
  const cacheKey = `${key}|${found.shape}`;
  let statement = statements.get(cacheKey);
  if (statement === undefined) {
    statement = compileMarked(where, found.strings.length, build);
    if (statements.size >= MAX_SHAPES) statements.clear();
    statements.set(cacheKey, statement);
  } else if (statement) {
    hits += 1;
  }
  if (!statement) return build(where);
  return { sql: statement.sql, params: statement.params.map((param) => ('slot' in param ? found.strings[param.slot] : param.constant)), fixed: true };
}

/**
 * How many shapes are held, how often one was reused, and the keys of the shapes the ORM's
 * statement refused to be cached for (built every time; for tests and the operator).
 */
export function statementCacheStats(): { shapes: number; cacheable: number; hits: number; uncached: string[] } {
  let cacheable = 0;
  const uncached: string[] = [];
  for (const [key, statement] of statements) {
    if (statement) cacheable += 1;
    else uncached.push(key);
  }
  return { shapes: statements.size, cacheable, hits, uncached };
}
