import type { DueQueue, SubgraphRuntime } from '../../shared/jobs/due-queue';
import { startJobRunner } from '../../shared/jobs/runner';
import { until } from '../support/processes';
import { useStack } from '../support/stack';

/**
 * A stopping process's job runner (pg-boss) takes no new work and lets the job it holds
 * finish: the job completes (not failed by the stop), and a job waiting in the queue stays
 * there for another worker.
 */
describe('job runner stop', () => {
  const t = useStack();

  it('stop waits for the job in hand, which completes; a queued job is left for another worker', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    let runs = 0;
    const queue: DueQueue = {
      name: 'customers.shutdown-probe',
      phase: 'domain',
      run: async () => {
        runs += 1;
        order.push('job started');
        await held;
        order.push('job finished');
        return { renewed: 1 };
      },
    };
    const runtime = { name: 'customers' } as SubgraphRuntime;
    const runner = await startJobRunner(runtime, t.databaseUrl, [queue], { schedule: false, pollingIntervalSeconds: 0.5 });
    const first = await runner.trigger(queue.name);
    await until('the job to start', () => (runs === 1 ? true : undefined));
    const second = await runner.trigger(queue.name);
    expect(second).not.toBeNull();

    const stopped = runner.stop(10_000).then(() => order.push('runner stopped'));
    await until('the worker to stop fetching', () => (runner.boss.getWipData().every((worker) => worker.state === 'stopping') ? true : undefined));
    release();
    await stopped;

    expect(order).toEqual(['job started', 'job finished', 'runner stopped']);
    expect(runs).toBe(1);
    const states = await t.db.query(`select id, state from pgboss.job where name = $1`, [queue.name]);
    const stateOf = Object.fromEntries(states.rows.map((row) => [row.id, row.state]));
    expect(stateOf).toEqual({ [first!]: 'completed', [second!]: 'created' });
  });
});
