/**
 * DataLoader batch functions must answer in the order of their keys, with null for a key
 * that found no row: every by-key loader of every subgraph ends with this step.
 */
export function inKeyOrder<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): (T | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
  return keys.map((key) => byKey.get(key) ?? null);
}

/**
 * The one-to-many counterpart of {@link inKeyOrder}: the rows of each key, in key order and in
 * the rows' own order, an empty list for a key without rows; one pass over the rows.
 */
export function groupedInKeyOrder<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const byKey = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((key) => byKey.get(key)!);
}
