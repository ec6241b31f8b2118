import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from './auth/forwarding';
import type { Identity } from './auth/roles';
import { GraphClient } from './graph-client';
import type { SubgraphName } from './config';
import { catalogPeer } from '../subgraphs/subscriptions/peers/catalog';

/**
 * A subgraph asking another for facts (shared/graph-client.ts) over the shared keep-alive client
 * (shared/lean-http.ts), here the subscriptions subgraph's catalog peer client against a local
 * server: the caller's identity and the gateway secret go along, an owner's error codes come back
 * as they are, and a peer that does not answer is SERVICE_UNAVAILABLE, naming it.
 */
describe('GraphClient', () => {
  let server: Server;
  let url: string;
  let handle: (req: IncomingMessage, body: string, res: ServerResponse) => void;
  const identity: Identity = { userId: 'u-1', tenantId: 'ptn-1', tenantKind: 'PARTNER', partnerType: 'DIRECT_BILL', roles: ['ADMIN_AGENT'] };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => handle(req, body, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (target = url) => new GraphClient({ catalog: target } as Record<SubgraphName, string>, 'peer-secret', identity);
  const answer = (res: ServerResponse, body: unknown) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const ask = (graph: GraphClient) => catalogPeer.offers(graph, ['o-1']);

  it('sends the document, its variables, the secret and the caller; answers the data', async () => {
    let seen: { secret?: string; identity?: Identity; query?: string; variables?: unknown } = {};
    handle = (req, body, res) => {
      const parsed = JSON.parse(body);
      seen = { secret: req.headers[SECRET_HEADER] as string, identity: decodeIdentity(req.headers[IDENTITY_HEADER] as string), query: parsed.query, variables: parsed.variables };
      answer(res, { data: { _entities: [{ id: 'o-1', name: 'Offer one' }] } });
    };
    await expect(ask(client())).resolves.toEqual(new Map([['o-1', { id: 'o-1', name: 'Offer one' }]]));
    expect(seen).toMatchObject({ secret: 'peer-secret', identity, variables: { offers: [{ __typename: 'Offer', id: 'o-1' }] } });
    expect(seen.query).toContain('query Offers');
  });

  it("passes on an owner's top-level error code (NOT_FOUND, CONFLICT …) with its message", async () => {
    handle = (_req, _body, res) => answer(res, { errors: [{ message: 'Offer o-1 not found', extensions: { code: 'NOT_FOUND' } }], data: null });
    await expect(ask(client())).rejects.toMatchObject({ message: 'Offer o-1 not found', extensions: { code: 'NOT_FOUND' } });
  });

  it('a peer that does not answer within SUBGRAPH_TIMEOUT_MS is SERVICE_UNAVAILABLE, naming it and the deadline', async () => {
    const previous = process.env.SUBGRAPH_TIMEOUT_MS;
    process.env.SUBGRAPH_TIMEOUT_MS = '200';
    handle = () => undefined;
    try {
      await expect(ask(client())).rejects.toMatchObject({ message: 'Service "catalog" is unavailable: no answer within 200 ms', extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'catalog' } });
    } finally {
      if (previous === undefined) delete process.env.SUBGRAPH_TIMEOUT_MS;
      else process.env.SUBGRAPH_TIMEOUT_MS = previous;
      server.closeAllConnections();
    }
  });

  it('a peer that refuses the connection is SERVICE_UNAVAILABLE', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(ask(client(`http://127.0.0.1:${port}/graphql`))).rejects.toMatchObject({ message: 'Service "catalog" is unavailable: connection failed', extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });
});
