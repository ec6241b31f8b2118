import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { CircuitBreaker, subgraphFetcher } from './subgraph-source';

describe('the gateway’s fetch to a subgraph', () => {
  let server: Server;
  let url: string;
  let answer: (respond: (status: number, body: unknown) => void) => void;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      answer((status, body) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const query = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ a }"}' };

  it('passes a subgraph’s 400 with GraphQL errors on as those errors (BAD_USER_INPUT keeps its code)', async () => {
    const errors = [{ message: 'DateTime must be …', extensions: { code: 'BAD_USER_INPUT' } }];
    answer = (respond) => respond(400, { errors });
    const response = await subgraphFetcher('customers')(url, query);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errors });
  });

  it('a subgraph that does not answer in time is SERVICE_UNAVAILABLE naming it', async () => {
    const previous = process.env.SUBGRAPH_TIMEOUT_MS;
    process.env.SUBGRAPH_TIMEOUT_MS = '100';
    let late: ((status: number, body: unknown) => void) | undefined;
    answer = (respond) => {
      late = respond;
    };
    try {
      const failure = await subgraphFetcher('catalog')(url, query).catch((error: GraphQLError) => error);
      expect(failure).toBeInstanceOf(GraphQLError);
      expect((failure as GraphQLError).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'catalog' });
      expect((failure as GraphQLError).message).toMatch(/"catalog" is unavailable: no answer within 100 ms/);
    } finally {
      if (previous === undefined) delete process.env.SUBGRAPH_TIMEOUT_MS;
      else process.env.SUBGRAPH_TIMEOUT_MS = previous;
      late?.(200, { data: null });
    }
  });

  it('after five failures in a row the breaker refuses at once, then lets one request try again', async () => {
    let now = 0;
    const breaker = new CircuitBreaker(() => now);
    let calls = 0;
    answer = (respond) => {
      calls += 1;
      respond(503, { error: 'down' });
    };
    const fetcher = subgraphFetcher('transfers', breaker);
    for (let i = 0; i < 5; i++) await expect(fetcher(url, query)).rejects.toThrow(/"transfers" is unavailable: it answered 503/);
    await expect(fetcher(url, query)).rejects.toThrow(/failed repeatedly/);
    expect(calls).toBe(5);
    now += 5_000;
    answer = (respond) => {
      calls += 1;
      respond(200, { data: { a: 1 } });
    };
    expect((await fetcher(url, query)).status).toBe(200);
    expect(calls).toBe(6);
    expect((await fetcher(url, query)).status).toBe(200);
  });
});
