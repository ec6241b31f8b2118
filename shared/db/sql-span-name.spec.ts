import { sqlSpanName } from './sql-span-name';

describe('sqlSpanName', () => {
  it.each([
    ['select "s0".* from "subscriptions"."subscription" as "s0" where "s0"."id" = $1', 'SELECT subscriptions.subscription'],
    ['\n  select id, quantity\n  from subscriptions.subscription\n where id = any($1)', 'SELECT subscriptions.subscription'],
    ['-- due work\n/* renewal */ SELECT 1', 'SELECT'],
    ['insert into "platform"."outbox_event" ("id") values ($1)', 'INSERT platform.outbox_event'],
    ['update "customers"."partner" set "name" = $1', 'UPDATE customers.partner'],
    ['delete from pgboss.job where id = $1', 'DELETE pgboss.job'],
    ['with next as (select id from pgboss.job for update skip locked) update pgboss.job j set state = $1 from next', 'UPDATE pgboss.job'],
    ['begin', 'BEGIN'],
    ['COMMIT;', 'COMMIT'],
    ['lock table customers.partner in access exclusive mode', 'LOCK customers.partner'],
    ['select count(*) from partner', 'SELECT partner'],
    ['', 'SQL'],
  ])('%j → %s', (text, name) => {
    expect(sqlSpanName(text)).toBe(name);
  });
});
