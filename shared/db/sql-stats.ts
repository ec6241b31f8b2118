/**
 * Counts SQL statements issued by every ORM of this process. Tests read it around a
 * GraphQL request to prove that lists batch their database access (no N+1), and may record
 * the statements' text to see what a request runs.
 */
let statements = 0;
let recorded: string[] | undefined;
let recordedWithParams: RecordedStatement[] | undefined;

/** A statement as sent: its text (`?` placeholders) and the values bound to them. */
export interface RecordedStatement {
  sql: string;
  params: readonly unknown[];
}

export function countStatement(sql: string, params: readonly unknown[] = []): void {
  statements += 1;
  recorded?.push(sql);
  recordedWithParams?.push({ sql, params });
}

export function sqlStatementCount(): number {
  return statements;
}

/** Runs `run` and returns, besides its result, the text of the statements issued meanwhile. */
export async function recordStatements<T>(run: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const sql: string[] = [];
  recorded = sql;
  try {
    return { result: await run(), sql };
  } finally {
    recorded = undefined;
  }
}

/** Like {@link recordStatements}, with each statement's parameters (to EXPLAIN what a request ran). */
export async function recordStatementsWithParams<T>(run: () => Promise<T>): Promise<{ result: T; statements: RecordedStatement[] }> {
  const statements: RecordedStatement[] = [];
  recordedWithParams = statements;
  try {
    return { result: await run(), statements };
  } finally {
    recordedWithParams = undefined;
  }
}
