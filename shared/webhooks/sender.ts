import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent, request, type Dispatcher } from 'undici';
import type { SignedMessage } from './message';
import type { CheckedAddress } from './url-policy';
import { numberSetting } from '../config';

/** What one attempt got back: an HTTP status and the start of the answer, or an error. */
export interface AttemptOutcome {
  delivered: boolean;
  status: number | null;
  /** At most {@link MAX_STORED_BYTES} bytes of the answer, or the error message. */
  body: string;
}

export const MAX_STORED_BYTES = 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Per attempt; WEBHOOK_TIMEOUT_MS overrides it (tests use a short one for a receiver that never answers). */
export function webhookTimeoutMs(): number {
  return numberSetting(process.env.WEBHOOK_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
}

/** Cuts a text to at most `max` UTF-8 bytes without leaving half a character. */
export function capBytes(text: string, max = MAX_STORED_BYTES): string {
  if (Buffer.byteLength(text) <= max) return text;
  let cut = Buffer.from(text).subarray(0, max).toString('utf8');
  while (Buffer.byteLength(cut) > max || cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return cut;
}

/** Reads only the first bytes of the answer: a receiver must not make us buffer megabytes. */
async function readStart(body: Dispatcher.ResponseData['body'], max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size > max) break;
    }
  } finally {
    body.destroy();
  }
  return capBytes(Buffer.concat(chunks).toString('utf8'), max);
}

function describe(error: unknown, timeoutMs: number): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  const cause = err?.cause?.code ?? err?.cause?.message;
  return capBytes(`${err?.message ?? String(error)}${cause ? ` (${cause})` : ''}`);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A resolver that answers only with the given addresses (the ones the URL policy checked), in
 * both forms `net.connect` asks for: one address, or all of them (happy eyeballs).
 */
export function pinnedLookup(addresses: readonly CheckedAddress[]) {
  return (_host: string, options: LookupOptions, callback: LookupCallback): void => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family ? addresses.filter((entry) => entry.family === family) : addresses;
    if (!usable.length) {
      callback(Object.assign(new Error('no checked address of the requested family'), { code: 'ENOTFOUND' }), '');
      return;
    }
    if (options.all) callback(null, usable.map(({ address, family }) => ({ address, family })));
    else callback(null, usable[0].address, usable[0].family);
  };
}

/**
 * One POST, with a hard timeout covering connect, headers and body. Redirects are not
 * followed: a 3xx to an internal address would bypass the URL policy, so it counts as a
 * failed attempt like any other non-2xx. With `addresses` (production: what the URL policy
 * checked) the connection goes to one of them, never to a fresh DNS answer; the host name still
 * travels as the Host header and the TLS server name, so certificates are verified for it.
 */
export async function postWebhook(url: string, message: SignedMessage, timeoutMs = webhookTimeoutMs(), addresses?: readonly CheckedAddress[]): Promise<AttemptOutcome> {
  const dispatcher = addresses?.length ? new Agent({ connect: { lookup: pinnedLookup(addresses) } }) : undefined;
  try {
    // undici's request, not fetch: no WHATWG request, stream and header objects (a fetch cost about
    // 0.4 ms of CPU more per delivery), and like `redirect: 'manual'` it follows no redirect.
    const response = await request(url, {
      method: 'POST',
      headers: { ...message.headers, 'content-type': 'application/json', 'user-agent': 'csp-partner-graph-webhooks/1' },
      body: message.body,
      signal: AbortSignal.timeout(timeoutMs),
      ...(dispatcher ? { dispatcher } : {}),
    });
    // The status decides; an answer whose body stalls past the timeout still counts as given.
    const body = await readStart(response.body, MAX_STORED_BYTES).catch((error) => describe(error, timeoutMs));
    return { delivered: response.statusCode >= 200 && response.statusCode < 300, status: response.statusCode, body };
  } catch (error) {
    return { delivered: false, status: null, body: describe(error, timeoutMs) };
  } finally {
    await dispatcher?.destroy().catch(() => undefined);
  }
}
