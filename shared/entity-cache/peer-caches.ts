import type { SubgraphName } from '../config';
import { peerAnswerCacheInvalidations, peerAnswerCacheLookups } from '../metrics';
import { ChangeFollower } from './change-follower';
import { EntityCache } from './entity-cache';

/** PEER_ANSWER_CACHE (default on; `false` or `0` off): a subgraph keeps the catalog answers its peer calls may keep (docs/platform.md). */
export function peerAnswerCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['false', '0'].includes(env.PEER_ANSWER_CACHE?.trim().toLowerCase() ?? '');
}

/** PEER_ANSWER_CACHE_MAX_BYTES (default 8 MiB): the most a peer's kept answers hold, keys and texts counted as UTF-16 characters × 2. */
export function peerAnswerCacheMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.PEER_ANSWER_CACHE_MAX_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : 8 * 1024 * 1024;
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
  private readonly followed = new Map<SubgraphName, { cache: EntityCache; follower: ChangeFollower }>();
  private stopped = false;

  constructor(
    private readonly urls: Record<SubgraphName, string>,
    private readonly secret: string,
    private readonly maxBytes = peerAnswerCacheMaxBytes(),
  ) {}

  /** The cache of `peer`'s answers (its feed followed from now on), or none for a peer without a feed. */
  of(peer: SubgraphName): EntityCache | undefined {
    if (this.stopped || !FOLLOWED.includes(peer)) return undefined;
    let entry = this.followed.get(peer);
    if (!entry) {
      const cache = new EntityCache(peer, this.maxBytes, { lookups: peerAnswerCacheLookups, invalidations: peerAnswerCacheInvalidations });
      entry = { cache, follower: new ChangeFollower(this.urls[peer], this.secret, cache).start() };
      this.followed.set(peer, entry);
    }
    return entry.cache;
  }

  /** Stops following every feed (the process stops); nothing is kept or served after. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.followed.values()].map(({ follower }) => follower.stop()));
  }
}
