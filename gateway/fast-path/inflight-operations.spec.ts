import { WriteGenerations } from '../execution/inflight';
import { InflightOperations, operationDeduplicationEnabled, operationKey } from './inflight-operations';

describe('identical client queries in flight executed once', () => {
  const deferred = () => {
    let resolve!: (value: string) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };

  it('a query identical to one executing shares its answer; the entry goes once it settles, failed or not', async () => {
    const inflight = new InflightOperations<string>();
    const first = deferred();
    let executions = 0;
    const execute = () => ((executions += 1), first.promise);
    const a = inflight.run('k', execute);
    const b = inflight.run('k', execute);
    expect([a.merged, b.merged, executions, inflight.size]).toEqual([false, true, 1, 1]);
    first.resolve('answer');
    expect(await Promise.all([a.result, b.result])).toEqual(['answer', 'answer']);
    expect(inflight.size).toBe(0);
    const failing = deferred();
    const c = inflight.run('k', () => failing.promise);
    const d = inflight.run('k', () => Promise.resolve('never'));
    failing.reject(new Error('down'));
    await expect(c.result).rejects.toThrow('down');
    await expect(d.result).rejects.toThrow('down');
    expect(inflight.size).toBe(0);
  });

  it('after a write is answered a query starts its own execution; the one before it still answers its callers', async () => {
    const writes = new WriteGenerations();
    const inflight = new InflightOperations<string>(writes);
    const before = deferred();
    const after = deferred();
    const a = inflight.run('k', () => before.promise);
    writes.written();
    const b = inflight.run('k', () => after.promise);
    const c = inflight.run('k', () => Promise.resolve('never'));
    expect([a.merged, b.merged, c.merged]).toEqual([false, false, true]);
    before.resolve('old');
    // The earlier execution settling does not remove the later one.
    await a.result;
    expect(inflight.size).toBe(1);
    after.resolve('new');
    expect(await Promise.all([a.result, b.result, c.result])).toEqual(['old', 'new', 'new']);
    expect(inflight.size).toBe(0);
  });

  it('the key holds every part of the request that reaches execution or the answer', () => {
    const base = { query: '{ me { userId } }', operationName: undefined, variables: { a: 1 }, extensions: undefined, contentType: 'application/json; charset=utf-8', forwarded: { 'x-csp-identity': 'one', 'x-gateway-secret': 's' } };
    const key = operationKey(base);
    expect(operationKey({ ...base, forwarded: { 'x-gateway-secret': 's', 'x-csp-identity': 'one' } })).toBe(key);
    for (const changed of [
      { query: '{ me { roles } }' },
      { operationName: 'Me' },
      { variables: { a: 2 } },
      { extensions: { x: 1 } },
      { contentType: 'application/graphql-response+json; charset=utf-8' },
      { forwarded: { 'x-csp-identity': 'two', 'x-gateway-secret': 's' } },
      { forwarded: { ...base.forwarded, 'idempotency-key': 'k1' } },
    ]) {
      expect(operationKey({ ...base, ...changed })).not.toBe(key);
    }
  });

  it('GATEWAY_OPERATION_DEDUPLICATION: on unless false or 0', () => {
    expect(operationDeduplicationEnabled({})).toBe(true);
    expect(operationDeduplicationEnabled({ GATEWAY_OPERATION_DEDUPLICATION: 'false' })).toBe(false);
    expect(operationDeduplicationEnabled({ GATEWAY_OPERATION_DEDUPLICATION: '0' })).toBe(false);
    expect(operationDeduplicationEnabled({ GATEWAY_OPERATION_DEDUPLICATION: 'true' })).toBe(true);
  });
});
