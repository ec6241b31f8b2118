import { processDueWork, setClock } from '../subscriptions/support';
import { onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { startReceiver, type Receiver } from './receiver';
import { advance, createWebhook, emitEvent, listWebhooks } from './support';

const MINUTE = 60_000;

/**
 * AUD-2: the fan-out turns the events one pass reads into deliveries in one unit of work, with
 * the effect it has on each event alone: a delivery per live webhook of the event's tenant that
 * subscribed to its type and existed when the event happened.
 */
describe('AUD-2 webhook fan-out of many events at once', () => {
  const t = useStack();
  let receiver: Receiver;

  beforeAll(async () => {
    await setClock(t, '2035-03-01T00:00:00Z');
    receiver = await startReceiver();
  });
  afterAll(() => receiver?.down());

  /** Each webhook of the partner (by the last part of its url) with the event ids of its deliveries, as the partner reads them. */
  async function deliveriesOf(partner: TestPartner): Promise<Record<string, string[]>> {
    const webhooks = dataOf(await listWebhooks(t, await partner.token(), { first: 10, deliveries: 50 })).webhooks;
    return Object.fromEntries(
      webhooks.edges.map(({ node }: any) => [new URL(node.url).pathname.split('/').pop(), node.deliveries.edges.map((edge: any) => edge.node.eventId).sort()]),
    );
  }

  it('AUD-2: events of two partners read in one pass reach only their own subscribed webhooks, and only those that existed when each event happened', async () => {
    const [a, b] = [await onboardPartner(t), await onboardPartner(t)];
    await createWebhook(t, a, `${receiver.url}/a-updates`, ['SUBSCRIPTION_UPDATED']);
    await createWebhook(t, b, `${receiver.url}/b-all`, ['SUBSCRIPTION_UPDATED', 'SUBSCRIPTION_RENEWED']);
    await advance(t, MINUTE);
    const early = [await emitEvent(t, a.id), await emitEvent(t, b.id, 'SUBSCRIPTION_RENEWED'), await emitEvent(t, a.id, 'SUBSCRIPTION_RENEWED')];
    await advance(t, MINUTE);
    await createWebhook(t, a, `${receiver.url}/a-late`, ['SUBSCRIPTION_UPDATED', 'SUBSCRIPTION_RENEWED']);
    await advance(t, MINUTE);
    const late = [await emitEvent(t, a.id), await emitEvent(t, b.id), await emitEvent(t, a.id, 'SUBSCRIPTION_RENEWED')];

    // One pass of the due work reads all six events together.
    expect((await processDueWork(t)).webhooksDelivered).toBe(6);
    expect(await deliveriesOf(a)).toEqual({
      'a-updates': [early[0], late[0]].sort(),
      'a-late': [late[0], late[2]].sort(),
    });
    expect(await deliveriesOf(b)).toEqual({ 'b-all': [early[1], late[1]].sort() });
    expect(receiver.ids().sort()).toEqual([early[0], early[1], late[0], late[0], late[1], late[2]].sort());
    expect(receiver.received).toHaveLength(6);
    expect((await processDueWork(t)).webhooksDelivered).toBe(0);
  });
});
