import { SignJWT } from 'jose';
import { signDevToken, verifyToken } from './jwt';

/** Verified tokens are remembered: only while valid, and only for the secret that verified them. */
describe('verifyToken (ACT-3: an expired, tampered or unsigned token is refused, remembered or not)', () => {
  const original = process.env.AUTH_JWT_SECRET;
  afterEach(() => {
    if (original === undefined) delete process.env.AUTH_JWT_SECRET;
    else process.env.AUTH_JWT_SECRET = original;
    jest.useRealTimers();
  });

  it('accepts a token again without verifying it anew, until it expires', async () => {
    process.env.AUTH_JWT_SECRET = 'secret-a';
    const token = await signDevToken({ sub: 'u', tid: 't', roles: ['ADMIN_AGENT'] }, 'secret-a', '10m');
    expect(await verifyToken(token)).toEqual({ sub: 'u', tid: 't', roles: ['ADMIN_AGENT'] });
    expect(await verifyToken(token)).toEqual({ sub: 'u', tid: 't', roles: ['ADMIN_AGENT'] });
    jest.useFakeTimers({ now: Date.now() + 11 * 60_000 });
    expect(await verifyToken(token)).toBeUndefined();
  });

  it('a remembered token is verified again once the secret changed', async () => {
    process.env.AUTH_JWT_SECRET = 'secret-b';
    const token = await signDevToken({ sub: 'u', tid: 't', roles: ['ADMIN_AGENT'] }, 'secret-b');
    expect(await verifyToken(token)).toBeDefined();
    process.env.AUTH_JWT_SECRET = 'secret-c';
    expect(await verifyToken(token)).toBeUndefined();
  });

  it('refuses tampered and unsigned tokens, and remembers nothing of them', async () => {
    process.env.AUTH_JWT_SECRET = 'secret-d';
    const token = await signDevToken({ sub: 'u', tid: 't', roles: ['ADMIN_AGENT'] }, 'secret-d');
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'u', tid: 'other', roles: ['ADMIN_AGENT'], exp: 9_999_999_999 })).toString('base64url')}.${signature}`;
    expect(await verifyToken(forged)).toBeUndefined();
    expect(await verifyToken(forged)).toBeUndefined();
    const wrongKey = await new SignJWT({ tid: 't', roles: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('u').setExpirationTime('1h').sign(new TextEncoder().encode('not-the-secret'));
    expect(await verifyToken(wrongKey)).toBeUndefined();
  });
});
