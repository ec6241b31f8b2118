import { jwtVerify } from 'jose';
import { jwtSecret } from '../../shared/config';
import { tokenCommand, TOKEN_USAGE } from '../../scripts/token-command';

/** `npm run token`: a token for good arguments, the usage message (never a stack trace) otherwise. */
describe('token command', () => {
  it('signs a token for a tenant and its roles', async () => {
    const result = await tokenCommand(['--tenant', 'ptn-contoso-direct', '--roles', 'ADMIN_AGENT,SALES_AGENT', '--user', 'alice']);
    expect(result.code).toBe(0);
    const { payload } = await jwtVerify(result.out!, new TextEncoder().encode(jwtSecret()));
    expect(payload).toMatchObject({ sub: 'alice', tid: 'ptn-contoso-direct', roles: ['ADMIN_AGENT', 'SALES_AGENT'] });
  });

  it.each([
    ['an unknown option', ['--tenant', 'x', '--roles', 'ADMIN_AGENT', '--bogus'], "Unknown option '--bogus'"],
    ['no arguments', [], '--tenant and --roles are required'],
    ['an unknown role', ['--tenant', 'x', '--roles', 'ADMIN_AGENT,KING'], 'unknown role(s): KING; known roles:'],
    ['a malformed lifetime', ['--tenant', 'x', '--roles', 'ADMIN_AGENT', '--expires', 'soon'], '--expires must look like'],
  ])('%s → exit code 2 with the reason and the usage message', async (_case, args, reason) => {
    const result = await tokenCommand(args);
    expect(result.code).toBe(2);
    expect(result.out).toBeUndefined();
    expect(result.err).toContain(reason);
    expect(result.err).toContain(TOKEN_USAGE);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('--help prints the usage message', async () => {
    expect(await tokenCommand(['--help'])).toEqual({ code: 0, out: TOKEN_USAGE });
  });
});
