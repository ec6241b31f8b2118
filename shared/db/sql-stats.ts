/**
 * Counts SQL statements issued by every ORM of this process. Tests read it around a
 * GraphQL request to prove that lists batch their database access (no N+1).
 */
let statements = 0;

export function countStatement(): void {
  statements += 1;
}

export function sqlStatementCount(): number {
  return statements;
}
