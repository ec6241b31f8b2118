/**
 * The name of a SQL span, as OpenTelemetry's database conventions put it: the statement's
 * operation and its target table (`SELECT subscriptions.subscription`, `INSERT platform.outbox_event`),
 * or the operation alone (`BEGIN`, `SELECT` of no table). pg's instrumentation would name it after
 * the text's first word and the database, so a statement that starts with a line break came out
 * as `pg.query:\n csp`.
 */
const LEADING = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
const IDENTIFIER = String.raw`"?([A-Za-z_][\w$]*)"?(?:\s*\.\s*"?([A-Za-z_][\w$]*)"?)?`;
const TARGET: Record<string, RegExp> = {
  SELECT: new RegExp(String.raw`\bfrom\s+(?:only\s+)?${IDENTIFIER}`, 'i'),
  DELETE: new RegExp(String.raw`\bfrom\s+(?:only\s+)?${IDENTIFIER}`, 'i'),
  INSERT: new RegExp(String.raw`\binto\s+${IDENTIFIER}`, 'i'),
  UPDATE: new RegExp(String.raw`^update\s+(?:only\s+)?${IDENTIFIER}`, 'i'),
  MERGE: new RegExp(String.raw`\binto\s+${IDENTIFIER}`, 'i'),
  LOCK: new RegExp(String.raw`^lock\s+(?:table\s+)?(?:only\s+)?${IDENTIFIER}`, 'i'),
};

export function sqlSpanName(text: string): string {
  const statement = text.replace(LEADING, '');
  const operation = /^[A-Za-z]+/.exec(statement)?.[0]?.toUpperCase();
  if (!operation) return 'SQL';
  // A statement that starts with common table expressions is named by the statement they feed.
  const main = operation === 'WITH' ? mainOfWith(statement) : { operation, body: statement };
  const match = TARGET[main.operation]?.exec(main.body);
  if (!match) return main.operation;
  const [, first, second] = match;
  return `${main.operation} ${second ? `${first}.${second}` : first}`.toLowerCase().replace(/^\w+/, (word) => word.toUpperCase());
}

/** The statement after the last `)` that closes a CTE: `with a as (…) select … from t` → SELECT … */
function mainOfWith(statement: string): { operation: string; body: string } {
  let depth = 0;
  for (let i = 0; i < statement.length; i++) {
    const char = statement[i];
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (depth === 0) {
      const keyword = /^(select|insert|update|delete|merge)\b/i.exec(statement.slice(i));
      if (keyword && /\s|\)/.test(statement[i - 1] ?? ' ')) return { operation: keyword[1].toUpperCase(), body: statement.slice(i) };
    }
  }
  return { operation: 'WITH', body: statement };
}
