import { missingProductionSecrets } from './config';

/** A production process names the secrets it lacks and does not start (gateway/main.ts, subgraphs/main.ts). */
describe('production secrets', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('outside production nothing is required (development defaults)', () => {
    delete process.env.GATEWAY_SECRET;
    process.env.NODE_ENV = 'test';
    expect(missingProductionSecrets('gateway')).toEqual([]);
  });

  it('in production the gateway needs GATEWAY_SECRET and a way to verify tokens; a subgraph only GATEWAY_SECRET', () => {
    process.env.NODE_ENV = 'production';
    delete process.env.GATEWAY_SECRET;
    delete process.env.AUTH_JWT_SECRET;
    delete process.env.AUTH_JWKS_URL;
    expect(missingProductionSecrets('gateway')).toEqual(['GATEWAY_SECRET', 'AUTH_JWT_SECRET or AUTH_JWKS_URL']);
    expect(missingProductionSecrets('catalog')).toEqual(['GATEWAY_SECRET']);
    process.env.GATEWAY_SECRET = 's';
    process.env.AUTH_JWKS_URL = 'https://login.example/keys';
    expect(missingProductionSecrets('gateway')).toEqual([]);
  });
});
