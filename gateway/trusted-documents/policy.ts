import type { IncomingHttpHeaders } from 'node:http';

/**
 * TRUSTED_DOCUMENTS: which callers may send only trusted documents (operations listed in
 * trusted-documents.json): `off` (default: anyone may send any document), `browsers` (a browser
 * client may run only listed operations; API clients may still send any document), `all`.
 */
export type TrustedDocumentsMode = 'off' | 'browsers' | 'all';

export function trustedDocumentsMode(value = process.env.TRUSTED_DOCUMENTS): TrustedDocumentsMode {
  const mode = (value ?? '').trim().toLowerCase();
  if (mode === 'browsers' || mode === 'all') return mode;
  if (mode === '' || mode === 'off' || mode === 'false' || mode === '0') return 'off';
  throw new Error(`TRUSTED_DOCUMENTS must be off, browsers or all (got ${value})`);
}

/**
 * A browser client: its request carries `Origin` (every cross-origin request and every POST,
 * also same-origin) or `Sec-Fetch-Site` (every request of a current browser). Browsers set these
 * themselves and a page's script can neither remove nor forge them; server-side API clients send
 * neither (Node's fetch sends `Sec-Fetch-Mode` only, so that one does not count).
 */
export function isBrowserRequest(headers: { get(name: string): string | undefined | null } | IncomingHttpHeaders): boolean {
  const get = (name: string) => ('get' in headers && typeof headers.get === 'function' ? headers.get(name) : (headers as IncomingHttpHeaders)[name]);
  return !!(get('origin') || get('sec-fetch-site'));
}

/** Whether this caller must send a trusted document under `mode`. */
export function mustBeTrusted(mode: TrustedDocumentsMode, browser: boolean): boolean {
  return mode === 'all' || (mode === 'browsers' && browser);
}
