/**
 * Counts SQL statements issued by every ORM of this process. Tests read it around a
 * GraphQL request to prove that lists batch their database access (no N+1), and may record
 * the statements' text to see what a request runs.
 */
let statements = 0;
let recorded: string[] | undefined;

export function countStatement(sql: string): void {
  statements += 1;
  recorded?.push(sql);
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
