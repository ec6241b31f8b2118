import { onboardPartner } from '../support/fixtures';
import { useStack } from '../support/stack';
import { CREATE_CUSTOMER, customerInput } from '../customers/helpers';

/**
 * No request holds a pooled connection it does not need: a unit of work runs its loaders on
 * its own transaction (one connection), waits for a connection a bounded time, and no
 * transaction is left open once the requests have answered.
 */
describe('connection pool under concurrent mutations', () => {
  const t = useStack();

  it('50 concurrent createCustomer calls for one partner all complete, and no session is left idle in transaction', async () => {
    const partner = await onboardPartner(t);
    const token = await partner.token();
    const answers = await Promise.all(Array.from({ length: 50 }, () => t.gql(token, CREATE_CUSTOMER, { input: customerInput() })));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data.createCustomer.errors).toEqual([]);
      expect(answer.data.createCustomer.customer.id).toBeDefined();
    }
    const rows = await t.db.query(`select count(*)::int as n from customers.customer c join customers.customer_relationship r on r.customer_id = c.id where r.partner_id = $1`, [partner.id]);
    expect(rows.rows[0].n).toBe(50);
    const database = new URL(t.databaseUrl).pathname.slice(1);
    const idle = await t.db.query(`select count(*)::int as n from pg_stat_activity where datname = $1 and state like 'idle in transaction%'`, [database]);
    expect(idle.rows[0].n).toBe(0);
  });

  it('the pool applies statement and idle-in-transaction limits to every connection', async () => {
    const em = t.stack.subgraphs.customers.orm.em.fork();
    const [settings] = await em.execute<{ statement_timeout: string; idle: string }[]>(
      `select current_setting('statement_timeout') as statement_timeout, current_setting('idle_in_transaction_session_timeout') as idle`,
    );
    expect(settings.statement_timeout).not.toBe('0');
    expect(settings.idle).not.toBe('0');
  });
});
