import { ENTITY_CACHE_HEADER } from '../../shared/config';
import { fanOutError, keyOf } from '../entity-dedupe';
import type { LeanResponse } from '../lean-http';
import type { EntityCache } from './entity-cache';

type Json = Record<string, unknown>;

/** What a data source's `process` is given, as far as the cache reads it. */
interface ProcessOptions {
  request: { query?: string; variables?: Record<string, unknown> };
  incomingRequestContext?: { overallCachePolicy?: { restrict?(hint: { maxAge?: number; scope?: string }): void } };
}

interface EntitiesAnswer {
  data?: { _entities?: unknown[] | null; [field: string]: unknown } | null;
  errors?: readonly { path?: readonly (string | number)[]; [key: string]: unknown }[];
  http?: LeanResponse;
  [key: string]: unknown;
}

/** The max-age of `x-entity-cache: max-age=<seconds>` in ms; 0 when absent (not cacheable). */
export function entityMaxAgeMs(header: string | null | undefined): number {
  const match = header ? /(?:^|,)\s*max-age=(\d+)\s*(?:,|$)/.exec(header) : null;
  return match ? Number(match[1]) * 1000 : 0;
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
  const keys = representations.map((representation) => prefix + keyOf(representation));
  const cached = keys.map((key) => cache.get(key));
  // slots[i]: the index of representation i in the fetch sent, -1 for one served from the cache.
  const missing: unknown[] = [];
  const slots = cached.map((text, i) => (text === undefined ? missing.push(representations[i]) - 1 : -1));
  cache.counted(representations.length - missing.length, missing.length);
  if (!missing.length) {
    // As a fetch whose answer has no Cache-Control: the request's cache policy is no caching.
    options.incomingRequestContext?.overallCachePolicy?.restrict?.({ maxAge: 0 });
    return { data: { _entities: cached.map((text) => JSON.parse(text!)) } };
  }
  const whole = missing.length === representations.length;
  const answer = (await send(whole ? options : { ...options, request: { ...options.request, variables: { ...others, representations: missing } } })) as EntitiesAnswer;
  const received = answer.data?._entities;
  if (!Array.isArray(received) || received.length !== missing.length) return whole ? answer : withErrorsAt(answer, slots);
  const maxAgeMs = answer.errors?.length ? 0 : entityMaxAgeMs(answer.http?.headers.get(ENTITY_CACHE_HEADER));
  if (maxAgeMs > 0) {
    for (let i = 0; i < keys.length; i++) if (slots[i] >= 0) cache.set(keys[i], JSON.stringify(received[slots[i]]), maxAgeMs, generation);
  }
  if (whole) return answer;
  const entities = cached.map((text, i) => (text === undefined ? received[slots[i]] : JSON.parse(text)));
  return { ...withErrorsAt(answer, slots), data: { ...answer.data, _entities: entities } };
}

/** The answer with each error at `_entities.<slot>` moved to the position that slot stands for. */
function withErrorsAt(answer: EntitiesAnswer, slots: number[]): EntitiesAnswer {
  return Array.isArray(answer.errors) ? { ...answer, errors: answer.errors.flatMap((error) => fanOutError(error, slots)) } : answer;
}
