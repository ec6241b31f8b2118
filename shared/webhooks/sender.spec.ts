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
      req.on('end', () => res.end('ok'));
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
});
