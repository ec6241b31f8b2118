import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Graceful close of one HTTP server: stop accepting, let the requests in flight finish, then
 * close. Node's `server.close()` stops listening and closes idle keep-alive connections, but a
 * connection busy with a request stays open (and keep-alive) after answering, and a client may
 * send its next request into it as the process exits. So every answer written while draining
 * carries `Connection: close` (the client opens its next connection elsewhere), a connection
 * is closed as soon as its last answer is written, and whatever still runs after `graceMs` is cut.
 *
 * Apollo's drain plugin (a copy of `stoppable`) ends sockets without telling the client, and
 * http-terminator keeps the port open and resets new connections while it drains; neither
 * gives a load balancer or a client a clean "refused, try elsewhere".
 */
export function drainOnClose(server: Server): (graceMs: number) => Promise<{ cut: number }> {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  // First listener, so the header is set before any handler can write.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) server.closeIdleConnections();
    });
  });
  return async (graceMs) => {
    draining = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let cut = 0;
    const timer = setTimeout(() => {
      cut = inFlight.size;
      server.closeAllConnections();
    }, graceMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
    return { cut };
  };
}
