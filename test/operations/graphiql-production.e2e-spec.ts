import { ARTIFACTS, launchBrowser } from '../dashboard/browser';
import { join } from 'node:path';
import { signDevToken } from '../../shared/auth/jwt';
import { useStack } from '../support/stack';

/**
 * GraphiQL in production (introspection off): the page takes the schema from GET
 * /schema.graphql, so the Docs list the graph's types and a query runs; no "Error fetching
 * schema". Headless Chromium, as the dashboard's browser test.
 */
describe('GraphiQL in production', () => {
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, { NODE_ENV: 'production', GATEWAY_SECRET: 'graphiql-test-gateway-secret', AUTH_JWT_SECRET: 'graphiql-test-jwt-secret' });
  });
  afterAll(() => {
    process.env = saved;
  });
  const t = useStack();

  it('shows the schema in the Docs without introspection, and runs a query with the token from the headers editor', async () => {
    const introspection = await t.gql(undefined, '{ __schema { queryType { name } } }');
    expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const token = await signDevToken({ sub: 'operator', tid: 'platform', roles: ['PLATFORM_OPERATOR'] }, 'graphiql-test-jwt-secret');
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(t.gatewayUrl);
      await page.locator('.graphiql-container').waitFor();
      await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
      await page.locator('.graphiql-doc-explorer').getByText('Mutation', { exact: true }).first().waitFor();
      expect(await page.getByText('Error fetching schema').count()).toBe(0);
      const headers = page.locator('.graphiql-editor-tool .graphiql-editor').last();
      await headers.click();
      await page.keyboard.type(JSON.stringify({ authorization: `Bearer ${token}` }));
      const answer = page.waitForResponse((response) => response.url() === t.gatewayUrl && response.request().method() === 'POST');
      await page.locator('.graphiql-execute-button').click();
      expect(await (await answer).json()).toMatchObject({ data: { me: { userId: 'operator', tenantId: 'platform' } } });
      await page.screenshot({ path: join(ARTIFACTS, 'graphiql-production.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
