import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { migrateAndSeed } from '../../scripts/stack';
import { projectRoot } from '../../shared/config';
import { ARTIFACTS, launchBrowser } from '../dashboard/browser';
import { useStack } from '../support/stack';

/**
 * GET /graphql from a browser: GraphiQL served by the gateway itself (no CDN, works offline),
 * explaining the headers editor and offering the demo tenants' tokens outside production.
 */
describe('GraphiQL at GET /graphql', () => {
  const t = useStack();
  const origin = () => t.gatewayUrl.replace(/\/graphql$/, '');
  const asBrowser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  /**
   * Absolute URLs the bundle carries as text, never as a request: XML namespaces, the links of
   * React's error messages and of GraphiQL's help, the spec links of scalar descriptions.
   */
  const REFERENCES_ONLY = ['http://www.w3.org', 'https://react.dev', 'https://yarnpkg.com', 'https://github.com', 'https://en.wikipedia.org', 'https://commonmark.org', 'https://codemirror.net'];
  const loads = /(?:src|href)\s*=\s*["']?(?:https?:)?\/\/|url\(\s*["']?(?:https?:)?\/\/|@import\s+(?:url\()?["']?(?:https?:)?\/\/|fetch\(\s*["'`](?:https?:)?\/\/|import\(\s*["'`](?:https?:)?\/\/|new (?:WebSocket|EventSource|Worker)\(\s*["'`]/g;

  beforeAll(async () => {
    // The bundle is what `npm run build` and `npm install` produce: rebuilt here from the sources.
    execFileSync(process.execPath, [join(projectRoot(), 'scripts', 'build-graphiql.mjs')], { stdio: 'ignore' });
    // The demo tenants the page offers exist in the demo data (README).
    await migrateAndSeed(t.databaseUrl, { demo: true });
  });

  it('serves an HTML page that explains the headers editor and names no external URL', async () => {
    const response = await fetch(t.gatewayUrl, { headers: asBrowser });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('/graphiql/graphiql.js');
    expect(html).toContain('{"authorization": "Bearer &lt;token&gt;"}');
    expect(html.match(/https?:\/\/[^\s"'<>]+/g)).toBeNull();
    expect(JSON.parse(html.match(/<script type="application\/json" id="graphiql-config">([^<]*)<\/script>/)![1])).toEqual({ endpoint: '/graphql', schemaPath: '/schema.graphql', demoTokensPath: '/dashboard/demo-tokens' });
  });

  it('its bundle (from the graphiql package) loads nothing from another origin', async () => {
    for (const asset of ['/graphiql/graphiql.js', '/graphiql/graphiql.css']) {
      const response = await fetch(`${origin()}${asset}`);
      expect([asset, response.status]).toEqual([asset, 200]);
      const text = await response.text();
      expect([asset, text.match(loads)]).toEqual([asset, null]);
      const origins = [...new Set(text.match(/https?:\/\/[a-zA-Z0-9.-]+/g) ?? [])];
      expect([asset, origins.filter((found) => !REFERENCES_ONLY.includes(found))]).toEqual([asset, []]);
    }
    const script = await fetch(`${origin()}/graphiql/graphiql.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    // Read to the end: an unread answer keeps its connection, and the test's process, alive.
    await script.arrayBuffer();
  });

  it('API calls still get GraphQL: a GET asking for JSON, and POST', async () => {
    const token = await t.operatorToken();
    const get = await fetch(`${t.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    expect(await t.gql(token, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });

  it('in a real browser: picking a demo tenant fills the headers editor, and a query runs with that token, with no request leaving the gateway', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const foreign: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(origin()) && !request.url().startsWith('data:')) foreign.push(request.url());
      });
      await page.goto(t.gatewayUrl);
      await page.locator('.graphiql-container').waitFor();
      await page.locator('[data-testid="demo-token"]').selectOption('ptn-contoso-direct');
      await page.getByText('"authorization": "Bearer ey', { exact: false }).first().waitFor();
      const answer = page.waitForResponse((response) => response.url() === t.gatewayUrl && response.request().method() === 'POST' && (response.request().postData() ?? '').includes('query Me'));
      await page.locator('.graphiql-execute-button').click();
      const response = await answer;
      expect(response.request().headers().authorization).toMatch(/^Bearer ey/);
      const body = await response.json();
      expect(body).toMatchObject({ data: { me: { tenantId: 'ptn-contoso-direct', tenant: { name: 'Contoso Cloud' } } } });
      await page.locator('.graphiql-response').getByText('Contoso Cloud').first().waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'graphiql.png'), fullPage: true });
      expect(foreign).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
