import { mergePages } from './records';

describe('platform records of several databases', () => {
  it('merges pages in the order each database sorted by, and keeps the first `limit` rows', () => {
    const merged = mergePages([{ rows: [{ id: 'aud_1' }, { id: 'aud_4' }] }, { rows: [{ id: 'aud_2' }, { id: 'aud_3' }, { id: 'aud_5' }] }], 4, (row) => [row.id]);
    expect(merged.rows.map((row) => row.id)).toEqual(['aud_1', 'aud_2', 'aud_3', 'aud_4']);
  });

  it('orders failing due work by queue, then item (a queue named as the start of another comes first)', () => {
    const rows = (queue: string, ...items: string[]) => ({ rows: items.map((itemId) => ({ queue, itemId })) });
    const merged = mergePages([rows('subscriptions.due-work', 'sub_b'), rows('subscriptions', 'x'), rows('consumer:webhooks.fan-out', 'evt_a')], 10, (row) => [row.queue, row.itemId]);
    expect(merged.rows.map((row) => `${row.queue} ${row.itemId}`)).toEqual(['consumer:webhooks.fan-out evt_a', 'subscriptions x', 'subscriptions.due-work sub_b']);
  });
});
