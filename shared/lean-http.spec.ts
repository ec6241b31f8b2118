import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { leanRequest } from './lean-http';

/** The HTTP client to the subgraphs (the gateway's and the peer clients'): keep-alive, a deadline, a retry only where safe. */
describe('leanRequest', () => {
  let server: Server;
  let url: string;
  let handle: (req: IncomingMessage, res: ServerResponse, call: number) => void;
  let calls = 0;
  const sockets = new Set<unknown>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      sockets.add(req.socket);
      req.resume();
      req.on('end', () => handle(req, res, (calls += 1)));
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  beforeEach(() => {
    calls = 0;
    sockets.clear();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const json = (res: ServerResponse, body: unknown) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };

  it('answers status, headers and body, and keeps its connections for the next requests', async () => {
    handle = (req, res) => json(res, { data: { method: req.method, length: req.headers['content-length'] } });
    const first = await leanRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ a }"}' }, 1000);
    expect(first.status).toBe(200);
    expect(first.ok).toBe(true);
    expect(first.headers.get('Content-Type')).toBe('application/json');
    expect(await first.json()).toEqual({ data: { method: 'POST', length: '17' } });
    // The pool may open a second connection while the first is being released; never one per request.
    for (let i = 0; i < 5; i++) await leanRequest(url, { body: '{}' }, 1000);
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it('an answer later than the deadline fails with a TimeoutError', async () => {
    handle = (_req, res) => setTimeout(() => json(res, {}), 300);
    const failure = await leanRequest(url, { body: '{}' }, 50).catch((error: Error) => error);
    expect((failure as Error).name).toBe('TimeoutError');
  });

  it('a kept-alive connection reset before any answer is retried once on a new one when allowed, never otherwise', async () => {
    handle = (_req, res) => json(res, { ok: true });
    await leanRequest(url, { body: '{}' }, 1000);
    // The subgraph drops the idle connection as the next request arrives on it.
    handle = (req, res, call) => (call === 2 ? req.socket.destroy() : json(res, { ok: call }));
    const retried = await leanRequest(url, { body: '{}' }, 1000, { retryStaleConnection: true });
    expect(await retried.json()).toEqual({ ok: 3 });

    calls = 0;
    await leanRequest(url, { body: '{}' }, 1000);
    handle = (req, res, call) => (call === 2 ? req.socket.destroy() : json(res, { ok: call }));
    const failure = await leanRequest(url, { body: '{}' }, 1000).catch((error: NodeJS.ErrnoException) => error);
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain((failure as NodeJS.ErrnoException).code);
    expect(calls).toBe(2);
  });
});
