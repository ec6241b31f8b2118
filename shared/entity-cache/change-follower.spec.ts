import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EntityCache } from './entity-cache';
import { ChangeFollower } from './change-follower';

/**
 * The follower against a stand-in for the catalog's change feed (a local server): the first poll
 * answers at once, the next ones wait as the catalog's long poll does.
 */
describe('the entity cache\'s change follower', () => {
  it('leaves no connection to the catalog once stopped, though a long poll was waiting (the catalog\'s shutdown does not wait for it)', async () => {
    const waiting: ServerResponse[] = [];
    let polled!: () => void;
    const longPoll = new Promise<void>((resolve) => (polled = resolve));
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (new URL(req.url!, 'http://feed').searchParams.get('wait') === '0') return res.end(JSON.stringify({ position: '0' }));
      waiting.push(res);
      polled();
    });
    const sockets: Promise<void>[] = [];
    server.on('connection', (socket) => sockets.push(new Promise((resolve) => socket.on('close', () => resolve()))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const cache = new EntityCache('catalog');
    const serving = cache.next('serving');
    const follower = new ChangeFollower(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, 'secret', cache).start();
    await serving;
    await longPoll;
    await follower.stop();
    expect(cache.serving).toBe(false);
    // The follower closed every connection it opened, the waiting long poll's included, without the
    // server answering or closing anything.
    await Promise.all(sockets);
    const connections = await new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    expect(connections).toBe(0);
    for (const res of waiting) res.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
});
