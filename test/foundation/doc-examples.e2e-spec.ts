import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { signDevToken } from '../../shared/auth/jwt';
import { projectRoot } from '../../shared/config';
import { startBanner } from '../../scripts/start-banner';
import { examplesOf, runShell, useDemoStack, type DocExample } from '../support/doc-examples';

/**
 * Every example of README.md and docs/api.md runs as written against a fresh stack with the
 * demo data (each file on its own stack, in document order, as a new user would paste them):
 * shell blocks with bash (the gateway's port put in), GraphQL examples with a token of the
 * role they are written for. Only placeholders that stand for an earlier answer (`<cart id>`,
 * a webhook id `…`) are filled in. Business refusals would come back in `errors`: none may.
 */
const root = projectRoot();
const schema = buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));
const rootFields = new Set([...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())]);
/** Examples written for the programme operator. */
const OPERATOR_FIELDS = new Set(['setSandboxClock', 'processDueWork', 'importPromotions', 'importOffers', 'importEnterpriseAgreement', 'onboardPartner', 'dueWorkFailures']);
const title = (example: DocExample) => `${example.file}:${example.line} ${example.text.split('\n')[0].slice(0, 70)}`;
const rootsOf = (operation: string) => [...operation.matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]);

function examplesOfFile(file: string): DocExample[] {
  return examplesOf(file, readFileSync(join(root, file), 'utf8'), rootFields);
}

function describeExamples(file: string, prepare: (cwd: string) => void = () => undefined) {
  describe(file, () => {
    const demo = useDemoStack();
    const examples = examplesOfFile(file);
    const answers: { cartId?: string; webhookId?: string } = {};
    let cwd: string;
    const origin = () => demo.stack().gatewayUrl.replace(/\/graphql$/, '');
    const partnerToken = () => signDevToken({ sub: 'alice', tid: 'ptn-contoso-direct', roles: ['ADMIN_AGENT', 'SALES_AGENT', 'BILLING_ADMIN'] });

    beforeAll(() => {
      cwd = mkdtempSync(join(tmpdir(), 'doc-examples-'));
      prepare(cwd);
    });
    afterAll(() => rmSync(cwd, { recursive: true, force: true }));

    it('has examples of both kinds', () => {
      expect(examples.filter((e) => e.kind === 'sh').length).toBeGreaterThan(0);
      expect(examples.filter((e) => e.kind === 'graphql').length).toBeGreaterThan(0);
    });

    it.each(examples.map((example) => [title(example), example] as const))('%s', async (_title, example) => {
      if (example.kind === 'sh') {
        const script = example.text.replaceAll('http://127.0.0.1:4000', origin()).replaceAll('http://localhost:4000', origin());
        const result = await runShell(script, { cwd, root, env: { TOKEN: await partnerToken() } });
        expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
        const out = result.stdout.trim();
        if (out.startsWith('{')) {
          const body = JSON.parse(out);
          expect(body.errors ?? []).toEqual([]);
        } else {
          expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/); // a token
        }
        return;
      }
      const roots = rootsOf(example.text);
      const operator = roots.some((field) => OPERATOR_FIELDS.has(field));
      const token = operator ? await signDevToken({ sub: 'operator', tid: 'platform', roles: ['PLATFORM_OPERATOR'] }) : await partnerToken();
      let query = example.text;
      if (answers.cartId) query = query.replaceAll('"<cart id>"', JSON.stringify(answers.cartId));
      if (answers.webhookId) query = query.replaceAll('webhookId: "…"', `webhookId: ${JSON.stringify(answers.webhookId)}`);
      const response = await fetch(demo.stack().gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
      expect(body.errors ?? []).toEqual([]);
      for (const [field, value] of Object.entries(body.data ?? {})) {
        if (value && typeof value === 'object' && Array.isArray(value.errors)) expect([field, value.errors]).toEqual([field, []]);
      }
      answers.cartId = body.data?.createCart?.cart?.id ?? answers.cartId;
      answers.webhookId = body.data?.createWebhook?.webhook?.id ?? answers.webhookId;
    });
  });
}

describeExamples('README.md');
// docs/api.md uploads "your" price list: the one the README's example writes.
describeExamples('docs/api.md', (cwd) =>
  writeFileSync(
    join(cwd, 'price-list.csv'),
    'ProductId,SkuId,TermDuration,BillingPlan,Market,Currency,UnitPrice,EffectiveStartDate,EffectiveEndDate,Segment\nCFQ7TTC0LFLZ,0002,P1Y,Monthly,DE,EUR,35.40,2026-01-01T00:00:00Z,11/30/9999 23:59,Commercial\n',
  ),
);

describe('the start banner', () => {
  const demo = useDemoStack();

  it('prints a token command and a curl that work when pasted (npm run -s token: no npm header in $TOKEN)', async () => {
    const origin = demo.stack().gatewayUrl.replace(/\/graphql$/, '');
    const banner = startBanner(origin);
    const token = banner.match(/Get a token: +(.*)\n/)![1];
    const curl = banner.match(/Then: +([\s\S]*?\}'\n)/)![1].replace(/\n +/g, '\n');
    const cwd = mkdtempSync(join(tmpdir(), 'banner-'));
    try {
      const result = await runShell(`${token}\n${curl}`, { cwd, root, env: {} });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).data.me).toMatchObject({ tenantId: 'ptn-contoso-direct', roles: ['ADMIN_AGENT', 'SALES_AGENT'] });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
