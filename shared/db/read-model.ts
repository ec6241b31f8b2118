import { raw, type EntityName, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { TotalCount } from '../graphql/connection';
import type { EntityManager } from './orm';
import { readAsText, readPrepared } from './prepared';
import { statementFor, type BuiltStatement } from './statement-cache';
import { withinTenant } from './tenant-filter';

/**
 * Read models: what lists and entity references return. Plain objects with the entity's
 * property names and JavaScript types (the ORM's own compiled result mapper converts the
 * columns), but not managed: no entity instances, identity map, snapshots or change tracking,
 * which cost more than the query itself on a page of rows. The query is still built by the ORM
 * from the same conditions, within the tenant scope (shared/db/tenant-filter.ts), once per shape of them (the values are
 * its parameters). Writes load entities, never these.
 *
 * A read model is typed as its entity for the resolvers; it has no collections, is never given
 * to the ORM, and `fields` may leave out columns that no list needs (they are then undefined).
 * `unscoped` reads every tenant's rows: the call site names the rule that needs it.
 */
export async function readModels<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  options: {
    fields?: readonly (keyof T & string)[];
    orderBy?: QueryOrderMap<T>;
    limit?: number;
    planPerValue?: boolean;
    unscoped?: boolean;
    /** The first row of each combination of these properties (in `orderBy`, which must begin with them). */
    distinctOn?: readonly (keyof T & string)[];
  } = {},
): Promise<T[]> {
  const rows = await run(em, entity, options.unscoped ? where : await withinTenant(em, entity, where), { ...options, counted: false }, (shaped) => {
    const qb = em.createQueryBuilder(entity, 'r').select((options.fields ?? '*') as never).where(shaped as never);
    if (options.distinctOn) qb.distinctOn(options.distinctOn as never);
    if (options.orderBy) qb.orderBy(options.orderBy as never);
    if (options.limit !== undefined) qb.limit(options.limit);
    return qb.toQuery();
  });
  return toReadModels(em, entity, rows);
}

/**
 * Runs the statement `build` makes of `where`, built once per shape (shared/db/statement-cache.ts),
 * in the entity manager's transaction when it has one. Raw rows (column names).
 */
async function run<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  options: { fields?: readonly string[]; orderBy?: unknown; limit?: number; counted: boolean; planPerValue?: boolean; distinctOn?: readonly string[] },
  build: (where: unknown) => BuiltStatement,
): Promise<Record<string, unknown>[]> {
  const meta = em.getMetadata().get(entity);
  const key = `${meta.className}|${options.fields?.join(',') ?? '*'}|${JSON.stringify(options.orderBy ?? null)}|${options.limit ?? ''}|${options.counted}|${options.distinctOn?.join(',') ?? ''}`;
  const statement = statementFor(key, where, build);
  return options.planPerValue ? readAsText(em, statement) : readRows(em, statement);
}

/**
 * The raw rows (column names) of a built statement, in the entity manager's transaction when it
 * has one; a statement of fixed text (its values all parameters) runs prepared (shared/db/prepared.ts).
 */
export function readRows(em: EntityManager, statement: BuiltStatement): Promise<Record<string, unknown>[]> {
  return statement.fixed ? readPrepared(em, statement) : readAsText(em, statement);
}

export interface ReadModelPage<T> {
  rows: T[];
  /** Rows matching `where`, on every page (the cursor does not count); counted when read unless counted with the rows. */
  totalCount: TotalCount;
}

/**
 * A page of read models after an optional cursor condition, with the count of every row
 * matching `where`. When the query asks for that count (`counted`, the default) on a first page,
 * it comes with the rows as a window (`count(*) over ()`, taken before the limit), so the page
 * costs one statement. Otherwise the count is a statement of its own, run only if `totalCount`
 * is read: a page that does not show it never counts (counting every matching row costs more
 * than the page, and the window keeps the page from stopping at its limit).
 */
export async function readPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  options: {
    after?: FilterQuery<T>;
    fields?: readonly (keyof T & string)[];
    orderBy: QueryOrderMap<T>;
    limit: number;
    counted?: boolean;
    /**
     * Planned for its values on every run, never prepared: for conditions whose best plan depends
     * on the value (a `%…%` search uses a trigram index when the pattern is selective), where the
     * one plan PostgreSQL keeps for all values of a prepared statement walks the whole list.
     */
    planPerValue?: boolean;
  },
): Promise<ReadModelPage<T>> {
  if (options.after || options.counted === false) {
    const rows = await readModels(em, entity, options.after ? ({ $and: [where, options.after] } as FilterQuery<T>) : where, options);
    return { rows, totalCount: () => em.count(entity, where as never) };
  }
  const columns = options.fields ? options.fields.map((field) => `r.${field}`) : ['r.*'];
  const rows = await run(em, entity, await withinTenant(em, entity, where), { ...options, counted: true }, (shaped) =>
    em
      .createQueryBuilder(entity, 'r')
      .select([...columns, raw('count(*) over () as page_total__')] as never)
      .where(shaped as never)
      .orderBy(options.orderBy as never)
      .limit(options.limit)
      .toQuery(),
  );
  // The window's column passes through the mapper unmapped and is never shown.
  return { rows: toReadModels(em, entity, rows), totalCount: rows.length ? Number(rows[0].page_total__) : 0 };
}

/** Raw rows of the entity's table (column names) as read models (property names). */
export function toReadModels<T extends object>(em: EntityManager, entity: EntityName<T>, rows: readonly Record<string, unknown>[]): T[] {
  const meta = em.getMetadata().get(entity);
  const driver = em.getDriver();
  return asInstances(em, entity, rows.map((row) => driver.mapResult(row as never, meta) as T));
}

/**
 * Read models share the entity's prototype, so resolvers whose `@Root()` is typed as the entity
 * take them as they are: type-graphql turns a root that is not an instance of its class into a
 * new one (`new Entity()` and an assignment through the ORM's property setters, per field and
 * row), which cost more than the reads saved. Every mapped column is an own data property, so
 * the prototype's setters never run; a column left out reads as undefined.
 */
function asInstances<T extends object>(em: EntityManager, entity: EntityName<T>, models: T[]): T[] {
  const prototype = em.getMetadata().get(entity).prototype;
  for (const model of models) Object.setPrototypeOf(model, prototype);
  return models;
}

/** The entity's persisted scalar properties except `without` (its heavy columns a list does not need). */
export function fieldsWithout<T extends object>(em: EntityManager, entity: EntityName<T>, without: readonly (keyof T & string)[]): (keyof T & string)[] {
  return em
    .getMetadata()
    .get(entity)
    .props.filter((prop) => prop.persist !== false && (prop.kind === 'scalar' || prop.kind === 'm:1') && !without.includes(prop.name as keyof T & string))
    .map((prop) => prop.name as keyof T & string);
}

const propertiesOf = new WeakMap<object, ReadonlySet<string>>();

/** The entity's persisted scalar and many-to-one property names (what a read model can hold). */
export function propertyNames<T extends object>(em: EntityManager, entity: EntityName<T>): ReadonlySet<string> {
  const meta = em.getMetadata().get(entity);
  let names = propertiesOf.get(meta);
  if (!names) propertiesOf.set(meta, (names = new Set(fieldsWithout(em, entity, []))));
  return names;
}
