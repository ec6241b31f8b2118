import { checkDestination, checkWebhookUrl, isPublicAddress, type Lookup } from './url-policy';

const production = { production: true };
const development = { production: false };
const resolvesTo = (...addresses: string[]): Lookup => async () => addresses.map((address) => ({ address }));

describe('webhook URL policy (AUD-2)', () => {
  it.each([
    ['not a url', 'MALFORMED'],
    ['', 'MALFORMED'],
    ['/relative/path', 'MALFORMED'],
    [`https://example.com/${'a'.repeat(2100)}`, 'MALFORMED'],
    ['file:///etc/passwd', 'SCHEME_NOT_ALLOWED'],
    ['ftp://example.com/hook', 'SCHEME_NOT_ALLOWED'],
    ['javascript:alert(1)', 'SCHEME_NOT_ALLOWED'],
    ['gopher://127.0.0.1:6379/_', 'SCHEME_NOT_ALLOWED'],
    ['https://user:secret@example.com/hook', 'CREDENTIALS_IN_URL'],
    ['https://token@hooks.example.com/hook', 'CREDENTIALS_IN_URL'],
  ])('AUD-2: refuses %j in every environment (%s)', (url, reason) => {
    expect(checkWebhookUrl(url, development)).toMatchObject({ ok: false, reason });
    expect(checkWebhookUrl(url, production)).toMatchObject({ ok: false, reason });
  });

  it('AUD-2: outside production http and loopback receivers are allowed', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', development).ok).toBe(true);
    expect(checkWebhookUrl('http://localhost/hook', development).ok).toBe(true);
    expect(checkWebhookUrl('https://hooks.example.com/x?y=1', development).ok).toBe(true);
  });

  it('AUD-2: production takes https only, and no literal or local address that is not public', () => {
    expect(checkWebhookUrl('http://hooks.example.com/x', production)).toMatchObject({ ok: false, reason: 'SCHEME_NOT_ALLOWED' });
    for (const url of ['https://127.0.0.1/x', 'https://[::1]/x', 'https://10.1.2.3/x', 'https://169.254.169.254/latest/meta-data', 'https://localhost/x', 'https://0x7f000001/x']) {
      expect([url, checkWebhookUrl(url, production)]).toEqual([url, expect.objectContaining({ ok: false, reason: 'ADDRESS_NOT_PUBLIC' })]);
    }
    expect(checkWebhookUrl('https://93.184.215.14/x', production).ok).toBe(true);
  });

  it.each([
    ['127.0.0.1', false], ['10.0.0.1', false], ['172.16.5.4', false], ['192.168.1.1', false], ['169.254.169.254', false],
    ['100.64.0.1', false], ['0.0.0.0', false], ['224.0.0.1', false], ['255.255.255.255', false], ['192.0.2.1', false],
    ['::1', false], ['::', false], ['fe80::1', false], ['fc00::1', false], ['fd12:3456::1', false], ['ff02::1', false],
    ['::ffff:10.0.0.1', false], ['::ffff:127.0.0.1', false], ['64:ff9b::a00:1', false], ['not-an-ip', false],
    ['93.184.215.14', true], ['8.8.8.8', true], ['2606:4700:4700::1111', true], ['::ffff:8.8.8.8', true],
  ])('AUD-2: %s is public: %s', (address, expected) => {
    expect(isPublicAddress(address as string)).toBe(expected);
  });

  it('AUD-2: in production every resolved address must be public (checked again before each attempt)', async () => {
    const url = 'https://hooks.partner.example/in';
    expect((await checkDestination(url, production, resolvesTo('93.184.215.14'))).ok).toBe(true);
    expect(await checkDestination(url, production, resolvesTo('93.184.215.14', '10.0.0.7'))).toMatchObject({ ok: false, reason: 'ADDRESS_NOT_PUBLIC' });
    expect(await checkDestination(url, production, resolvesTo('169.254.169.254'))).toMatchObject({ ok: false, reason: 'ADDRESS_NOT_PUBLIC' });
    expect(await checkDestination(url, production, resolvesTo())).toMatchObject({ ok: false, reason: 'UNRESOLVABLE' });
    const failing: Lookup = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await checkDestination(url, production, failing)).toMatchObject({ ok: false, reason: 'UNRESOLVABLE' });
  });

  it('AUD-2: outside production the host is not resolved (loopback receivers)', async () => {
    const never: Lookup = async () => {
      throw new Error('must not be called');
    };
    expect((await checkDestination('http://localhost:9/x', development, never)).ok).toBe(true);
  });
});
