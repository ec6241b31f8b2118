import { LRUCache } from 'lru-cache';
import type { Counter } from 'prom-client';
import { entityCacheInvalidations, entityCacheLookups } from '../metrics';
import { switchedOn, numberSetting } from '../config';

/** GATEWAY_ENTITY_CACHE (default on; `false` or `0` off): the catalog's cacheable entities are kept (docs/platform.md). */
export function entityCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return switchedOn(env.GATEWAY_ENTITY_CACHE);
}

/** GATEWAY_ENTITY_CACHE_MAX_BYTES (default 32 MiB): the most the cache holds, keys and entity texts counted as UTF-16 characters × 2. */
export function entityCacheMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  return numberSetting(env.GATEWAY_ENTITY_CACHE_MAX_BYTES, 32 * 1024 * 1024, { whole: true });
}

/** The max-age of `x-entity-cache: max-age=<seconds>` in ms; 0 when absent (not cacheable). */
export function entityMaxAgeMs(header: string | null | undefined): number {
  const match = header ? /(?:^|,)\s*max-age=(\d+)\s*(?:,|$)/.exec(header) : null;
  return match ? Number(match[1]) * 1000 : 0;
}

export type InvalidationReason = 'change' | 'write' | 'disconnected';

/** What happens to a cache: it starts serving, it follows the change feed's answer (`followed`, after emptying itself if the position moved), or it is emptied for a reason. */
export type CacheEvent = 'serving' | 'followed' | InvalidationReason;

/**
 * The entities of one subgraph's `_entities` answers, each as its JSON text (a copy is parsed for
 * every answer it serves: the executor merges into what it is given), or, for a subgraph's peer
 * calls (peer-caches.ts), whole answers. An LRU bounded in bytes, each entry with the max-age the
 * subgraph gave it.
 *
 * Freshness: the cache serves only while its change feed is connected (`following`), and every
 * invalidation empties it and moves `generation`. A fetch stores its answer only if the generation
 * has not moved since it was sent, so an answer read before a change is never kept after the
 * invalidation that change caused.
 */
export class EntityCache {
  private readonly entries: LRUCache<string, string>;
  private following = false;
  /** The change feed's position last followed (undefined before its first answer or after it was lost). */
  private position?: bigint;
  private generationNow = 0;
  private readonly watchers = new Set<(event: CacheEvent) => void>();

  constructor(
    readonly subgraph: string,
    maxBytes = entityCacheMaxBytes(),
    /** Where lookups and invalidations are counted (the gateway's counters unless given). */
    private readonly counters: { lookups: Counter<'subgraph' | 'outcome'>; invalidations: Counter<'subgraph' | 'reason'> } = { lookups: entityCacheLookups, invalidations: entityCacheInvalidations },
  ) {
    this.entries = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (value, key) => 2 * (key.length + value.length) });
  }

  /** Whether entities may be served and stored now: the change feed answers. */
  get serving(): boolean {
    return this.following;
  }

  get generation(): number {
    return this.generationNow;
  }

  /** How many entities it holds (diagnostics, tests). */
  get size(): number {
    return this.entries.size;
  }

  get(key: string): string | undefined {
    return this.following ? this.entries.get(key) : undefined;
  }

  /** Keeps an entity for `maxAgeMs`, unless the cache was emptied since `generation` (the fetch's start). */
  set(key: string, text: string, maxAgeMs: number, generation: number): void {
    if (this.following && generation === this.generationNow && maxAgeMs > 0) this.entries.set(key, text, { ttl: maxAgeMs });
  }

  counted(hits: number, misses: number): void {
    if (hits) this.counters.lookups.inc({ subgraph: this.subgraph, outcome: 'hit' }, hits);
    if (misses) this.counters.lookups.inc({ subgraph: this.subgraph, outcome: 'miss' }, misses);
  }

  /** Empties the cache; nothing read before now is stored after. */
  invalidate(reason: InvalidationReason): void {
    this.generationNow += 1;
    this.entries.clear();
    this.counters.invalidations.inc({ subgraph: this.subgraph, reason });
    this.emit(reason);
  }

  /** The change feed answered: serving may start (or go on). */
  connected(): void {
    if (this.following) return;
    this.following = true;
    this.emit('serving');
  }

  /** The change feed answered at `position`, after the cache emptied itself if it moved. */
  followed(position: string): void {
    this.position = /^\d+$/.test(position) ? BigInt(position) : undefined;
    this.emit('followed');
  }

  /**
   * Settles once the change feed has been followed to the stream position `position` or past it
   * (the cache emptied for every change up to it): for tests and diagnostics, no polling.
   */
  async reached(position: string): Promise<void> {
    const wanted = BigInt(position);
    while (this.position === undefined || this.position < wanted) await this.next('followed');
  }

  /** Settles at the next such event (or at once for `serving` when serving): for tests and diagnostics, no polling. */
  next(event: CacheEvent): Promise<void> {
    if (event === 'serving' && this.following) return Promise.resolve();
    return new Promise((resolve) => {
      const watcher = (happened: CacheEvent) => {
        if (happened !== event) return;
        this.watchers.delete(watcher);
        resolve();
      };
      this.watchers.add(watcher);
    });
  }

  private emit(event: CacheEvent): void {
    for (const watcher of [...this.watchers]) watcher(event);
  }

  /** The change feed was lost: a change may go unseen, so nothing is served or kept until it answers again. */
  disconnected(): void {
    this.position = undefined;
    if (!this.following) return;
    this.following = false;
    this.invalidate('disconnected');
  }
}
