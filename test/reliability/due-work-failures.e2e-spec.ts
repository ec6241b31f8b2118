import { createCustomer, onboardPartner } from '../support/fixtures';
import { codeOf, dataOf, useStack } from '../support/stack';
import { processDueWork, setClock, subscribeAt } from '../subscriptions/support';

const FAILURES = `{ dueWorkFailures(first: 10) { totalCount edges { node { queue itemId attempts lastError firstFailedAt lastFailedAt parked } } } }`;

/**
 * Due work: each unit runs in its own transaction with its own failure handling. A unit that
 * fails is recorded for the operator, the others go on, and after DUE_WORK_MAX_ATTEMPTS it is
 * parked instead of being retried first on every run.
 */
describe('due work that keeps failing', () => {
  const t = useStack();
  const previous = process.env.DUE_WORK_MAX_ATTEMPTS;
  beforeAll(() => {
    process.env.DUE_WORK_MAX_ATTEMPTS = '2';
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.DUE_WORK_MAX_ATTEMPTS;
    else process.env.DUE_WORK_MAX_ATTEMPTS = previous;
  });

  it('a unit forced to fail does not block the others, is recorded with its attempts and error, and is parked after the last attempt', async () => {
    const partner = await onboardPartner(t);
    const customerId = (await createCustomer(t, partner)).id;
    const monthly = (at: string) => subscribeAt(t, { partnerId: partner.id, customerId, at, termDuration: 'P1M' });
    // The failing one is due first: the scan meets it before the others on every run.
    const failing = await monthly('2030-03-01T00:00:00.000Z');
    const others = [await monthly('2030-04-01T00:00:00.000Z'), await monthly('2030-04-01T00:00:00.000Z')];
    await t.db.query(`create function subscriptions.refuse_one() returns trigger language plpgsql as $$
      begin raise exception 'injected failure for %', new.id; end $$`);
    // The unit's change fails (it moves the version); the scan's lease of the row does not.
    await t.db.query(`create trigger refuse_one before update on subscriptions.subscription for each row when (old.id = '${failing}' and new.version <> old.version) execute function subscriptions.refuse_one()`);
    await setClock(t, '2030-05-01T00:00:05Z');

    expect((await processDueWork(t)).renewed).toBe(2);
    const renewed = await t.db.query(`select id, term_start from subscriptions.subscription where id = any($1)`, [others]);
    expect(renewed.rows.map((row) => row.term_start.toISOString())).toEqual(['2030-05-01T00:00:00.000Z', '2030-05-01T00:00:00.000Z']);

    const operator = await t.operatorToken();
    const first = dataOf(await t.gql(operator, FAILURES)).dueWorkFailures;
    expect(first.totalCount).toBe(1);
    expect(first.edges[0].node).toMatchObject({ queue: 'subscriptions.due-work', itemId: failing, attempts: 1, parked: false });
    expect(first.edges[0].node.lastError).toContain(`injected failure for ${failing}`);
    expect(first.edges[0].node.firstFailedAt.slice(0, 16)).toBe('2030-05-01T00:00');

    await processDueWork(t);
    const second = dataOf(await t.gql(operator, FAILURES)).dueWorkFailures.edges[0].node;
    expect(second).toMatchObject({ attempts: 2, parked: true });

    // Parked: even once the fault is gone, later runs skip it (the operator decides).
    await t.db.query('drop trigger refuse_one on subscriptions.subscription');
    await processDueWork(t);
    const stillDue = await t.db.query(`select term_start from subscriptions.subscription where id = $1`, [failing]);
    // Still the term bought on 2030-03-01 (a renewal would start it on 2030-04-01).
    expect(stillDue.rows[0].term_start.toISOString().slice(0, 10)).toBe('2030-03-01');
    expect(dataOf(await t.gql(operator, FAILURES)).dueWorkFailures.edges[0].node.attempts).toBe(2);

    // Once its record is removed, it runs again and its record goes.
    // SQL on purpose: removing the row is the operator's documented way to unpark an item; no mutation does it.
    await t.db.query(`delete from platform.due_work_failure where item_id = $1`, [failing]);
    expect((await processDueWork(t)).renewed).toBeGreaterThanOrEqual(1);
    expect(dataOf(await t.gql(operator, FAILURES)).dueWorkFailures.totalCount).toBe(0);
  });

  it('dueWorkFailures is for the platform operator only', async () => {
    const partner = await onboardPartner(t);
    expect(codeOf(await t.gql(await partner.token(['GLOBAL_ADMIN']), FAILURES))).toBe('FORBIDDEN');
  });
});
