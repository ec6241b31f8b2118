import { lostUpdate, writeClients, writeUpdates } from '../../scripts/bench-writes';

/** The write benchmark's SUB-11 check: successes must account for every move of the row, and nothing more. */
describe('bench:writes lost-update check', () => {
  const row = (version: number, quantity: number, lines = version) => ({ version, quantity, lines });

  it('accepts successes that each moved the row one version', () => {
    expect(lostUpdate(row(1, 5), row(3, 9), [{ version: 2, quantity: 7 }, { version: 3, quantity: 9 }])).toBe(false);
  });

  it('accepts a success that asked the quantity the row already had: it answers the version it found', () => {
    expect(lostUpdate(row(1, 5), row(2, 7), [{ version: 2, quantity: 7 }, { version: 2, quantity: 7 }])).toBe(false);
    expect(lostUpdate(row(1, 5), row(1, 5), [{ version: 1, quantity: 5 }])).toBe(false);
  });

  it('finds two successes at one version with different quantities (one of them was lost)', () => {
    expect(lostUpdate(row(1, 5), row(2, 8), [{ version: 2, quantity: 7 }, { version: 2, quantity: 8 }])).toBe(true);
  });

  it('finds a move no success answered, a success the row never reached, and a row that does not hold the last answer', () => {
    expect(lostUpdate(row(1, 5), row(3, 9), [{ version: 3, quantity: 9 }])).toBe(true);
    expect(lostUpdate(row(1, 5), row(2, 7), [{ version: 2, quantity: 7 }, { version: 3, quantity: 9 }])).toBe(true);
    expect(lostUpdate(row(1, 5), row(2, 9), [{ version: 2, quantity: 7 }])).toBe(true);
    expect(lostUpdate(row(1, 5), row(1, 5), [{ version: 1, quantity: 6 }])).toBe(true);
  });

  it('finds a change that left no ledger line, or two', () => {
    expect(lostUpdate(row(1, 5, 1), row(2, 7, 1), [{ version: 2, quantity: 7 }])).toBe(true);
    expect(lostUpdate(row(1, 5, 1), row(2, 7, 3), [{ version: 2, quantity: 7 }])).toBe(true);
  });

  it('BENCH_CLIENTS sets the concurrent clients (default 10; not a positive whole number: the default)', () => {
    expect(writeClients({})).toBe(10);
    expect(writeClients({ BENCH_CLIENTS: '1' })).toBe(1);
    expect(writeClients({ BENCH_CLIENTS: '0' })).toBe(10);
    expect(writeClients({ BENCH_CLIENTS: '2.5' })).toBe(10);
  });

  it('BENCH_UPDATES=0 leaves out the quantity-update phases (checkouts alone); anything else keeps them', () => {
    expect(writeUpdates({})).toBe(true);
    expect(writeUpdates({ BENCH_UPDATES: '1' })).toBe(true);
    expect(writeUpdates({ BENCH_UPDATES: '0' })).toBe(false);
    expect(writeUpdates({ BENCH_UPDATES: ' 0 ' })).toBe(false);
  });
});
