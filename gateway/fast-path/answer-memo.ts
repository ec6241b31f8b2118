import { LRUCache } from 'lru-cache';
import { Counter } from 'prom-client';
import { registry } from '../../shared/metrics';
import type { MemoryRead, MemoryReads } from '../entity-cache/memory-reads';
import type { Answer } from './apollo-answer';
import { operationKey } from './inflight-operations';

export const answersFromMemory = new Counter({
  name: 'gateway_answers_from_memory_total',
  help: 'Client queries answered with the finished answer of an identical query that read only texts still held by the entity cache (no execution of their own).',
  registers: [registry],
});

interface Kept {
  reads: MemoryRead[];
  answer: Answer;
}

/**
 * Finished answers of client queries that the entity cache alone answered. A query whose every
 * fetch was served from memory (gateway/entity-cache/memory-reads.ts: the catalog's cacheable root
 * answers and entities, the same for every authenticated caller and every business time) has an
 * answer that depends only on its document, variables and answer type and on those texts. It is
 * kept with the texts it read; an identical query of any authenticated caller is answered with it
 * for as long as the entity cache still holds each of those texts under its key, so an emptied,
 * expired or changed entry (an import, a catalog event, the feed lost) means the query executes
 * again. What the cache saved on the fetch, this saves on the rest: parsing the cached text,
 * merging, shaping and serialising the answer. Only answers without errors, status 200; never a
 * mutation; never with the query plan asked for. Bounded in bytes (LRU): its key, the answer and
 * the keys and texts it read, counted as UTF-16 characters × 2.
 */
export class AnswerMemo {
  private readonly kept: LRUCache<string, Kept>;

  constructor(maxBytes: number) {
    this.kept = new LRUCache<string, Kept>({ maxSize: maxBytes, sizeCalculation: (value, key) => 2 * value.reads.reduce((sum, read) => sum + read.key.length + read.text.length, key.length + value.answer.text.length) });
  }

  /** The answer kept under `key` while every text it read is still what the entity cache holds. */
  lookup(key: string): Answer | undefined {
    const kept = this.kept.get(key);
    if (!kept) return undefined;
    for (const { cache, key: read, text } of kept.reads) {
      if (cache.get(read) !== text) {
        this.kept.delete(key);
        return undefined;
      }
    }
    for (const { cache } of kept.reads) cache.counted(1, 0);
    answersFromMemory.inc();
    return kept.answer;
  }

  /** Keeps the answer of an execution that read from memory alone, without errors; false when it is not one. */
  keep(key: string, reads: MemoryReads, answer: Answer): boolean {
    if (!reads.fromMemoryAlone || answer.errors || answer.status !== 200) return false;
    this.kept.set(key, { reads: reads.reads, answer });
    return true;
  }
}

/** The identity of a query for the memo: that of a query merged in flight (inflight-operations.ts), with whether there is a caller in place of the headers forwarded for it. */
export function memoKey(parts: { query: string; operationName: string | undefined; variables: unknown; extensions: unknown; contentType: string; authenticated: boolean }): string {
  return `${parts.authenticated ? 'authenticated' : 'anonymous'}\n${operationKey({ ...parts, forwarded: {} })}`;
}
