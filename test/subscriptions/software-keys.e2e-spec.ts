import type { Role } from '../../shared/auth/roles';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { buy } from './checkout.fixtures';
import { activityLog, download, generateKeys, softwareRows } from './software.fixtures';
import { setClock } from './support';

const MAK = /^[BCDFGHJKMPQRTVWXY2346789]{5}(-[BCDFGHJKMPQRTVWXY2346789]{5}){4}$/;

/** SPEC §8 SW-2: product keys, expiring download links through the gateway, and the activity log. */
describe('software keys and downloads', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;
  let customerId: string;
  let server: string;
  let sql: string;
  let esu: string;
  let perpetualLine: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
    await setClock(t, '2027-03-01T10:00:00Z');
    const { payload } = await buy(t, partner, customerId, [
      { offerId: 'offer-windows-server-2022-std', quantity: 1 },
      { offerId: 'offer-sql-server-2022-std', quantity: 1 },
      { offerId: 'offer-windows-server-2012-esu', quantity: 4 },
      { offerId: 'offer-windows-server-2022-dc-perpetual', quantity: 1 },
    ]);
    expect(payload.errors).toEqual([]);
    [server, sql, esu] = payload.order.lines.slice(0, 3).map((l: any) => l.subscription.id);
    perpetualLine = payload.order.lines[3].id;
  });

  it('SW-2: an ADMIN_AGENT gets a multiple-activation key (never KMS) and download links; the same key on every later view of that version', async () => {
    const first = dataOf(await generateKeys(t, token, { subscriptionId: server, version: 'Windows Server 2022', language: 'German', fileType: 'ISO' })).generateSoftwareKeys;
    expect(first.errors).toEqual([]);
    expect(first.keys).toMatchObject({ subscriptionId: server, orderLineId: null, version: 'Windows Server 2022', keyType: 'MULTIPLE_ACTIVATION', note: null, installInstructionsUrl: null });
    expect(first.keys.productKey).toMatch(MAK);
    expect(first.keys.downloads).toEqual([
      { url: first.keys.downloadLinks[0], language: 'German', fileType: 'ISO', fileName: expect.stringMatching(/German_ISO\.iso$/), expiresAt: first.keys.linksExpireAt },
    ]);
    expect(first.keys.downloadLinks[0]).toMatch(/^\/software\/downloads\/dl_[0-9a-f]+\?expires=\d+&signature=[\w-]+$/);

    const again = dataOf(await generateKeys(t, token, { subscriptionId: server, version: 'Windows Server 2022' })).generateSoftwareKeys.keys;
    expect(again.productKey).toBe(first.keys.productKey);
    // Without a language or file type: every language and file type of the product.
    expect(again.downloads.length).toBeGreaterThan(2);
    const older = dataOf(await generateKeys(t, token, { subscriptionId: server, version: 'Windows Server 2019', language: 'English', fileType: 'VHD' })).generateSoftwareKeys.keys;
    expect(older.productKey).toMatch(MAK);
    expect(older.productKey).not.toBe(first.keys.productKey);
    const { rows } = await t.db.query(`select version, key_type from subscriptions.software_key where subscription_id = $1 order by version`, [server]);
    expect(rows).toEqual([
      { version: 'Windows Server 2019', key_type: 'MULTIPLE_ACTIVATION' },
      { version: 'Windows Server 2022', key_type: 'MULTIPLE_ACTIVATION' },
    ]);
  });

  it('SW-2: perpetual software gets its key through its order line', async () => {
    const keys = dataOf(await generateKeys(t, token, { orderLineId: perpetualLine, version: 'Windows Server 2022', language: 'English' })).generateSoftwareKeys.keys;
    expect(keys).toMatchObject({ orderLineId: perpetualLine, subscriptionId: null, keyType: 'MULTIPLE_ACTIVATION' });
    expect(keys.productKey).toMatch(MAK);
    expect(keys.downloads.map((d: any) => [d.language, d.fileType])).toEqual([['English', 'ISO']]);
  });

  it('SW-2: products without keys say so; extended-security-update products give an install-instructions link instead of downloads', async () => {
    const noKey = dataOf(await generateKeys(t, token, { subscriptionId: sql, version: 'SQL Server 2022', language: 'English', fileType: 'Linux' })).generateSoftwareKeys.keys;
    expect(noKey).toMatchObject({ productKey: null, keyType: 'NONE', note: 'This product has no product key', installInstructionsUrl: null });
    expect(noKey.downloadLinks).toHaveLength(1);
    const updates = dataOf(await generateKeys(t, token, { subscriptionId: esu, version: 'Windows Server 2012 R2' })).generateSoftwareKeys.keys;
    expect(updates).toMatchObject({ productKey: null, keyType: 'NONE', downloadLinks: [], downloads: [], linksExpireAt: null });
    expect(updates.installInstructionsUrl).toMatch(/^https:\/\//);
    expect(updates.note).toContain('installInstructionsUrl');
  });

  it('SW-2: choices the product does not offer are BAD_USER_INPUT naming the field; software only (INVALID_STATE), and nothing is written', async () => {
    const before = await softwareRows(t);
    const version = await generateKeys(t, token, { subscriptionId: server, version: 'Windows Server 2008' });
    expect([codeOf(version), version.errors![0].extensions!.field]).toEqual(['BAD_USER_INPUT', ['input', 'version']]);
    expect(codeOf(await generateKeys(t, token, { subscriptionId: server, version: 'Windows Server 2022', language: 'Klingon' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await generateKeys(t, token, { subscriptionId: server, orderLineId: perpetualLine, version: 'Windows Server 2022' }))).toBe('BAD_USER_INPUT');
    const { payload } = await buy(t, partner, customerId, [{ offerId: 'offer-m365-e3-no-teams', quantity: 1 }]);
    const m365 = payload.order.lines[0].subscription.id;
    const after = await softwareRows(t);
    const refused = dataOf(await generateKeys(t, token, { subscriptionId: m365, version: 'any' })).generateSoftwareKeys;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', rule: 'SW-2' })]);
    expect(await softwareRows(t)).toEqual(after);
    expect({ ...after, audits: before.audits }).toEqual(before);
  });

  it('SW-2: a download link goes through the gateway, redirects to the file, is logged, and expires (sandbox clock)', async () => {
    await setClock(t, '2027-03-02T08:00:00Z');
    const keys = dataOf(await generateKeys(t, token, { subscriptionId: server, version: 'Windows Server 2022', language: 'English', fileType: 'ISO' })).generateSoftwareKeys.keys;
    const link = keys.downloadLinks[0];
    // Four hours on the business clock (which keeps running after it is set: compare to the minute).
    expect(keys.linksExpireAt.slice(0, 16)).toBe('2027-03-02T12:00');
    const served = await download(t, link, token);
    expect(served.status).toBe(302);
    expect(served.location).toMatch(/\/offer-windows-server-2022-std\/.*English_ISO\.iso$/);
    const logged = await t.db.query(`select user_id, action, subscription_id, version, language, file_type from subscriptions.software_activity where action = 'DOWNLOADED'`);
    expect(logged.rows).toEqual([{ user_id: `user-${partner.id}`, action: 'DOWNLOADED', subscription_id: server, version: 'Windows Server 2022', language: 'English', file_type: 'ISO' }]);
    // Tampered or unsigned links are not found; without a token the gateway answers 401.
    expect((await download(t, link.replace(/signature=[\w-]+/, 'signature=forged'), token)).status).toBe(404);
    expect((await download(t, link.replace(/expires=\d+/, 'expires=9999999999'), token)).status).toBe(404);
    expect((await download(t, link)).status).toBe(401);
    // Only an ADMIN_AGENT downloads.
    expect((await download(t, link, await partner.token(['SALES_AGENT']))).status).toBe(403);
    await setClock(t, '2027-03-02T12:01:00Z');
    expect((await download(t, link, token)).status).toBe(410);
    const count = await t.db.query(`select count(*)::int as n from subscriptions.software_activity where action = 'DOWNLOADED'`);
    expect(count.rows[0].n).toBe(1);
  });

  it('SW-2 / ACT-2: keys, links and the log of partner A are invisible to partner B', async () => {
    await setClock(t, '2027-03-03T08:00:00Z');
    const link = dataOf(await generateKeys(t, token, { subscriptionId: server, version: 'Windows Server 2022', language: 'English', fileType: 'ISO' })).generateSoftwareKeys.keys.downloadLinks[0];
    const other = await onboardPartner(t);
    const otherToken = await other.token(['ADMIN_AGENT']);
    expect(codeOf(await generateKeys(t, otherToken, { subscriptionId: server, version: 'Windows Server 2022' }))).toBe('NOT_FOUND');
    expect(codeOf(await generateKeys(t, otherToken, { orderLineId: perpetualLine, version: 'Windows Server 2022' }))).toBe('NOT_FOUND');
    expect((await download(t, link, otherToken)).status).toBe(404);
    expect((await download(t, link, token)).status).toBe(302);
    const theirs = dataOf(await activityLog(t, await other.token(['ACCOUNT_ADMIN']))).softwareActivityLog;
    expect(theirs).toEqual({ totalCount: 0, edges: [] });
  });

  it('SW-2: ACCOUNT_ADMIN, REFERRALS_ADMIN and MARKETING_CONTENT_ADMIN list every key view and download by date range; others are FORBIDDEN', async () => {
    for (const role of ['ACCOUNT_ADMIN', 'REFERRALS_ADMIN', 'MARKETING_CONTENT_ADMIN', 'GLOBAL_ADMIN'] as Role[]) {
      const log = dataOf(await activityLog(t, await partner.token([role]), { from: '2027-03-01T00:00:00Z' })).softwareActivityLog;
      expect([role, log.totalCount]).toEqual([role, log.edges.length]);
      expect(log.edges.map((e: any) => e.node.action)).toEqual(expect.arrayContaining(['KEYS_VIEWED', 'DOWNLOADED']));
    }
    const log = dataOf(await activityLog(t, await partner.token(['ACCOUNT_ADMIN']), { from: '2027-03-01T00:00:00Z' })).softwareActivityLog.edges.map((e: any) => e.node);
    expect(log[0]).toEqual({
      userId: `user-${partner.id}`,
      action: 'KEYS_VIEWED',
      subscriptionId: server,
      orderLineId: null,
      offerId: 'offer-windows-server-2022-std',
      version: 'Windows Server 2022',
      language: 'German',
      fileType: 'ISO',
      at: expect.stringMatching(/^2027-03-01T10:/),
    });
    expect(log.find((e: any) => e.orderLineId === perpetualLine)).toMatchObject({ action: 'KEYS_VIEWED', subscriptionId: null });
    // By date range: only the day of the downloads.
    const day = dataOf(await activityLog(t, await partner.token(['ACCOUNT_ADMIN']), { from: '2027-03-02T00:00:00Z', to: '2027-03-02T23:59:59Z' })).softwareActivityLog.edges;
    expect(day.map((e: any) => e.node.action).sort()).toEqual(['DOWNLOADED', 'KEYS_VIEWED']);
    for (const role of ['ADMIN_AGENT', 'SALES_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN'] as Role[]) {
      expect([role, codeOf(await activityLog(t, await partner.token([role])))]).toEqual([role, 'FORBIDDEN']);
    }
    expect(codeOf(await activityLog(t, await t.token(customerId, ['CUSTOMER_ADMIN'])))).toBe('FORBIDDEN');
    expect(codeOf(await activityLog(t, undefined as unknown as string))).toBe('UNAUTHENTICATED');
  });

  it('SW-2 / AUD-1: the log follows the audit window: default the last 30 days, at most 90 days back', async () => {
    const accountAdmin = await partner.token(['ACCOUNT_ADMIN']);
    await setClock(t, '2027-05-15T00:00:00Z');
    expect(dataOf(await activityLog(t, accountAdmin)).softwareActivityLog.totalCount).toBe(0);
    expect(dataOf(await activityLog(t, accountAdmin, { from: '2027-02-20T00:00:00Z' })).softwareActivityLog.totalCount).toBeGreaterThan(0);
    const tooOld = await activityLog(t, accountAdmin, { from: '2027-02-01T00:00:00Z' });
    expect(codeOf(tooOld)).toBe('BAD_USER_INPUT');
  });

  it('SW-2: generateSoftwareKeys is only for an ADMIN_AGENT (not even GLOBAL_ADMIN)', async () => {
    const before = await softwareRows(t);
    for (const role of ['GLOBAL_ADMIN', 'SALES_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN', 'ACCOUNT_ADMIN', 'REFERRALS_ADMIN', 'MARKETING_CONTENT_ADMIN'] as Role[]) {
      expect([role, codeOf(await generateKeys(t, await partner.token([role]), { subscriptionId: server, version: 'Windows Server 2022' }))]).toEqual([role, 'FORBIDDEN']);
    }
    // ACT-1: an indirect reseller's ADMIN_AGENT and the customer are refused too.
    const reseller = await onboardPartner(t, 'INDIRECT_RESELLER');
    expect(codeOf(await generateKeys(t, await reseller.token(['ADMIN_AGENT']), { subscriptionId: server, version: 'Windows Server 2022' }))).toBe('FORBIDDEN');
    expect(codeOf(await generateKeys(t, await t.token(customerId, ['CUSTOMER_ADMIN']), { subscriptionId: server, version: 'Windows Server 2022' }))).toBe('FORBIDDEN');
    expect({ ...(await softwareRows(t)), audits: before.audits }).toEqual(before);
  });
});
