import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEMO_TOKENS_PATH, serveDashboard } from './dashboard-route';

const request = (url: string, method = 'GET') => ({ url, method }) as IncomingMessage;

function response() {
  const sent: { status?: number; headers?: Record<string, unknown>; body?: unknown } = {};
  const res = {
    writeHead: (status: number, headers: Record<string, unknown>) => Object.assign(sent, { status, headers }),
    setHeader: () => undefined,
    end: (body?: unknown) => Object.assign(sent, { body }),
  } as unknown as ServerResponse;
  return { res, sent };
}

describe('dashboard route', () => {
  const env = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = env;
  });

  it('serves the page at / and leaves other paths and methods to the gateway', async () => {
    const { res, sent } = response();
    expect(await serveDashboard(request('/?tab=1'), res)).toBe(true);
    expect(sent.status).toBe(200);
    expect(String(sent.body)).toContain('<script type="module" src="/dashboard/js/main.js"></script>');
    const { res: moduleRes, sent: module } = response();
    expect(await serveDashboard(request('/dashboard/js/customers.js'), moduleRes)).toBe(true);
    expect(module.headers?.['content-type']).toContain('text/javascript');
    expect(await serveDashboard(request('/dashboard/js/../../package.json'), response().res)).toBe(false);
    expect(await serveDashboard(request('/graphql'), response().res)).toBe(false);
    expect(await serveDashboard(request('/', 'POST'), response().res)).toBe(false);
  });

  it('signs no demo token in production', async () => {
    process.env.NODE_ENV = 'production';
    expect(await serveDashboard(request(DEMO_TOKENS_PATH), response().res)).toBe(false);
  });
});
