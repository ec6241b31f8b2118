import { median, medianRow, roundOrder } from '../../scripts/bench-rounds';

describe('benchmark rounds (BENCH_ROUNDS): rotating order, median rows', () => {
  it('each round starts with the next target', () => {
    expect([0, 1, 2, 3].map((round) => roundOrder(['ours', 'compare', 'hive'], round))).toEqual([
      ['ours', 'compare', 'hive'],
      ['compare', 'hive', 'ours'],
      ['hive', 'ours', 'compare'],
      ['ours', 'compare', 'hive'],
    ]);
  });

  it('a row of several rounds: the median of each column, errors summed, every round’s rate kept', () => {
    const row = medianRow([
      { rps: 120, p99: 150, errors: 0, 'gateway ms': 3.1, postgres: 'remote' },
      { rps: 198, p99: 97, errors: 2, 'gateway ms': 2.8, postgres: 'remote' },
      { rps: 141, p99: 142, errors: 1, 'gateway ms': 3.5, postgres: 'remote' },
    ]);
    expect(row).toEqual({ rps: 141, p99: 142, errors: 3, 'gateway ms': 3.1, postgres: 'remote', 'rps rounds': '120 / 198 / 141' });
  });

  it('one round is shown as measured; an even count takes the middle two', () => {
    const only = { rps: 10, errors: 0 };
    expect(medianRow([only])).toBe(only);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
