import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphFetcher } from '../subgraph-source';
import { fetchKey, InflightFetches, mergeable, WriteGenerations } from './inflight';

describe('in-flight de-duplication of subgraph fetches', () => {
  it('an identical fetch in flight is shared; a distinct one is sent; the entry goes once it settles, failed or not', async () => {
    const inflight = new InflightFetches<string>();
    let release!: (value: string) => void;
    let sent = 0;
    const fetch = () => {
      sent += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = inflight.run('a', fetch);
    const second = inflight.run('a', fetch);
    expect([first.merged, second.merged, sent]).toEqual([false, true, 1]);
    release('answer');
    expect(await Promise.all([first.result, second.result])).toEqual(['answer', 'answer']);
    expect(inflight.size).toBe(0);
    const failing = inflight.run('a', () => Promise.reject(new Error('refused')));
    const joined = inflight.run('a', fetch);
    await expect(failing.result).rejects.toThrow('refused');
    await expect(joined.result).rejects.toThrow('refused');
    expect(inflight.size).toBe(0);
    expect(inflight.run('a', () => Promise.resolve('again')).merged).toBe(false);
  });

  it('reads after writes: once a write is answered, a fetch is sent again rather than joining one sent before', async () => {
    const writes = new WriteGenerations();
    const inflight = new InflightFetches<string>(writes);
    let releaseOld!: (value: string) => void;
    const old = inflight.run('a', () => new Promise<string>((resolve) => (releaseOld = resolve)));
    writes.written();
    const fresh = inflight.run('a', () => Promise.resolve('after'));
    expect([old.merged, fresh.merged]).toEqual([false, false]);
    expect(inflight.run('a', () => Promise.resolve('never')).merged).toBe(true);
    releaseOld('before');
    expect(await Promise.all([old.result, fresh.result])).toEqual(['before', 'after']);
    expect(inflight.size).toBe(0);
  });

  it('the key is the request as sent, less the request id and trace context; only queries merge', () => {
    const headers = { 'content-type': 'application/json', 'x-csp-identity': 'alice' };
    const body = '{"query":"{ me { userId } }"}';
    expect(fetchKey('http://c/graphql', { ...headers, 'x-request-id': 'r1', traceparent: 't1' }, body)).toBe(fetchKey('http://c/graphql', { 'x-request-id': 'r2', ...headers }, body));
    expect(fetchKey('http://c/graphql', headers, body)).not.toBe(fetchKey('http://c/graphql', { ...headers, 'x-csp-identity': 'bob' }, body));
    expect(fetchKey('http://c/graphql', headers, body)).not.toBe(fetchKey('http://c/graphql', headers, '{"query":"{ me { roles } }"}'));
    expect(mergeable('{"query":"query($representations:[_Any!]!){_entities(representations:$representations){__typename}}"}')).toBe(true);
    expect(mergeable('{"query":"{me{userId}}"}')).toBe(true);
    expect(mergeable('{"query":"mutation{createCart(input:{}){cart{id}}}"}')).toBe(false);
    expect(mergeable(undefined)).toBe(false);
  });

  describe('through the fetch to a subgraph', () => {
    let server: Server;
    let url: string;
    const held: { req: IncomingMessage; respond: (status: number, body: unknown) => void }[] = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        held.push({
          req,
          respond: (status, body) => {
            res.statusCode = status;
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify(body));
          },
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    const request = (identity: string, query = '{ me { userId } }') => ({ method: 'POST', headers: { 'content-type': 'application/json', 'x-csp-identity': identity }, body: JSON.stringify({ query }) });
    /** Waits until the subgraph holds `count` requests (each fetch reaches it on its own connection). */
    const holding = async (count: number) => {
      while (held.length < count) await new Promise((resolve) => setImmediate(resolve));
    };

    it('ten identical queries: one reaches the subgraph, all ten read its answer; another caller is sent on its own', async () => {
      held.length = 0;
      const fetcher = subgraphFetcher('customers');
      const same = Array.from({ length: 10 }, () => fetcher(url, request('alice')));
      const other = fetcher(url, request('bob'));
      await holding(2);
      expect(held.map(({ req }) => req.headers['x-csp-identity']).sort()).toEqual(['alice', 'bob']);
      for (const { req, respond } of held) respond(200, { data: { me: { userId: req.headers['x-csp-identity'] } } });
      const answers = await Promise.all(same.map(async (response) => (await response).json()));
      expect(answers).toEqual(Array.from({ length: 10 }, () => ({ data: { me: { userId: 'alice' } } })));
      expect(await (await other).json()).toEqual({ data: { me: { userId: 'bob' } } });
      expect(held).toHaveLength(2);
    });

    it('a failure is shared: every caller gets its own SERVICE_UNAVAILABLE naming the subgraph', async () => {
      held.length = 0;
      const fetcher = subgraphFetcher('customers');
      const same = Array.from({ length: 3 }, () => fetcher(url, request('carol')));
      await holding(1);
      held[0].respond(503, {});
      const errors = await Promise.all(same.map((response) => response.then(() => undefined, (error: { extensions?: { code?: string; serviceName?: string } }) => error)));
      expect(errors.map((error) => [error?.extensions?.code, error?.extensions?.serviceName])).toEqual(Array.from({ length: 3 }, () => ['SERVICE_UNAVAILABLE', 'customers']));
      expect(new Set(errors).size).toBe(3);
      expect(held).toHaveLength(1);
    });

    it('identical mutations are each sent', async () => {
      held.length = 0;
      const fetcher = subgraphFetcher('subscriptions');
      const mutation = request('dave', 'mutation { createCart(input: { customerId: "c" }) { cart { id } } }');
      const both = [fetcher(url, mutation), fetcher(url, mutation)];
      await holding(2);
      for (const { respond } of held) respond(200, { data: { createCart: null } });
      await Promise.all(both);
      expect(held).toHaveLength(2);
    });

    it('a query sent once a mutation is answered does not join an identical one sent before it', async () => {
      held.length = 0;
      const fetcher = subgraphFetcher('customers');
      const before = fetcher(url, request('frank'));
      await holding(1);
      const mutation = fetcher(url, request('frank', 'mutation { updateCustomer(input: { customerId: "c" }) { errors { code } } }'));
      await holding(2);
      held[1].respond(200, { data: { updateCustomer: null } });
      await mutation;
      const after = fetcher(url, request('frank'));
      await holding(3);
      held[0].respond(200, { data: { me: { userId: 'before' } } });
      held[2].respond(200, { data: { me: { userId: 'after' } } });
      expect([await (await before).json(), await (await after).json()]).toEqual([{ data: { me: { userId: 'before' } } }, { data: { me: { userId: 'after' } } }]);
    });

    it('GATEWAY_INFLIGHT_DEDUPLICATION=false sends every query', async () => {
      held.length = 0;
      process.env.GATEWAY_INFLIGHT_DEDUPLICATION = 'false';
      const fetcher = subgraphFetcher('customers');
      delete process.env.GATEWAY_INFLIGHT_DEDUPLICATION;
      const both = [fetcher(url, request('erin')), fetcher(url, request('erin'))];
      await holding(2);
      for (const { respond } of held) respond(200, { data: { me: null } });
      await Promise.all(both);
      expect(held).toHaveLength(2);
    });
  });
});
