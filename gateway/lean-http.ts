import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** What the gateway reads of a subgraph's answer (the subset of fetch's Response it uses). */
export interface LeanResponse {
  status: number;
  statusText: string;
  ok: boolean;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/**
 * Keep-alive connections to the subgraphs, kept per process. Node honours the subgraph's
 * `Keep-Alive: timeout` hint and drops a connection before the subgraph closes it.
 */
const agents = { http: new Agent({ keepAlive: true, maxSockets: 256 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 256 }) };
const parsedUrls = new Map<string, URL>();

/**
 * One HTTP exchange with a subgraph on Node's own http client: the whole answer within
 * `timeoutMs` (else an error named TimeoutError), nothing else. The gateway's fetch through
 * Node's built-in fetch spent more on WHATWG request, stream and abort-signal objects than
 * on the exchange itself.
 */
export async function leanRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  timeoutMs: number,
  options: { retryStaleConnection?: boolean } = {},
): Promise<LeanResponse> {
  try {
    return await exchange(url, init, timeoutMs);
  } catch (error) {
    // A kept-alive connection the subgraph closed just as this request went out: the request
    // never reached it. Sent again on a fresh connection when the caller says that is safe.
    if (!options.retryStaleConnection || !(error as StaleConnection).staleConnection) throw error;
    return exchange(url, init, timeoutMs);
  }
}

interface StaleConnection extends Error {
  staleConnection?: boolean;
}

function exchange(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }, timeoutMs: number): Promise<LeanResponse> {
  let target = parsedUrls.get(url);
  if (!target) parsedUrls.set(url, (target = new URL(url)));
  const secure = target.protocol === 'https:';
  const body = init.body ?? '';
  return new Promise<LeanResponse>((resolve, reject) => {
    let answered = false;
    const outgoing = (secure ? httpsRequest : request)(
      target,
      { method: init.method ?? 'POST', agent: secure ? agents.https : agents.http, headers: { ...init.headers, 'content-length': String(Buffer.byteLength(body)) } },
      (incoming) => {
        answered = true;
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', fail);
        incoming.on('end', () => {
          clearTimeout(timer);
          resolve(leanResponse(url, incoming.statusCode ?? 502, incoming.statusMessage ?? '', incoming.headers, Buffer.concat(chunks).toString('utf8')));
        });
      },
    );
    const timer = setTimeout(() => {
      const error = new Error(`no answer within ${timeoutMs} ms`);
      error.name = 'TimeoutError';
      outgoing.destroy(error);
    }, timeoutMs);
    function fail(error: StaleConnection) {
      clearTimeout(timer);
      if (!answered && outgoing.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') error.staleConnection = true;
      reject(error);
    }
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}

/** A response of the given text (also what the gateway builds when it rewrites an answer). */
export function leanResponse(url: string, status: number, statusText: string, headers: IncomingHttpHeaders, text: string): LeanResponse {
  return {
    status,
    statusText,
    ok: status >= 200 && status < 300,
    url,
    headers: {
      get: (name) => {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: async () => text,
    json: async () => JSON.parse(text),
  };
}
