import { signDevToken } from '../shared/auth/jwt';
import { PLATFORM_TENANT } from '../shared/auth/roles';
import { IdentityResolver } from './identity';

describe('identity resolver', () => {
  // The platform tenant needs no lookup in the customers subgraph (none runs here).
  const resolver = new IdentityResolver('http://127.0.0.1:9', 'secret');

  it('a token verified once gives the same identity to every request that sends it (ACT-3: still verified, expired tokens refused)', async () => {
    const token = await signDevToken({ sub: 'operator', tid: PLATFORM_TENANT, roles: ['PLATFORM_OPERATOR', 'ADMIN_AGENT'] });
    const first = await resolver.fromHeaders({ authorization: `Bearer ${token}` });
    expect(first).toEqual({ userId: 'operator', tenantId: PLATFORM_TENANT, tenantKind: 'PLATFORM', partnerType: undefined, roles: ['PLATFORM_OPERATOR'] });
    expect(await resolver.fromHeaders({ authorization: `Bearer ${token}` })).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first!.roles)).toBe(true);
    const other = await signDevToken({ sub: 'someone-else', tid: PLATFORM_TENANT, roles: ['PLATFORM_OPERATOR'] });
    expect((await resolver.fromHeaders({ authorization: `Bearer ${other}` }))?.userId).toBe('someone-else');
    const expired = await signDevToken({ sub: 'operator', tid: PLATFORM_TENANT, roles: ['PLATFORM_OPERATOR'] }, undefined, '-1s');
    await expect(resolver.fromHeaders({ authorization: `Bearer ${expired}` })).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
