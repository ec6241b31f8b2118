import { coalescedWake } from './runner';

describe('coalescedWake', () => {
  it('a burst of commits while a wake is on its way costs one more wake, started after them', async () => {
    const sent: string[] = [];
    const pending: (() => void)[] = [];
    const wake = coalescedWake(
      (name) => new Promise<void>((resolve) => {
        sent.push(name);
        pending.push(resolve);
      }),
      () => {},
    );
    wake('a.events');
    for (let i = 0; i < 5; i++) wake('a.events');
    wake('b.events');
    expect(sent).toEqual(['a.events', 'b.events']);
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual(['a.events', 'b.events', 'a.events']);
    pending.shift()!();
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toHaveLength(3);
    wake('b.events');
    expect(sent).toEqual(['a.events', 'b.events', 'a.events', 'b.events']);
  });

  it('a failed wake is reported and does not stop later ones', async () => {
    const errors: string[] = [];
    let calls = 0;
    const wake = coalescedWake(
      async () => {
        calls += 1;
        throw new Error('down');
      },
      (name) => errors.push(name),
    );
    wake('a.events');
    await new Promise((resolve) => setImmediate(resolve));
    wake('a.events');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(2);
    expect(errors).toEqual(['a.events', 'a.events']);
  });

  it('within the interval after a wake, commits wait for its end and then cost one wake', async () => {
    const sent: number[] = [];
    const started = Date.now();
    const wake = coalescedWake(async () => void sent.push(Date.now() - started), () => {}, 50);
    wake('a.events');
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (let i = 0; i < 10; i++) wake('a.events');
    expect(sent).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBeGreaterThanOrEqual(45);
  });
});
