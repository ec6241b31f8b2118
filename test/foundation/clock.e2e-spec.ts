import { onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';

describe('business clock (sandbox time)', () => {
  const t = useStack();

  it('setSandboxClock moves the clock every subgraph reads; only the operator may set it', async () => {
    const operator = await t.operatorToken();
    const set = dataOf(
      await t.gql(operator, `mutation { setSandboxClock(input: { now: "2030-05-01T12:00:00Z" }) { now errors { code } } }`),
    );
    expect(set.setSandboxClock.errors).toEqual([]);
    expect(Math.abs(Date.parse(set.setSandboxClock.now) - Date.parse('2030-05-01T12:00:00Z'))).toBeLessThan(5000);
    const read = dataOf(await t.gql(operator, '{ sandboxClock }'));
    expect(read.sandboxClock.startsWith('2030-05-01T12:0')).toBe(true);

    const partner = await onboardPartner(t);
    const refused = await t.gql(await partner.token(['GLOBAL_ADMIN']), `mutation { setSandboxClock(input: { now: "2031-01-01T00:00:00Z" }) { now } }`);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const audit = await t.db.query(`select operation from platform.audit_record where operation = 'setSandboxClock'`);
    expect(audit.rowCount).toBe(1);
  });

  it('SPEC §10 (sandbox clock, forward only): setSandboxClock to an earlier time is BAD_USER_INPUT and the clock is unchanged', async () => {
    const operator = await t.operatorToken();
    const before = Date.parse(dataOf(await t.gql(operator, '{ sandboxClock }')).sandboxClock);
    const audits = (await t.db.query(`select count(*)::int as n from platform.audit_record`)).rows[0].n;
    const earlier = new Date(before - 24 * 3600_000).toISOString();
    const refused = await t.gql(operator, 'mutation($n: DateTime!) { setSandboxClock(input: { now: $n }) { now errors { code } } }', { n: earlier });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.field).toEqual(['input', 'now']);
    const after = Date.parse(dataOf(await t.gql(operator, '{ sandboxClock }')).sandboxClock);
    expect(after).toBeGreaterThanOrEqual(before);
    expect(after - before).toBeLessThan(60_000);
    expect((await t.db.query(`select count(*)::int as n from platform.audit_record`)).rows[0].n).toBe(audits);
    // A second earlier than now is still earlier; a later time is taken.
    expect(codeOf(await t.gql(operator, 'mutation($n: DateTime!) { setSandboxClock(input: { now: $n }) { now } }', { n: new Date(after - 1000).toISOString() }))).toBe('BAD_USER_INPUT');
    const later = dataOf(await t.gql(operator, 'mutation($n: DateTime!) { setSandboxClock(input: { now: $n }) { now errors { code } } }', { n: '2030-05-02T00:00:00Z' }));
    expect(later.setSandboxClock.errors).toEqual([]);
  });
});
