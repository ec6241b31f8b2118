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
    ['93.184.215.14', true], ['8.8.8.8', true], ['2606:4700:4700::1111', true],
    // IPv6 that embeds IPv4 is never public, whatever the IPv4 part: compatible, mapped, translated, NAT64, 6to4, Teredo.
    ['::7f00:1', false], ['::a9fe:a9fe', false], ['::808:808', false], ['::ffff:8.8.8.8', false], ['::ffff:0:7f00:1', false],
    ['64:ff9b::a9fe:a9fe', false], ['64:ff9b::808:808', false], ['64:ff9b:1::a00:1', false], ['2002:7f00:1::', false],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', false],
  ])('AUD-2: %s is public: %s', (address, expected) => {
    expect(isPublicAddress(address as string)).toBe(expected);
  });

  it('AUD-2: production refuses IPv6 literals that embed an IPv4 address (loopback, cloud metadata, mapped, NAT64)', () => {
    for (const url of ['https://[::127.0.0.1]/', 'https://[::a9fe:a9fe]/', 'https://[::169.254.169.254]/latest', 'https://[::ffff:127.0.0.1]/', 'https://[::ffff:8.8.8.8]/', 'https://[64:ff9b::169.254.169.254]/', 'https://[::ffff:0:a9fe:a9fe]/']) {
      expect([url, checkWebhookUrl(url, production)]).toEqual([url, expect.objectContaining({ ok: false, reason: 'ADDRESS_NOT_PUBLIC' })]);
    }
    expect(checkWebhookUrl('https://[2606:4700:4700::1111]/hook', production).ok).toBe(true);
  });

  it('AUD-2: the accepted destination carries the addresses it was judged by (the delivery connects only to these)', async () => {
    expect(await checkDestination('https://hooks.partner.example/in', production, resolvesTo('93.184.215.14', '2606:4700:4700::1111'))).toMatchObject({
      ok: true,
      addresses: [{ address: '93.184.215.14', family: 4 }, { address: '2606:4700:4700::1111', family: 6 }],
    });
    expect(await checkDestination('https://[2606:4700:4700::1111]/in', production)).toMatchObject({ ok: true, addresses: [{ address: '2606:4700:4700::1111', family: 6 }] });
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
