import type { Pool } from 'pg';
import type { EntityManager } from './orm';
import { countStatement } from './sql-stats';
import type { BuiltStatement } from './statement-cache';

/**
 * Read statements of a fixed text as PostgreSQL prepared statements. The ORM sends every
 * statement as text with its values written in (the simple protocol), so PostgreSQL parses and
 * plans the same page or reference query again on every request. A statement whose text the
 * statement cache (shared/db/statement-cache.ts) keeps is sent here as a named statement with
 * its values as parameters: each pooled connection parses it once, and PostgreSQL plans it once
 * for all values when that plan costs no more than planning per value (plan_cache_mode).
 *
 * Only outside a transaction: inside one, the statement must run on the transaction's own
 * connection, which the ORM holds, and goes through the ORM as before. A text PostgreSQL cannot
 * prepare (a parameter whose type it cannot tell from where it stands) is remembered and runs
 * through the ORM from then on; so does any text once MAX_PREPARED texts are named.
 */

/**
 * Texts named per process: a bound, not a target (a process runs a few dozen shapes; an `in`
 * list makes one text per length). Each connection keeps the ones it ran, so this also bounds
 * what PostgreSQL holds per connection.
 */
const MAX_PREPARED = 200;
const names = new Map<string, string | null>();
let named = 0;
let executions = 0;
const refused: string[] = [];

/**
 * The ORM's SQL with its `?` placeholders numbered as PostgreSQL's `$1`, `$2` … in the order the
 * ORM fills them (every `?` is a value, as the ORM's own formatting reads it); undefined when the
 * text holds an escaped `\?` or an identifier placeholder `??`, which the ORM writes in itself.
 */
export function numberedPlaceholders(sql: string): string | undefined {
  if (sql.includes('\\?') || sql.includes('??')) return undefined;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The pooled connections of the entity manager's ORM (the pool the ORM itself uses). */
async function poolOf(em: EntityManager): Promise<Pool> {
  return (em.getConnection() as unknown as { getNativeClient(): Promise<Pool> }).getNativeClient();
}

/** A new name for the text (also when a table changed under a prepared `select *`). */
function newName(text: string): string | undefined {
  if (names.size >= MAX_PREPARED && !names.has(text)) return undefined;
  const name = `read_${++named}`;
  names.set(text, name);
  return name;
}

/** SQLSTATEs of a text PostgreSQL will not prepare as it stands (indeterminate or mismatched parameter types). */
const UNPREPARABLE = new Set(['42P18', '42P08', '42725']);
/** A prepared statement whose tables changed shape since (a migration added a column under `select *`, or changed a returned column's type). */
export const STALE_PLAN = '0A000';

export const sqlState = (error: unknown) => (error as { code?: string }).code ?? '';

/**
 * The named statement's rows. PostgreSQL keeps refusing a stale prepared statement on the
 * connection that holds it: a new name prepares the text again.
 */
async function queryNamed(pool: Pool, name: string, text: string, values: unknown[]) {
  try {
    return await pool.query({ name, text, values });
  } catch (error) {
    const fresh = sqlState(error) === STALE_PLAN ? newName(text) : undefined;
    if (!fresh) throw error;
    return pool.query({ name: fresh, text, values });
  }
}

/**
 * DB_PREPARED_STATEMENTS=false (or 0): every read through the ORM, as text. For a connection
 * pooler between the services and PostgreSQL that hands a session's statements to other
 * server connections (PgBouncer in transaction mode before 1.21, or without
 * max_prepared_statements), where a named statement prepared on one may be missing on the next.
 */
export function preparedStatementsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.DB_PREPARED_STATEMENTS;
  return flag !== 'false' && flag !== '0';
}

/** Raw rows of a statement sent by the ORM as text, in the entity manager's transaction when it has one. */
export function readAsText(em: EntityManager, statement: BuiltStatement): Promise<Record<string, unknown>[]> {
  return em.getConnection().execute<Record<string, unknown>[]>(statement.sql, statement.params as unknown[], 'all', em.getTransactionContext());
}

/**
 * Runs a statement of fixed text (values only as `?` parameters): prepared when it can be,
 * else through the ORM (in the entity manager's transaction when it has one). Raw rows.
 */
export async function readPrepared(em: EntityManager, statement: BuiltStatement): Promise<Record<string, unknown>[]> {
  const viaOrm = () => readAsText(em, statement);
  if (em.getTransactionContext() || !preparedStatementsEnabled()) return viaOrm();
  const text = numberedPlaceholders(statement.sql);
  if (text === undefined) return viaOrm();
  const known = names.get(text);
  const name = known === undefined ? newName(text) : known;
  if (!name) return viaOrm();
  try {
    const result = await queryNamed(await poolOf(em), name, text, statement.params as unknown[]);
    executions += 1;
    return result.rows;
  } catch (error) {
    if (!UNPREPARABLE.has(sqlState(error))) throw error;
    names.set(text, null);
    refused.push(statement.sql);
    return viaOrm();
  } finally {
    // Counted once, prepared or not; a refused text is counted by the ORM when it runs it.
    if (names.get(text) !== null) countStatement(statement.sql, statement.params);
  }
}

/**
 * A PostgreSQL array literal of the values (each quoted, backslashes and quotes escaped; null as
 * NULL), cast in the statement (`?::text[]`, `?::int[]`, …): a list as one parameter, so a
 * statement's text does not change with the list's length.
 */
export function textArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${String(value).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

/** How many texts are prepared, how often one ran, and the texts PostgreSQL refused (for tests and the operator). */
export function preparedStatementStats(): { prepared: number; executions: number; refused: string[] } {
  return { prepared: [...names.values()].filter(Boolean).length, executions, refused: [...refused] };
}
