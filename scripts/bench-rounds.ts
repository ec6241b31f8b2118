/**
 * BENCH_ROUNDS=<r> (default 1): each query and size is measured r times, the targets in a
 * different order each round (round k starts with the k-th), and the table shows each target's
 * median. This machine's speed drifts by tens of percent within minutes; one row per target
 * measured minutes apart can differ by more than the builds do.
 */
export const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 1)) || 1);

/** The targets in the order round `round` measures them: rotated by one per round. */
export function roundOrder<T>(targets: readonly T[], round: number): T[] {
  return targets.map((_, i) => targets[(i + round) % targets.length]);
}

type Row = Record<string, number | string>;

/**
 * One row standing for several rounds of one target: the median of each numeric column
 * (errors are summed: any error in any round shows), and with more than one round the requests
 * per second of every round, in the order measured.
 */
export function medianRow(rows: readonly Row[]): Row {
  if (rows.length === 1) return rows[0];
  const merged: Row = {};
  for (const key of Object.keys(rows[0])) {
    const values = rows.map((row) => row[key]);
    if (!values.every((value): value is number => typeof value === 'number')) merged[key] = values[0];
    else if (key === 'errors') merged[key] = values.reduce((sum, value) => sum + value, 0);
    else merged[key] = median(values);
  }
  if (typeof rows[0].rps === 'number') merged['rps rounds'] = rows.map((row) => row.rps).join(' / ');
  return merged;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Math.round(value * 100) / 100;
}
