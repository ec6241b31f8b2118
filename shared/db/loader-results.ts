/**
 * DataLoader batch functions must answer in the order of their keys, with null for a key
 * that found no row: every by-key loader of every subgraph ends with this step.
 */
export function inKeyOrder<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): (T | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
  return keys.map((key) => byKey.get(key) ?? null);
}
