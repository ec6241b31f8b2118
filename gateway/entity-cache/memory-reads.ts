import type { EntityCache } from '../../shared/entity-cache/entity-cache';

/** One text an execution was served from an entity cache, under its key. */
export interface MemoryRead {
  cache: EntityCache;
  key: string;
  text: string;
}

/**
 * What one client query's execution took from the gateway's entity caches: the texts served from
 * memory, and whether any fetch went to a subgraph. An execution that sent nothing answered from
 * these texts alone, so its answer is the same for as long as the caches hold the same texts
 * (gateway/fast-path/answer-memo.ts).
 */
export class MemoryReads {
  readonly reads: MemoryRead[] = [];
  sent = false;

  /** Whether the answer came from memory alone: something was read and nothing was sent. */
  get fromMemoryAlone(): boolean {
    return !this.sent && this.reads.length > 0;
  }
}

/** The part of a data source's options that carries the request's record, when the fast path keeps one. */
interface WithReads {
  incomingRequestContext?: { memoryReads?: MemoryReads };
}

/** A text served from `cache` under `key` for this fetch. */
export function noteRead(options: WithReads, cache: EntityCache, key: string, text: string): void {
  options.incomingRequestContext?.memoryReads?.reads.push({ cache, key, text });
}

/** A fetch of this request went to a subgraph. */
export function noteSent(options: WithReads): void {
  const reads = options.incomingRequestContext?.memoryReads;
  if (reads) reads.sent = true;
}
