import { isRaw, PostgreSqlConnection, Utils, PostgreSqlDriver, type AnyEntity, type Configuration, type EntityData, PostgreSqlPlatform, type QueryResult } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
import { Client, type Pool, type QueryConfig } from 'pg';
import { preparedStatementsEnabled, sqlState, STALE_PLAN } from './prepared';

/**
 * Writes of a fixed text as PostgreSQL prepared statements, inside transactions too.
 *
 * The ORM writes every value into the text of its statement (the simple protocol), so
 * PostgreSQL parses, analyses and plans each insert, update and outbox append again on every
 * unit of work, although a process runs a few dozen shapes of them. A write whose text has been
 * checked (below) goes instead with its values as parameters, under a name: each connection
 * parses it once, and PostgreSQL plans it once for all values (plan_cache_mode).
 *
 * What is sent this way, and nothing else:
 * - `insert`, `update`, `delete`, and `with` statements that insert or update;
 * - with no `*` (a prepared `select *` or `returning *` fails once a migration adds a column,
 *   which inside a transaction would fail the unit);
 * - whose every value is a string, a finite number, a boolean, null, a bigint, a date or a plain
 *   object (JSON), each passed as the text the ORM would have written in (dates through the
 *   platform's own formatting); a raw fragment (`"version" + 1`) is written into the text as the
 *   ORM writes it; a list or a buffer keeps the whole statement as text, as before.
 *
 * A text is checked once per process before it is first sent prepared: PostgreSQL prepares it
 * (`prepare … as …`, then `deallocate`) on a pooled connection of its own, outside every
 * transaction, in the background. Until that has succeeded the statement goes as text, and a
 * text PostgreSQL refuses (a parameter whose type it cannot tell where it stands) always does.
 * So a refusal never happens inside a unit. DB_PREPARED_STATEMENTS=false sends every statement
 * as text (see shared/db/prepared.ts).
 */

/** Texts this process names (a bound: inserts of several rows make one text per row count). */
const MAX_NAMED = 200;
/** Texts remembered at all (those that go as text included). */
const MAX_REMEMBERED = 2_000;

/** Per numbered text: its name once checked; 'checking'; null when it goes as text. */
type State = string | 'checking' | null;
const states = new Map<string, State>();
let named = 0;
let probes = 0;
let preparedExecutions = 0;
/** Checks running now. */
const checks = new Set<Promise<void>>();

const ELIGIBLE = /^\s*(insert|update|delete)\s/i;
const WRITING_CTE = /^\s*with\s[\s\S]*\b(insert\s+into|update)\s/i;

/** Whether a text may go prepared at all (before any check). */
export function eligibleWrite(sql: string): boolean {
  if (sql.includes('*') || sql.includes('??') || sql.includes('\\?')) return false;
  return ELIGIBLE.test(sql) || WRITING_CTE.test(sql);
}

/** A statement as PostgreSQL prepares it: `$n` placeholders, and the values bound to them. */
export interface Parametrized {
  text: string;
  values: unknown[];
}

/** How the ORM writes a date and a raw fragment into a text (its platform's own formatting). */
export interface Formatting {
  date(date: Date): string;
  raw(sql: string, params: readonly unknown[]): string;
}

/**
 * The ORM's statement with `$1`, `$2` … for its values, each passed as the text the ORM would
 * have written in. A raw fragment (`"version" + 1`) is written into the text as the ORM writes
 * it. Undefined when a value may not go as a parameter (a list, a buffer, a non-finite number).
 */
export function parametrize(sql: string, params: readonly unknown[], format: Formatting): Parametrized | undefined {
  const values: unknown[] = [];
  let text = '';
  let from = 0;
  for (const value of params) {
    const at = sql.indexOf('?', from);
    if (at < 0) return undefined;
    text += sql.slice(from, at);
    from = at + 1;
    if (isRaw(value)) {
      text += format.raw(value.sql, value.params);
      continue;
    }
    const parameter = asParameter(value, format);
    if (parameter === NOT_A_PARAMETER) return undefined;
    values.push(parameter);
    text += `$${values.length}`;
  }
  if (sql.indexOf('?', from) >= 0) return undefined;
  return { text: text + sql.slice(from), values };
}

const NOT_A_PARAMETER = Symbol('not a parameter');

/** One value as the text the ORM would have written in (a plain object as JSON, as the ORM decides it). */
function asParameter(value: unknown, format: Pick<Formatting, 'date'>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NOT_A_PARAMETER;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? NOT_A_PARAMETER : format.date(value);
  if (Utils.isPlainObject(value)) return JSON.stringify(value);
  return NOT_A_PARAMETER;
}

/** SQLSTATE classes that say the text itself cannot be prepared as it stands (42: syntax or access rule; 22: data; 0A: not supported). */
const REFUSED_CLASSES = ['42', '22', '0A'];

/** Checks, on a connection of its own, that PostgreSQL prepares `text`; remembers the outcome. */
async function check(pool: Pool, text: string): Promise<void> {
  let client;
  try {
    client = await pool.connect();
  } catch {
    states.delete(text); // no connection now: checked again on a later use
    return;
  }
  const probe = `write_check_${++probes}`;
  try {
    await client.query(`prepare ${probe} as ${text}`);
    await client.query(`deallocate ${probe}`);
    states.set(text, `write_${++named}`);
  } catch (error) {
    const code = sqlState(error);
    if (REFUSED_CLASSES.some((prefix) => code.startsWith(prefix))) states.set(text, null);
    else states.delete(text);
  } finally {
    client.release();
  }
}

/** The name of a checked text; undefined while it goes as text. */
function nameOf(text: string): string | undefined {
  const state = states.get(text);
  return state && state !== 'checking' ? state : undefined;
}

/** The pg client of every pooled connection: a text the checks named goes as that named statement. */
export class NamingClient extends Client {
  query(...args: unknown[]): any {
    const [config, values] = args as [unknown, unknown];
    if (args.length === 2 && typeof config === 'string' && Array.isArray(values) && values.length) {
      const name = nameOf(config);
      if (name) return (super.query as (config: QueryConfig) => unknown)({ name, text: config, values });
    }
    return (super.query as (...a: unknown[]) => unknown)(...args);
  }
}

type Method = 'all' | 'get' | 'run';

/** The ORM's connection, sending checked writes as prepared statements (everything else as before). */
export class PreparingConnection extends PostgreSqlConnection {
  private readonly formatting: Formatting = {
    date: (date) => (this.getPlatform() as PostgreSqlPlatform).formatDate(date),
    raw: (sql, params) => this.getPlatform().formatQuery(sql, params as unknown[]),
  };

  override async execute<T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[]>(query: any, params: any = [], method: Method = 'all', ctx?: any, loggerContext?: any): Promise<T> {
    const statement = typeof query === 'string' && Array.isArray(params) && !loggerContext?.signal && !loggerContext?.inflightQueryAbortStrategy ? this.preparedFor(query, params) : undefined;
    if (!statement) return super.execute<T>(query, params, method, ctx, loggerContext);
    await this.ensureConnection();
    // The hook counts the statement (db/sql-stats.ts); one that rewrote texts would send them as text.
    if (this.config.get('onQuery')(query, params) !== query) return super.execute<T>(query, params, method, ctx, loggerContext);
    try {
      return await this.executeQuery(
        query,
        async () => {
          const result = await (ctx ?? this.getClient()).executeQuery(CompiledQuery.raw(statement.text, statement.values));
          preparedExecutions += 1;
          return this.transformRawResult<T>(result, method);
        },
        { query, params, ...loggerContext },
      );
    } catch (error) {
      if (sqlState(error) !== STALE_PLAN) throw error;
      // A table changed shape under the prepared statement (a migration meanwhile): as text from
      // now on, and at once when no transaction was spoilt by the refusal.
      states.set(statement.text, null);
      if (ctx) throw error;
      return super.execute<T>(query, params, method, ctx, loggerContext);
    }
  }

  /** `sql` with its values as parameters once its text is checked; undefined (and a check started when it may go prepared) before. */
  private preparedFor(sql: string, params: readonly unknown[]): Parametrized | undefined {
    if (!params.length || !preparedStatementsEnabled() || !eligibleWrite(sql)) return undefined;
    const statement = parametrize(sql, params, this.formatting);
    if (!statement || !statement.values.length) return undefined;
    if (!states.has(statement.text)) this.startCheck(statement.text);
    return nameOf(statement.text) ? statement : undefined;
  }

  private startCheck(text: string): void {
    if (named >= MAX_NAMED || states.size >= MAX_REMEMBERED) return;
    states.set(text, 'checking');
    const checking = this.getNativeClient().then(
      (pool) => check(pool, text),
      () => void states.delete(text),
    );
    checks.add(checking);
    void checking.finally(() => checks.delete(checking));
  }
}

/** The PostgreSQL driver of every ORM here, with {@link PreparingConnection}. */
export class PreparingDriver extends PostgreSqlDriver {
  constructor(config: Configuration) {
    super(config);
    (this as unknown as { connection: PreparingConnection }).connection = new PreparingConnection(this.config);
  }
}

/** Settles once the checks running now have (for tests, which then know a text's fate). */
export async function preparedWriteChecks(): Promise<void> {
  await Promise.all([...checks]);
}

/** Whether the ORM's statement `sql` with `params` goes prepared now (for tests; a date's value never changes the text). */
export function preparedWrite(sql: string, params: readonly unknown[]): boolean {
  const platform = new PostgreSqlPlatform();
  const format: Formatting = { date: (date) => date.toISOString(), raw: (raw, values) => platform.formatQuery(raw, values as unknown[]) };
  const statement = eligibleWrite(sql) ? parametrize(sql, params, format) : undefined;
  return !!statement && nameOf(statement.text) !== undefined;
}

/** How many writes went prepared (for tests). */
export function preparedWriteStats(): { executions: number } {
  return { executions: preparedExecutions };
}
