import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createOrm } from '../../shared/db/orm';
import { PLATFORM_ENTITIES, PLATFORM_MIGRATIONS } from '../../shared/platform';
import { withDatabase } from '../support/global-setup';

/**
 * AUD-2: upgrading a database whose consumers claimed events one by one
 * (platform.consumed_event) to positions loses and repeats nothing: every consumer starts at
 * each stream's end and owes exactly the events of its types it had not claimed. The rows
 * before the upgrade are written with SQL: the running code can no longer make them.
 */
describe('AUD-2 outbox upgrade from claims to positions', () => {
  const name = `t_migrate_${randomBytes(6).toString('hex')}`;
  let db: Client;
  let orm: MikroORM;

  beforeAll(async () => {
    const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = withDatabase(process.env.TEST_SERVER_URL!, name);
    db = new Client({ connectionString: url });
    await db.connect();
    await db.query('create schema platform');
    orm = await createOrm({ clientUrl: url, schema: 'platform', entities: PLATFORM_ENTITIES, migrations: PLATFORM_MIGRATIONS, poolMax: 1 });
  });
  afterAll(async () => {
    await orm?.close();
    await db?.end();
    const admin = new Client({ connectionString: process.env.TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('AUD-2: consumers keep what they applied, owe what they had not, and deliveries find their events by (source, position)', async () => {
    await orm.migrator.up({ to: 'Migration20261220000000_due_work_failure' });
    const event = (id: string, position: number, type: string, source: string) =>
      db.query(
        `insert into platform.outbox_event (id, position, type, tenant_id, resource_type, resource_id, data, source, user_id, occurred_at)
         values ($1, $2, $3, 'ptn-1', 'Customer', 'cus-1', '{"partnerId": "ptn-1", "customerId": "cus-1"}', $4, 'user-1', now())`,
        [id, position, type, source],
      );
    await event('evt_1', 1, 'RELATIONSHIP_ACCEPTED', 'customers');
    await event('evt_2', 2, 'EA_RENEWAL_REQUESTED', 'transfers');
    await event('evt_3', 3, 'RELATIONSHIP_REMOVED', 'customers');
    await event('evt_4', 4, 'SUBSCRIPTION_UPDATED', 'subscriptions');
    await event('evt_5', 5, 'RELATIONSHIP_ACCEPTED', 'customers');
    // Claimed: the fan-out took evt_1 and evt_4, the relationships consumer evt_1 and evt_5 (evt_3 failed), EA renewals evt_2.
    for (const [consumer, eventId] of [['webhooks.fan-out', 'evt_1'], ['webhooks.fan-out', 'evt_4'], ['subscriptions.relationships', 'evt_1'], ['subscriptions.relationships', 'evt_5'], ['subscriptions.ea-renewals', 'evt_2']]) {
      await db.query(`insert into platform.consumed_event (consumer, event_id, consumed_at) values ($1, $2, now())`, [consumer, eventId]);
    }
    await db.query(`insert into platform.webhook (id, tenant_id, url, events, secret, created_by, created_at) values ('whk_1', 'ptn-1', 'https://x.example', '[]', 'whsec_x', 'u', now())`);
    await db.query(`insert into platform.webhook_delivery (id, webhook_id, tenant_id, event_id, event_type, status, attempts, created_at) values ('whd_1', 'whk_1', 'ptn-1', 'evt_4', 'SUBSCRIPTION_UPDATED', 'PENDING', 0, now())`);

    await orm.migrator.up();

    const rows = async (sql: string) => (await db.query(sql)).rows;
    expect(await rows(`select source, position::int from platform.outbox_head order by source`)).toEqual([
      { source: 'customers', position: 5 },
      { source: 'subscriptions', position: 4 },
      { source: 'transfers', position: 2 },
    ]);
    // Each consumer at the end of the streams of its types only (a position in a stream it never reads would hold retention).
    const positions = await rows(`select consumer, source, position::int from platform.consumer_position where consumer in ('webhooks.fan-out', 'subscriptions.relationships', 'transfers.transfer-moved') order by consumer, source`);
    expect(positions).toEqual([
      { consumer: 'subscriptions.relationships', source: 'customers', position: 5 },
      { consumer: 'transfers.transfer-moved', source: 'subscriptions', position: 4 },
      { consumer: 'webhooks.fan-out', source: 'customers', position: 5 },
      { consumer: 'webhooks.fan-out', source: 'subscriptions', position: 4 },
      { consumer: 'webhooks.fan-out', source: 'transfers', position: 2 },
    ]);
    // Owed: what each consumer of its types had not claimed.
    expect(await rows(`select consumer, event_id from platform.consumer_retry order by consumer, event_id`)).toEqual([
      { consumer: 'subscriptions.relationships', event_id: 'evt_3' },
      { consumer: 'webhooks.fan-out', event_id: 'evt_5' },
    ]);
    expect(await rows(`select event_source, event_position::int from platform.webhook_delivery`)).toEqual([{ event_source: 'subscriptions', event_position: 4 }]);
    expect(await rows(`select distinct data->>'v' as v from platform.outbox_event`)).toEqual([{ v: '1' }]);
    expect(await rows(`select to_regclass('platform.consumed_event') as claims`)).toEqual([{ claims: null }]);
  });
});
