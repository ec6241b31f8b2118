import type { IncomingMessage, ServerResponse } from 'node:http';
import { trustedManifest } from '../../shared/trusted-documents';

export const MANIFEST_PATH = '/trusted-documents.json';

/** GET /trusted-documents.json: the manifest, so browser pages send operations by id. */
export function serveManifest(req: IncomingMessage, res: ServerResponse): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.url ?? '/').split('?')[0] !== MANIFEST_PATH) return false;
  const body = Buffer.from(JSON.stringify(trustedManifest()), 'utf8');
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
