import type { PartnerType, Role } from '../../shared/auth/roles';
import { processDueWork, setClock } from '../subscriptions/support';
import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { startReceiver, type Receiver } from './receiver';
import { CREATE_WEBHOOK, createWebhook, DELETE_WEBHOOK, emitEvent, listWebhooks } from './support';

const count = async (t: ReturnType<typeof useStack>, sql: string, params: unknown[]) => (await t.db.query(`select count(*)::int as n from (${sql}) q`, params)).rows[0].n;

/** AUD-2 API: who may manage webhooks (ACT-3), tenant isolation (ACT-2), the URL policy, paging. */
describe('AUD-2 webhooks API', () => {
  const t = useStack();
  let receiver: Receiver;

  beforeAll(async () => {
    await setClock(t, '2035-03-01T00:00:00Z');
    receiver = await startReceiver();
  });
  afterAll(() => receiver?.down());

  it('AUD-2: createWebhook returns the whsec_ signing secret once; no field reads it back, the audit row does not hold it', async () => {
    const partner = await onboardPartner(t);
    const result = dataOf(await t.gql(await partner.token(), CREATE_WEBHOOK, { input: { url: receiver.url, events: ['SUBSCRIPTION_CREATED', 'SUBSCRIPTION_CREATED'] } })).createWebhook;
    expect(result.errors).toEqual([]);
    expect(result.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(result.signingSecret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(result.webhook).toMatchObject({ url: receiver.url, events: ['SUBSCRIPTION_CREATED'], createdAt: expect.stringMatching(/^2035-03-01T/) });
    const listed = dataOf(await listWebhooks(t, await partner.token())).webhooks;
    expect(listed.edges.map((e: any) => e.node.id)).toEqual([result.webhook.id]);
    expect(JSON.stringify(listed)).not.toContain(result.signingSecret.slice(6));
    const audit = await t.db.query(`select operation, details from platform.audit_record where resource_id = $1`, [result.webhook.id]);
    expect(audit.rows).toEqual([{ operation: 'createWebhook', details: { url: receiver.url, events: ['SUBSCRIPTION_CREATED'] } }]);
  });

  it('AUD-2 (ACT-2): a partner never sees another partner\'s webhooks or deliveries, nor receives its events; deleting its webhook is NOT_FOUND', async () => {
    const [a, b] = [await onboardPartner(t), await onboardPartner(t)];
    const hookA = await createWebhook(t, a, receiver.url);
    const hookB = await createWebhook(t, b, receiver.url);
    const eventA = await emitEvent(t, a.id);
    await processDueWork(t);
    expect(receiver.ids().filter((id) => id === eventA)).toHaveLength(1);
    const seenByB = dataOf(await listWebhooks(t, await b.token())).webhooks;
    expect(seenByB.totalCount).toBe(1);
    expect(seenByB.edges[0].node).toMatchObject({ id: hookB.id, deliveries: { totalCount: 0, edges: [] } });
    const seenByA = dataOf(await listWebhooks(t, await a.token())).webhooks.edges[0].node;
    expect(seenByA.deliveries.edges.map((e: any) => [e.node.eventId, e.node.status])).toEqual([[eventA, 'DELIVERED']]);

    const refused = await t.gql(await b.token(), DELETE_WEBHOOK, { input: { webhookId: hookA.id } });
    expect(codeOf(refused)).toBe('NOT_FOUND');
    expect(await count(t, `select 1 from platform.webhook where id = $1 and deleted_at is null`, [hookA.id])).toBe(1);
    expect(dataOf(await t.gql(await a.token(), DELETE_WEBHOOK, { input: { webhookId: hookA.id } })).deleteWebhook).toEqual({ deleted: true, errors: [] });
    expect(codeOf(await t.gql(await a.token(), DELETE_WEBHOOK, { input: { webhookId: hookA.id } }))).toBe('NOT_FOUND');
    expect(dataOf(await listWebhooks(t, await a.token())).webhooks.totalCount).toBe(0);
  });

  it.each([
    ['file:///etc/passwd', 'SCHEME_NOT_ALLOWED', /must use http or https, not file/],
    ['not a url', 'MALFORMED', /not a valid absolute URL/],
    ['ftp://example.com/x', 'SCHEME_NOT_ALLOWED', /not ftp/],
    ['http://user:pass@127.0.0.1:9/x', 'CREDENTIALS_IN_URL', /user name or password/],
  ])('AUD-2: %s is refused with BAD_USER_INPUT on url (%s), nothing written', async (url, reason, message) => {
    const partner = await onboardPartner(t);
    const response = await t.gql(await partner.token(), CREATE_WEBHOOK, { input: { url, events: ['SUBSCRIPTION_CREATED'] } });
    expect(response.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', field: ['url'], reason } });
    expect(await count(t, `select 1 from platform.webhook where tenant_id = $1`, [partner.id])).toBe(0);
  });

  it('AUD-2: an empty event list is refused with BAD_USER_INPUT on events', async () => {
    const partner = await onboardPartner(t);
    const response = await t.gql(await partner.token(), CREATE_WEBHOOK, { input: { url: receiver.url, events: [] } });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['events'] } });
  });

  describe('SPEC §10 (ACT-3): createWebhook, deleteWebhook and webhooks', () => {
    const allowed: [Role, PartnerType][] = [['ADMIN_AGENT', 'DIRECT_BILL'], ['GLOBAL_ADMIN', 'DIRECT_BILL'], ['ADMIN_AGENT', 'INDIRECT_RESELLER'], ['GLOBAL_ADMIN', 'INDIRECT_PROVIDER']];
    it.each(allowed)('AUD-2: %s of a %s partner may create, list and delete webhooks', async (role, type) => {
      const partner = await onboardPartner(t, type);
      const token = await t.token(partner.id, [role]);
      const created = dataOf(await t.gql(token, CREATE_WEBHOOK, { input: { url: receiver.url, events: ['EA_MIGRATION'] } })).createWebhook;
      expect(created.errors).toEqual([]);
      expect(dataOf(await listWebhooks(t, token)).webhooks.totalCount).toBe(1);
      expect(dataOf(await t.gql(token, DELETE_WEBHOOK, { input: { webhookId: created.webhook.id } })).deleteWebhook.deleted).toBe(true);
    });

    it('AUD-2: SALES_AGENT and other partner roles, customer admins and the operator are FORBIDDEN; no token is UNAUTHENTICATED', async () => {
      const partner = await onboardPartner(t);
      const hook = await createWebhook(t, partner, receiver.url);
      const customerId = (await createCustomer(t, partner)).id;
      const tokens = [
        ...(['SALES_AGENT', 'HELPDESK_AGENT', 'BILLING_ADMIN', 'ACCOUNT_ADMIN'] as Role[]).map((role) => t.token(partner.id, [role])),
        t.token(customerId, ['CUSTOMER_ADMIN']),
        t.operatorToken(),
      ];
      for (const token of await Promise.all(tokens)) {
        expect(codeOf(await t.gql(token, CREATE_WEBHOOK, { input: { url: receiver.url, events: ['EA_MIGRATION'] } }))).toBe('FORBIDDEN');
        expect(codeOf(await t.gql(token, DELETE_WEBHOOK, { input: { webhookId: hook.id } }))).toBe('FORBIDDEN');
        expect(codeOf(await listWebhooks(t, token))).toBe('FORBIDDEN');
      }
      expect(codeOf(await t.gql(undefined, CREATE_WEBHOOK, { input: { url: receiver.url, events: ['EA_MIGRATION'] } }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql(undefined, DELETE_WEBHOOK, { input: { webhookId: hook.id } }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await listWebhooks(t, undefined))).toBe('UNAUTHENTICATED');
      expect(await count(t, `select 1 from platform.webhook where tenant_id in ($1, $2)`, [partner.id, customerId])).toBe(1);
    });
  });

  it('AUD-2: webhooks pages like every connection, and their deliveries are batched (statements do not grow with the webhooks)', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token();
    await createWebhook(t, partner, receiver.url);
    await emitEvent(t, partner.id);
    await processDueWork(t);
    const one = await t.countedGql(token, `{ webhooks(first: 10) { edges { node { id deliveries(first: 5) { totalCount edges { node { status } } } } } } }`);
    for (let i = 0; i < 4; i++) await createWebhook(t, partner, receiver.url);
    await emitEvent(t, partner.id);
    await processDueWork(t);
    const five = await t.countedGql(token, `{ webhooks(first: 10) { edges { node { id deliveries(first: 5) { totalCount edges { node { status } } } } } } }`);
    expect(dataOf(five.body).webhooks.edges.map((e: any) => e.node.deliveries.totalCount)).toEqual([2, 1, 1, 1, 1]);
    expect(five.statements).toBe(one.statements);

    const page1 = dataOf(await listWebhooks(t, token, { first: 3 })).webhooks;
    expect(page1).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const page2 = dataOf(await listWebhooks(t, token, { first: 3, after: page1.pageInfo.endCursor })).webhooks;
    expect(page2.edges).toHaveLength(2);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(codeOf(await listWebhooks(t, token, { first: 101 }))).toBe('BAD_USER_INPUT');
  });
});
