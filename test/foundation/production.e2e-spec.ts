import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { signDevToken } from '../../shared/auth/jwt';
import { codeOf, useStack } from '../support/stack';

/**
 * The stack as production runs it: NODE_ENV=production, secrets from the environment,
 * RS256 tokens verified against a JWKS URL (served here by a local stand-in for the
 * identity provider), no introspection and no sandbox time.
 */
describe('production mode', () => {
  const saved = { ...process.env };
  let jwks: Server;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey as CryptoKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    Object.assign(process.env, {
      NODE_ENV: 'production',
      GATEWAY_SECRET: 'production-gateway-secret-for-this-test',
      AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
    });
  });

  const t = useStack();

  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => jwks.close(resolve));
  });

  const rs256 = (tid: string, roles: string[]) =>
    new SignJWT({ tid, roles }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('prod-user').setIssuedAt().setExpirationTime('5m').sign(privateKey);

  it('accepts RS256 tokens from the JWKS URL and refuses development HS256 tokens', async () => {
    expect((await t.gql(await rs256('platform', ['PLATFORM_OPERATOR']), '{ me { userId } }')).data?.me.userId).toBe('prod-user');
    const dev = await signDevToken({ sub: 'x', tid: 'platform', roles: ['PLATFORM_OPERATOR'] }, 'csp-partner-graph-development-secret');
    expect(codeOf(await t.gql(dev, '{ me { userId } }'))).toBe('UNAUTHENTICATED');
  });

  it('turns introspection off', async () => {
    const response = await t.gql(await rs256('platform', ['PLATFORM_OPERATOR']), '{ __schema { queryType { name } } }');
    expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses the sandbox clock', async () => {
    const response = await t.gql(await rs256('platform', ['PLATFORM_OPERATOR']), 'mutation { setSandboxClock(input: { now: "2030-01-01T00:00:00Z" }) { now } }');
    expect(codeOf(response)).toBe('FORBIDDEN');
  });
  it('AUD-2: createWebhook refuses IPv6 literals that embed an IPv4 address (loopback, cloud metadata, mapped, NAT64)', async () => {
    const operator = await rs256('platform', ['PLATFORM_OPERATOR']);
    const onboarded = await t.gql(operator, 'mutation($i: OnboardPartnerInput!) { onboardPartner(input: $i) { partner { id } errors { code } } }', {
      i: { name: 'Production webhooks partner', type: 'DIRECT_BILL', partnerId: '7345001', region: 'EUROPE', mpaSigned: true },
    });
    const partnerToken = await rs256(onboarded.data.onboardPartner.partner.id, ['ADMIN_AGENT']);
    for (const url of ['https://[::127.0.0.1]/', 'https://[::a9fe:a9fe]/', 'https://[::ffff:7f00:1]/', 'https://[64:ff9b::a9fe:a9fe]/']) {
      const response = await t.gql(partnerToken, 'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } } }', { i: { url, events: ['SUBSCRIPTION_CREATED'] } });
      expect([url, codeOf(response), response.errors?.[0]?.extensions?.reason]).toEqual([url, 'BAD_USER_INPUT', 'ADDRESS_NOT_PUBLIC']);
    }
    const { rows } = await t.db.query('select count(*)::int as n from platform.webhook');
    expect(rows[0].n).toBe(0);
  });

  it('hides field suggestions, offers no demo tokens in GraphiQL and allows no browser origin unless CORS_ORIGINS lists it', async () => {
    const misspelt = await t.gql(await rs256('platform', ['PLATFORM_OPERATOR']), '{ mee { userId } }');
    expect(misspelt.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const html = await (await fetch(t.gatewayUrl, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('"demoTokensPath":null');
    const cors = await fetch(t.gatewayUrl, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(cors.headers.get('access-control-allow-origin')).toBeNull();
  });
});
