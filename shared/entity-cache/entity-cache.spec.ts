import { EntityCache, entityCacheEnabled, entityCacheMaxBytes, entityMaxAgeMs } from './entity-cache';

describe('the entity cache of a subgraph', () => {
  it('reached(position) settles once the change feed has been followed to that position or past it, not before', async () => {
    const cache = new EntityCache('catalog');
    let settled = false;
    const reached = cache.reached('3').then(() => (settled = true));
    cache.connected();
    cache.followed('2');
    await Promise.resolve();
    expect(settled).toBe(false);
    cache.followed('4');
    await reached;
    expect(settled).toBe(true);
    // A lost feed forgets its position: nothing counts as reached until it answers again.
    cache.disconnected();
    let again = false;
    const after = cache.reached('1').then(() => (again = true));
    await Promise.resolve();
    expect(again).toBe(false);
    cache.followed('4');
    await after;
  });

  it('serves and keeps nothing until its change feed answers, and empties itself when the feed is lost', async () => {
    const cache = new EntityCache('catalog');
    cache.set('a', '{"name":"A"}', 60_000, cache.generation);
    expect([cache.get('a'), cache.size]).toEqual([undefined, 0]);
    const serving = cache.next('serving');
    cache.connected();
    await serving;
    cache.set('a', '{"name":"A"}', 60_000, cache.generation);
    expect(cache.get('a')).toBe('{"name":"A"}');
    cache.disconnected();
    expect([cache.get('a'), cache.size, cache.serving]).toEqual([undefined, 0, false]);
  });

  it('never keeps an answer read before an invalidation, even when it arrives after it', () => {
    const cache = new EntityCache('catalog');
    cache.connected();
    const sentAt = cache.generation;
    cache.invalidate('change');
    cache.set('a', '{"name":"before the import"}', 60_000, sentAt);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', '{"name":"after"}', 60_000, cache.generation);
    expect(cache.get('a')).toBe('{"name":"after"}');
  });

  it('keeps nothing without a max-age, and stays within its bytes, the least recently used going first', () => {
    const cache = new EntityCache('catalog', 100);
    cache.connected();
    cache.set('none', 'null', 0, cache.generation);
    expect(cache.get('none')).toBeUndefined();
    cache.set('k1', 'x'.repeat(20), 60_000, cache.generation);
    cache.set('k2', 'y'.repeat(20), 60_000, cache.generation);
    expect(cache.get('k1')).toBeDefined();
    cache.set('k3', 'z'.repeat(20), 60_000, cache.generation);
    expect([cache.get('k1') !== undefined, cache.get('k2'), cache.get('k3') !== undefined]).toEqual([true, undefined, true]);
  });

  it("reads the catalog's max-age and the settings", () => {
    expect([entityMaxAgeMs('max-age=300'), entityMaxAgeMs('public, max-age=5'), entityMaxAgeMs(null), entityMaxAgeMs('max-age=x')]).toEqual([300_000, 5_000, 0, 0]);
    expect([entityCacheEnabled({}), entityCacheEnabled({ GATEWAY_ENTITY_CACHE: 'false' }), entityCacheEnabled({ GATEWAY_ENTITY_CACHE: '0' })]).toEqual([true, false, false]);
    expect([entityCacheMaxBytes({}), entityCacheMaxBytes({ GATEWAY_ENTITY_CACHE_MAX_BYTES: '1000' }), entityCacheMaxBytes({ GATEWAY_ENTITY_CACHE_MAX_BYTES: '-1' })]).toEqual([32 * 1024 * 1024, 1000, 32 * 1024 * 1024]);
  });
});
