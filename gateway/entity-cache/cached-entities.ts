import { ENTITY_CACHE_HEADER } from '../../shared/config';
import { fanOutError, keyOf } from '../entity-dedupe';
import type { LeanResponse } from '../../shared/lean-http';
import { entityMaxAgeMs, type EntityCache } from '../../shared/entity-cache/entity-cache';
import { noteRead, type MemoryReads } from './memory-reads';

type Json = Record<string, unknown>;

/** What a data source's `process` is given, as far as the cache reads it. */
interface ProcessOptions {
  request: { query?: string; variables?: Record<string, unknown> };
  incomingRequestContext?: { overallCachePolicy?: { restrict?(hint: { maxAge?: number; scope?: string }): void }; memoryReads?: MemoryReads };
}

interface EntitiesAnswer {
  data?: { _entities?: unknown[] | null; [field: string]: unknown } | null;
  errors?: readonly { path?: readonly (string | number)[]; [key: string]: unknown }[];
  http?: LeanResponse;
  [key: string]: unknown;
}

/**
 * An `_entities` fetch through the entity cache, as Apollo Router's entity cache does it: each
 * representation is looked up under (fetch document, variables, representation); only the ones
 * missing are sent, and the answer is spliced back in the order asked, errors at the path of the
 * representation they belong to. What the subgraph marks cacheable (`x-entity-cache`; the catalog
 * does so only for an authenticated caller and fields the same for every caller and business time)
 * is kept, never an answer with errors. Anonymous callers neither read nor fill the cache.
 */
export async function withCachedEntities<O extends ProcessOptions>(
  cache: EntityCache,
  options: O,
  authenticated: boolean,
  send: (options: O) => Promise<Json>,
): Promise<Json> {
  const variables = options.request.variables;
  const representations = variables?.representations;
  if (!authenticated || !cache.serving || !Array.isArray(representations) || !representations.length || !options.request.query) return send(options);
  const generation = cache.generation;
  const { representations: _, ...others } = variables!;
  const prefix = `${options.request.query}\n${JSON.stringify(others)}\n`;
  // Each distinct representation is looked up once (a page of 250 subscriptions has a few offers).
  const keys: string[] = [];
  const unique: unknown[] = [];
  const slotOf = new Map<string, number>();
  const uniqueSlots = representations.map((representation) => {
    const key = keyOf(representation);
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = unique.push(representation) - 1;
      keys.push(prefix + key);
      slotOf.set(key, slot);
    }
    return slot;
  });
  const cached: unknown[] = [];
  // sent[u]: the index of distinct representation u in the fetch sent, -1 for one served from the cache.
  const missing: unknown[] = [];
  const sent = keys.map((key, u) => {
    const text = cache.get(key);
    if (text === undefined) return missing.push(unique[u]) - 1;
    cached[u] = JSON.parse(text);
    noteRead(options, cache, key, text);
    return -1;
  });
  cache.counted(unique.length - missing.length, missing.length);
  if (!missing.length) {
    servedFromMemory(options);
    return { data: { _entities: uniqueSlots.map((u) => cached[u]) } };
  }
  const whole = missing.length === representations.length;
  const answer = (await send(whole ? options : { ...options, request: { ...options.request, variables: { ...others, representations: missing } } })) as EntitiesAnswer;
  const received = answer.data?._entities;
  // positions[i]: the index in the fetch sent that position i reads (-1: from the cache).
  const positions = whole ? undefined : uniqueSlots.map((u) => sent[u]);
  if (!Array.isArray(received) || received.length !== missing.length) return positions ? withErrorsAt(answer, positions) : answer;
  const maxAgeMs = keptFor(answer);
  if (maxAgeMs > 0) {
    for (let u = 0; u < keys.length; u++) if (sent[u] >= 0) cache.set(keys[u], JSON.stringify(received[sent[u]]), maxAgeMs, generation);
  }
  if (!positions) return answer;
  const entities = uniqueSlots.map((u) => (sent[u] >= 0 ? received[sent[u]] : cached[u]));
  return { ...withErrorsAt(answer, positions), data: { ...answer.data, _entities: entities } };
}

/** A fetch answered from memory counts as one whose answer has no Cache-Control: the request's cache policy becomes no caching. */
function servedFromMemory(options: ProcessOptions): void {
  options.incomingRequestContext?.overallCachePolicy?.restrict?.({ maxAge: 0 });
}

/** How long an answer may be kept (ms): what the subgraph's `x-entity-cache` says, 0 for an answer with errors. */
function keptFor(answer: EntitiesAnswer): number {
  return answer.errors?.length ? 0 : entityMaxAgeMs(answer.http?.headers.get(ENTITY_CACHE_HEADER));
}

/** The answer with each error at `_entities.<slot>` moved to the position that slot stands for. */
function withErrorsAt(answer: EntitiesAnswer, slots: number[]): EntitiesAnswer {
  return Array.isArray(answer.errors) ? { ...answer, errors: answer.errors.flatMap((error) => fanOutError(error, slots)) } : answer;
}

/**
 * A root query of the subgraph through the cache (the catalog's `offers` and `offer`): its whole
 * answer is kept under (fetch document, variables) when the subgraph marks it cacheable
 * (`x-entity-cache`: the same for every authenticated caller and every business time), so any
 * authenticated caller's identical fetch is answered from memory. Never an answer with errors;
 * anonymous callers neither read nor fill it. Lookups are counted for answers that were marked.
 */
export async function withCachedAnswer<O extends ProcessOptions>(
  cache: EntityCache,
  options: O,
  authenticated: boolean,
  send: (options: O) => Promise<Json>,
): Promise<Json> {
  const query = options.request.query;
  if (!authenticated || !cache.serving || !query) return send(options);
  const key = `\u0000answer\n${query}\n${JSON.stringify(options.request.variables ?? {})}`;
  const text = cache.get(key);
  if (text !== undefined) {
    cache.counted(1, 0);
    servedFromMemory(options);
    noteRead(options, cache, key, text);
    return { data: JSON.parse(text) };
  }
  const generation = cache.generation;
  const answer = (await send(options)) as EntitiesAnswer;
  const maxAgeMs = answer.data ? keptFor(answer) : 0;
  if (maxAgeMs > 0) {
    cache.counted(0, 1);
    cache.set(key, JSON.stringify(answer.data), maxAgeMs, generation);
  }
  return answer;
}
