import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { signDevToken } from '../shared/auth/jwt';
import type { Role } from '../shared/auth/roles';
import { isProduction, projectRoot } from '../shared/config';
import { sendJson } from '../shared/http';

/**
 * GET / : the partner console page (API.md "HTTP surfaces"), a static page whose script calls
 * only the public graph at POST /graphql with the token the user pasted. Its files come from
 * gateway/dashboard/ and nothing is fetched from elsewhere: the Content-Security-Policy allows
 * this origin only.
 */
const DASHBOARD_DIR = join(projectRoot(), 'gateway', 'dashboard');

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  // The page's ES modules, one per view or concern; a new module is added here.
  ...Object.fromEntries(
    ['main', 'dom', 'graph', 'notices', 'dialog', 'overview', 'customers', 'buy', 'invoices', 'preview'].map((name) => [
      `/dashboard/js/${name}.js`,
      { file: `js/${name}.js`, type: 'text/javascript; charset=utf-8' },
    ]),
  ),
};

export const DEMO_TOKENS_PATH = '/dashboard/demo-tokens';

/** The demo data's partners (README), offered as one-click sign-ins outside production. */
export const DEMO_PARTNERS: { tenant: string; label: string; roles: Role[] }[] = [
  { tenant: 'ptn-contoso-direct', label: 'Contoso Cloud (direct-bill partner)', roles: ['ADMIN_AGENT', 'SALES_AGENT'] },
  { tenant: 'ptn-fabrikam-provider', label: 'Fabrikam Distribution (indirect provider)', roles: ['ADMIN_AGENT'] },
  { tenant: 'ptn-northwind-reseller', label: 'Northwind IT Services (indirect reseller)', roles: ['ADMIN_AGENT'] },
  { tenant: 'ptn-tailspin-direct', label: 'Tailspin Cloud (direct-bill partner, North America)', roles: ['ADMIN_AGENT'] },
];

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** Serves the page and its assets; false for any other request. */
export async function serveDashboard(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = (req.url ?? '/').split('?')[0];
  if (path === DEMO_TOKENS_PATH) {
    // Demo tokens are a development convenience: production has no such endpoint.
    if (isProduction()) return false;
    const tokens = await Promise.all(
      DEMO_PARTNERS.map(async (partner) => ({ ...partner, token: await signDevToken({ sub: `demo-${partner.tenant}`, tid: partner.tenant, roles: partner.roles }) })),
    );
    sendJson(res, 200, { tokens });
    return true;
  }
  const asset = ASSETS[path];
  if (!asset) return false;
  const body = await readFile(join(DASHBOARD_DIR, asset.file));
  res.writeHead(200, { 'content-type': asset.type, 'content-length': body.length, ...SECURITY_HEADERS });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
