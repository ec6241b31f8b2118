import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import { Pool, type Dispatcher } from 'undici';

/** What a caller reads of another service's answer (the subset of fetch's Response the gateway and the peer clients use). */
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
 * Keep-alive connections to the subgraphs (from the gateway, and from one subgraph to another
 * through shared/graph-client.ts): one undici pool per subgraph origin, kept per process
 * (undici honours the subgraph's `Keep-Alive: timeout` hint and drops a connection before the
 * subgraph closes it).
 */
const pools = new Map<string, { pool: Pool; path: string }>();

function poolFor(url: string): { pool: Pool; path: string } {
  let entry = pools.get(url);
  if (!entry) {
    const target = new URL(url);
    entry = { pool: new Pool(target.origin, { connections: 256, pipelining: 1 }), path: `${target.pathname}${target.search}` };
    pools.set(url, entry);
  }
  return entry;
}

/**
 * One HTTP exchange with a subgraph on undici's connection pool: the whole answer within
 * `timeoutMs` (else an error named TimeoutError), nothing else. Node's built-in fetch spent more on
 * WHATWG request, stream and abort-signal objects than on the exchange itself (about 0.4 ms of
 * CPU more per small request on the machine the benchmarks run on), and node:http's
 * ClientRequest was a fifth of the gateway's CPU on small queries.
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
    // never got an answer. Sent again on a fresh connection when the caller says that is safe.
    if (!options.retryStaleConnection || !(error as StaleConnection).staleConnection) throw error;
    return exchange(url, init, timeoutMs);
  }
}

interface StaleConnection extends Error {
  staleConnection?: boolean;
}

async function exchange(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }, timeoutMs: number): Promise<LeanResponse> {
  const { pool, path } = poolFor(url);
  const abort = new AbortController();
  const timer = setTimeout(() => {
    const error = new Error(`no answer within ${timeoutMs} ms`);
    error.name = 'TimeoutError';
    abort.abort(error);
  }, timeoutMs);
  let answered = false;
  try {
    const response = await pool.request({ path, method: (init.method ?? 'POST') as Dispatcher.HttpMethod, headers: init.headers, body: init.body ?? '', signal: abort.signal });
    answered = true;
    const text = await response.body.text();
    return leanResponse(url, response.statusCode, STATUS_CODES[response.statusCode] ?? '', response.headers as IncomingHttpHeaders, text);
  } catch (error) {
    if (abort.signal.aborted) throw abort.signal.reason;
    // The connection closed before any answer (undici's SocketError, or a reset).
    const code = (error as NodeJS.ErrnoException).code;
    if (!answered && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET')) (error as StaleConnection).staleConnection = true;
    throw error;
  } finally {
    clearTimeout(timer);
  }
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
