import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { logError } from './log';

const MAX_BODY = 1024 * 1024;

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  // Read by events: an async iterator over the request cost more than the body on small queries.
  if (req.readableEnded) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        cleanup();
        req.destroy();
        reject(new HttpError(413, 'Request body too large'));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    // Closed before its end: the client went away mid-body.
    const onClose = () => {
      cleanup();
      reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/**
 * A POST body read and parsed as JSON (undefined when empty); a body that is not JSON is answered
 * here (400 BAD_REQUEST) and gives null.
 */
export async function readGraphQLBody(req: IncomingMessage, res: ServerResponse): Promise<{ body: unknown } | null> {
  const raw = await readBody(req);
  try {
    return { body: raw ? JSON.parse(raw) : undefined };
  } catch {
    sendJson(res, 400, { errors: [{ message: 'Malformed JSON body', extensions: { code: 'BAD_REQUEST' } }] });
    return null;
  }
}

/**
 * Serves one GraphQL-over-HTTP request with Apollo Server, without a web framework. `posted` is
 * the POST body when the caller has read it already (readGraphQLBody).
 */
export async function serveGraphQL<C extends BaseContext>(
  server: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<C>,
  posted?: { body: unknown },
): Promise<void> {
  // The query string, as the WHATWG URL gives it (most requests have none: no URL to parse).
  const search = req.url?.includes('?') ? new URL(req.url, 'http://localhost').search : '';
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    const read = posted ?? (await readGraphQLBody(req, res));
    if (!read) return;
    body = read.body;
  }
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
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
