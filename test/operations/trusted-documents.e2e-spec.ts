import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { buildManifest, manifestText } from '../../gateway/trusted-documents/manifest';
import { projectRoot } from '../../shared/config';
import { MANIFEST_FILE, trustedManifest } from '../../shared/trusted-documents';
import { onboardPartner } from '../support/fixtures';
import { useStack } from '../support/stack';

/**
 * Trusted documents: the manifest lists every operation of the gateway's pages and of the
 * docs' examples; with TRUSTED_DOCUMENTS=browsers a browser client runs only those (by id or as
 * text), an API client anything.
 */
describe('trusted documents', () => {
  const saved = process.env.TRUSTED_DOCUMENTS;
  beforeAll(() => {
    process.env.TRUSTED_DOCUMENTS = 'browsers';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TRUSTED_DOCUMENTS;
    else process.env.TRUSTED_DOCUMENTS = saved;
  });
  const t = useStack();
  const idOf = (name: string) => trustedManifest().operations.find((operation) => operation.name === name)!.id;
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(t.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const browser = { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' };

  it('the committed manifest is current: every operation of the dashboard, the invitation pages and the docs, each valid against the public schema', () => {
    const committed = readFileSync(join(projectRoot(), MANIFEST_FILE), 'utf8');
    expect(committed).toBe(manifestText(buildManifest()));
    const names = trustedManifest().operations.map((operation) => operation.name);
    for (const name of ['PartnerDashboard', 'UpdateSubscriptionQuantity', 'SuspendSubscription', 'ReactivateSubscription', 'CancelSubscription', 'AcceptRelationshipRequest', 'AcceptResellerPartnership', 'CreateCart', 'Checkout']) {
      expect(names).toContain(name);
    }
    const schema = buildSchema(readFileSync(join(projectRoot(), 'schema.graphql'), 'utf8'));
    for (const operation of trustedManifest().operations) expect([operation.name, validate(schema, parse(operation.body)).map((error) => error.message)]).toEqual([operation.name, []]);
  });

  it('a browser runs a trusted document by id, or as text in another layout; anything else is refused with 400 DOCUMENT_NOT_TRUSTED', async () => {
    const partner = await onboardPartner(t);
    const auth = { authorization: `Bearer ${await partner.token()}` };
    const byId = await post({ operationName: 'PartnerDashboard', extensions: { persistedQuery: { version: 1, sha256Hash: idOf('PartnerDashboard') } } }, { ...browser, ...auth });
    expect(byId.status).toBe(200);
    expect(((await byId.json()) as any).data.me.tenant.id).toBe(partner.id);

    const text = trustedManifest().operations.find((operation) => operation.name === 'PartnerDashboard')!.body.replace(/\n\s*/g, ' ');
    const asText = await post({ query: `# reformatted\n${text}` }, { ...browser, ...auth });
    expect(asText.status).toBe(200);

    const other = await post({ query: '{ me { userId } }' }, { ...browser, ...auth });
    expect(other.status).toBe(400);
    expect(((await other.json()) as any).errors[0].extensions.code).toBe('DOCUMENT_NOT_TRUSTED');
  });

  it('an API client (no Origin, no Sec-Fetch-Site) may send any document', async () => {
    const partner = await onboardPartner(t);
    const response = await post({ query: '{ me { userId } }' }, { authorization: `Bearer ${await partner.token()}` });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).data.me.userId).toBeTruthy();
  });

  it('an unknown id is not found, and sending a document with its hash registers nothing', async () => {
    const query = '{ __typename }';
    const { createHash } = await import('node:crypto');
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const register = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }, {});
    expect(((await register.json()) as any).data).toEqual({ __typename: 'Query' });
    const again = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } }, {});
    expect(((await again.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
