import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SignedMessage } from './message';
import { postWebhook } from './sender';

const message: SignedMessage = {
  body: '{"type":"subscription.created"}',
  headers: { 'webhook-id': 'evt_1', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' },
};

/** AUD-2: a delivery connects to the address the URL policy checked, never to a second DNS answer. */
describe('webhook sender (AUD-2)', () => {
  let receiver: Server;
  let port: number;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => {
        if (req.url === '/moved') res.writeHead(302, { location: `http://127.0.0.1:${port}/in` }).end('moved');
        else res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
  });

  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  it('AUD-2: with checked addresses the connection goes to them, and the Host header keeps the name', async () => {
    // `.invalid` never resolves (RFC 2606): only the pinned address can be reached.
    const host = `hooks.partner.invalid:${port}`;
    const outcome = await postWebhook(`http://${host}/in`, message, 5_000, [{ address: '127.0.0.1', family: 4 }]);
    expect(outcome).toEqual({ delivered: true, status: 200, body: 'ok' });
    expect(seen.at(-1)).toMatchObject({ host, 'webhook-id': 'evt_1' });
  });

  it('AUD-2: a redirect is not followed: the 3xx is the failed attempt, and its target is never called', async () => {
    const before = seen.length;
    const outcome = await postWebhook(`http://127.0.0.1:${port}/moved`, message, 5_000);
    expect(outcome).toEqual({ delivered: false, status: 302, body: 'moved' });
    expect(seen.length).toBe(before + 1);
  });

  it('an answer longer than the stored part is cut to its first bytes', async () => {
    const long = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('x'.repeat(100_000)));
    });
    await new Promise<void>((resolve) => long.listen(0, '127.0.0.1', resolve));
    try {
      const outcome = await postWebhook(`http://127.0.0.1:${(long.address() as AddressInfo).port}/in`, message, 5_000);
      expect(outcome).toEqual({ delivered: true, status: 200, body: 'x'.repeat(1024) });
    } finally {
      long.closeAllConnections();
      await new Promise((resolve) => long.close(resolve));
    }
  });
});
