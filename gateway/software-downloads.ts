import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeIdentity, IDENTITY_HEADER, SECRET_HEADER } from '../shared/auth/forwarding';
import { remoteTimeoutMs } from '../shared/graph-client';
import { SOFTWARE_DOWNLOAD_PATH } from '../shared/config';
import { sendJson } from '../shared/http';
import type { IdentityResolver } from './identity';
import { routeCaller } from './route-caller';


export interface SoftwareDownloadOptions {
  identities: IdentityResolver;
  subscriptionsUrl: string;
  secret: string;
}

/** A link id as the subscriptions subgraph issues it; nothing else reaches the subgraph. */
const LINK_ID = /^[A-Za-z0-9_]{1,100}$/;
const EXPIRES = /^\d{1,12}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The subgraph path of a public download URL, rebuilt from its parts: a validated link id plus
 * `expires` and `signature`, nothing else (no other path segments, dot segments, encoded
 * characters or query parameters pass). Undefined when the URL is not a well-formed link.
 */
export function forwardedDownloadPath(url: string): string | undefined {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const linkId = path.slice(SOFTWARE_DOWNLOAD_PATH.length);
  if (!path.startsWith(SOFTWARE_DOWNLOAD_PATH) || !LINK_ID.test(linkId)) return undefined;
  const query = new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1));
  const expires = query.getAll('expires');
  const signature = query.getAll('signature');
  if (expires.length !== 1 || signature.length !== 1 || !EXPIRES.test(expires[0]) || !SIGNATURE.test(signature[0])) return undefined;
  return `/internal${SOFTWARE_DOWNLOAD_PATH}${linkId}?expires=${expires[0]}&signature=${signature[0]}`;
}

/**
 * SW-2: `GET /software/downloads/<link>?expires=…&signature=…` with the caller's bearer token.
 * The gateway verifies the token and hands the request, with the verified identity, to the
 * subscriptions subgraph's download route only (the URL rebuilt from the link's parts, never
 * the caller's path or query), which checks signature, expiry, tenant and revocation and logs
 * the download; a valid link redirects to the file. Returns false for any other path.
 */
export async function serveSoftwareDownload(req: IncomingMessage, res: ServerResponse, options: SoftwareDownloadOptions): Promise<boolean> {
  const url = req.url ?? '/';
  if (!url.startsWith(SOFTWARE_DOWNLOAD_PATH)) return false;
  if (req.method !== 'GET') {
    sendJson(res, 405, { error: 'Method not allowed' });
    return true;
  }
  const forwarded = forwardedDownloadPath(url);
  if (!forwarded) {
    sendJson(res, 404, { error: 'Not found' });
    return true;
  }
  const identity = await routeCaller(req, res, options.identities, { unauthenticated: 'A download link works only with the bearer token of the partner it was issued to' });
  if (!identity) return true;
  let response: Response;
  try {
    response = await fetch(options.subscriptionsUrl.replace(/\/graphql$/, forwarded), {
      headers: { [SECRET_HEADER]: options.secret, [IDENTITY_HEADER]: encodeIdentity(identity) },
      signal: AbortSignal.timeout(remoteTimeoutMs()),
    });
  } catch {
    sendJson(res, 503, { error: 'Service "subscriptions" is unavailable' });
    return true;
  }
  const body = (await response.json().catch(() => ({}))) as { location?: string; error?: string };
  if (response.status === 200 && body.location) {
    res.statusCode = 302;
    res.setHeader('location', body.location);
    res.setHeader('cache-control', 'no-store');
    res.end();
    return true;
  }
  sendJson(res, response.status === 200 ? 502 : response.status, { error: body.error ?? 'Download refused' });
  return true;
}
