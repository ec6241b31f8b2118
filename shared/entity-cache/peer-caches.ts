import { switchedOn, type SubgraphName, numberSetting } from '../config';
import { peerAnswerCacheInvalidations, peerAnswerCacheLookups } from '../metrics';
import { ChangeFollower } from './change-follower';
import { EntityCache, entityMaxAgeMs } from './entity-cache';

/** PEER_ANSWER_CACHE (default on; `false` or `0` off): a subgraph keeps the catalog answers its peer calls may keep (docs/platform.md). */
export function peerAnswerCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return switchedOn(env.PEER_ANSWER_CACHE);
}

/** PEER_ANSWER_CACHE_MAX_BYTES (default 8 MiB): the most a peer's kept answers hold, keys and texts counted as UTF-16 characters × 2. */
export function peerAnswerCacheMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  return numberSetting(env.PEER_ANSWER_CACHE_MAX_BYTES, 8 * 1024 * 1024, { whole: true });
}

/** The peers that publish a change feed, so that answers of theirs can be kept: the catalog. */
const FOLLOWED: readonly SubgraphName[] = ['catalog'];

/**
 * The answers a subgraph's peer calls may keep, per peer with a change feed (the catalog): what the
 * peer marks cacheable (`x-entity-cache: max-age=<s>`: offer facts the same for every authenticated
 * caller and every business time), whole, under (document, variables). A peer's cache serves only
 * while its change feed answers and is emptied whenever the feed moves (an import committed in the
 * catalog), as the gateway's entity cache is; the feed is followed from the first call to the peer,
 * so a process that never asks the catalog holds no connection to it.
 */
export class PeerCaches {
  private readonly followed = new Map<SubgraphName, Followed>();
  private stopped = false;

  constructor(
    private readonly urls: Record<SubgraphName, string>,
    private readonly secret: string,
    private readonly maxBytes = peerAnswerCacheMaxBytes(),
  ) {}

  /** The cache of `peer`'s answers (its feed followed from now on), or none for a peer without a feed. */
  of(peer: SubgraphName): EntityCache | undefined {
    return this.entry(peer)?.cache;
  }

  /**
   * For one call to `peer`: the answer kept for it, or how to keep the answer it is about to get;
   * none while the peer's feed does not answer. Only documents the peer has marked cacheable
   * before are looked up (a checkout's question never is), so the lookups counted are of answers
   * that could have been kept.
   */
  lookup(peer: SubgraphName, query: string, variables: Record<string, unknown>): PeerLookup | undefined {
    const entry = this.entry(peer);
    if (!entry?.cache.serving) return undefined;
    const { cache, marked } = entry;
    const generation = cache.generation;
    let key: string | undefined;
    const keyOf = () => (key ??= `${query}\n${JSON.stringify(variables)}`);
    let kept: string | undefined;
    if (marked.has(query)) {
      kept = cache.get(keyOf());
      cache.counted(kept === undefined ? 0 : 1, kept === undefined ? 1 : 0);
    }
    return {
      kept,
      keep: (text, header) => {
        const maxAgeMs = entityMaxAgeMs(header);
        if (!maxAgeMs) return;
        marked.add(query);
        cache.set(keyOf(), text, maxAgeMs, generation);
      },
    };
  }

  /** Stops following every feed (the process stops); nothing is kept or served after. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.followed.values()].map(({ follower }) => follower.stop()));
  }

  private entry(peer: SubgraphName): Followed | undefined {
    if (this.stopped || !FOLLOWED.includes(peer)) return undefined;
    let entry = this.followed.get(peer);
    if (!entry) {
      const cache = new EntityCache(peer, this.maxBytes, { lookups: peerAnswerCacheLookups, invalidations: peerAnswerCacheInvalidations });
      entry = { cache, follower: new ChangeFollower(this.urls[peer], this.secret, cache).start(), marked: new Set() };
      this.followed.set(peer, entry);
    }
    return entry;
  }
}

interface Followed {
  cache: EntityCache;
  follower: ChangeFollower;
  /** The documents (query texts) the peer has marked cacheable at least once: a fixed set, a peer contract's. */
  marked: Set<string>;
}

/** One call's use of the kept answers (`PeerCaches.lookup`). */
export interface PeerLookup {
  /** The kept answer's text, when there is one. */
  kept: string | undefined;
  /** Keeps the answer just received, if `cacheHeader` (`x-entity-cache`) allows it and nothing emptied the cache since the lookup. */
  keep(text: string, cacheHeader: string | null): void;
}
