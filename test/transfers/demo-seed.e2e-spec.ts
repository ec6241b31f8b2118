import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { signDevToken } from '../../shared/auth/jwt';
import { migrateAndSeed, startStackInProcess, type RunningStack } from '../../scripts/stack';
import { withDatabase } from '../support/global-setup';

/** The demo data shows channel transfers on the README's dashboard query (EA-2, EA-3, EA-4). */
describe('demo Enterprise Agreement', () => {
  const name = `t_demo_${randomBytes(5).toString('hex')}`;
  const url = () => withDatabase(process.env.TEST_SERVER_URL!, name);
  let stack: RunningStack | undefined;

  beforeAll(async () => {
    const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
  });

  afterAll(async () => {
    await stack?.stop();
    const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('EA-3: seeded twice, Contoso\'s dashboard shows Alpine Ski\'s agreement with available, end-of-sale and government SKUs', async () => {
    await migrateAndSeed(url(), { demo: true });
    await migrateAndSeed(url(), { demo: true });
    stack = await startStackInProcess(url());
    const token = await signDevToken({ sub: 'alice', tid: 'ptn-contoso-direct', roles: ['ADMIN_AGENT', 'SALES_AGENT'] });
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `{ customers(first: 20) { edges { node { id companyName
          enterpriseAgreements { number endDate subscriptions { provisioningId availability offer { lifecycle } } } } } } }`,
      }),
    });
    const body = (await response.json()) as { data: { customers: { edges: { node: any }[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const alpine = body.data.customers.edges.map((e) => e.node).find((c) => c.id === 'cus-alpine-ski');
    expect(alpine.enterpriseAgreements).toEqual([
      {
        number: 'EA-7312-4490',
        endDate: expect.any(String),
        subscriptions: expect.arrayContaining([
          { provisioningId: 'Microsoft_365_E3_(no_Teams)', availability: 'AVAILABLE', offer: { lifecycle: 'AVAILABLE' } },
          { provisioningId: 'Power_BI_Pro', availability: 'AVAILABLE', offer: { lifecycle: 'AVAILABLE' } },
          { provisioningId: 'Microsoft_365_E5', availability: 'AVAILABLE', offer: { lifecycle: 'END_OF_SALE' } },
          { provisioningId: 'Office_365_G3', availability: 'NOT_AVAILABLE_IN_CSP', offer: { lifecycle: 'AVAILABLE' } },
        ]),
      },
    ]);
  });
});
