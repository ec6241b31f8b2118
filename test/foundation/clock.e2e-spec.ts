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
});
