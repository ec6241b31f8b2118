import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { projectRoot } from '../shared/config';

/**
 * The links partners send (REL-2 relationship requests, RES-1 reseller invitations): a page that
 * shows the invitation and how to accept it, then accepts it through the public graph with the
 * token the visitor pastes. The id is read by the page's script from its own path; the server
 * only checks the path's shape, so nothing about the invitation is disclosed without a token.
 */
const LINKS_DIR = join(projectRoot(), 'gateway', 'links');
const LINK_PATH = /^\/(relationship-requests|reseller-invitations)\/[A-Za-z0-9_-]{1,100}$/;
const HEADERS = {
  'content-security-policy': "default-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

export async function serveInvitationLinks(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET') return false;
  const path = (req.url ?? '/').split('?')[0];
  const asset = path === '/links/accept.js' ? { file: 'accept.js', type: 'text/javascript; charset=utf-8' } : LINK_PATH.test(path) ? { file: 'accept.html', type: 'text/html; charset=utf-8' } : null;
  if (!asset) return false;
  const body = await readFile(join(LINKS_DIR, asset.file));
  res.writeHead(200, { 'content-type': asset.type, ...HEADERS });
  res.end(body);
  return true;
}
