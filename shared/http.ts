import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { logError } from './log';

const MAX_BODY = 1024 * 1024;

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** Serves one GraphQL-over-HTTP request with Apollo Server, without a web framework. */
export async function serveGraphQL<C extends BaseContext>(
  server: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<C>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    const raw = await readBody(req);
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      sendJson(res, 400, { errors: [{ message: 'Malformed JSON body', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
  }
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context,
  });
  res.statusCode = result.status ?? 200;
  for (const [key, value] of result.headers) res.setHeader(key, value);
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Wraps a request handler: HttpErrors become their status, anything else a bare 500. */
export function guarded(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handler(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message });
      logError('unhandled error serving an HTTP request', error);
      sendJson(res, 500, { error: 'Internal server error' });
    });
  };
}

/** Whether a request's Content-Type is `type` (parameters such as `; charset=utf-8` aside). */
export function hasContentType(req: IncomingMessage, type: string): boolean {
  return req.headers['content-type']?.split(';')[0].trim().toLowerCase() === type;
}
