import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { leanJsonResponse, leanResponse } from './lean-http';

interface EntitiesResult {
  data?: { _entities?: unknown[] | null; [field: string]: unknown } | null;
  errors?: readonly { path?: readonly (string | number)[]; [key: string]: unknown }[];
  [key: string]: unknown;
}

/**
 * Each distinct entity representation once per `_entities` fetch: a page of 250 subscriptions of
 * 5 offers asks the catalog for 5 offers, not 250. Undefined when nothing repeats.
 * `positions[i]` is the slot in `unique` of the i-th representation asked.
 */
function dedupeRepresentations(representations: unknown): { unique: unknown[]; positions: number[] } | undefined {
  if (!Array.isArray(representations) || representations.length < 2) return undefined;
  const unique: unknown[] = [];
  const slotOf = new Map<string, number>();
  const positions = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = unique.push(representation) - 1;
      slotOf.set(key, slot);
    }
    return slot;
  });
  return unique.length === representations.length ? undefined : { unique, positions };
}

/**
 * The answer for the de-duplicated representations fanned back out to every position that
 * asked: errors at an entity's path are repeated for each of them.
 */
function fanOut<T extends EntitiesResult>(result: T, positions: number[]): T {
  const entities = result.data?._entities;
  if (!Array.isArray(entities)) return result;
  return {
    ...result,
    data: { ...result.data, _entities: positions.map((slot) => entities[slot]) },
    ...(Array.isArray(result.errors) ? { errors: result.errors.flatMap((error) => fanOutError(error, positions)) } : {}),
  };
}

function fanOutError(error: NonNullable<EntitiesResult['errors']>[number], positions: number[]) {
  const path = error.path;
  if (!Array.isArray(path) || path[0] !== '_entities' || typeof path[1] !== 'number') return [error];
  return positions.flatMap((slot, position) => (slot === path[1] ? [{ ...error, path: ['_entities', position, ...path.slice(2)] }] : []));
}

/**
 * A subgraph fetcher that sends each distinct representation once (the body is parsed only
 * when it holds `representations`) and fans the answer back out.
 */
export function dedupingFetcher(inner: Fetcher): Fetcher {
  return async (url, init = {}) => {
    if (typeof init.body !== 'string' || !init.body.includes('"representations"')) return inner(url, init);
    const body = JSON.parse(init.body) as { variables?: { representations?: unknown } };
    const deduped = dedupeRepresentations(body.variables?.representations);
    if (!deduped) return inner(url, init);
    const response = await inner(url, { ...init, body: JSON.stringify({ ...body, variables: { ...body.variables, representations: deduped.unique } }) });
    const text = await response.text();
    let result: EntitiesResult;
    try {
      result = JSON.parse(text) as EntitiesResult;
    } catch {
      return leanResponse(url, response.status, '', { 'content-type': response.headers.get('content-type') ?? 'text/plain' }, text) as unknown as FetcherResponse;
    }
    return leanJsonResponse(url, response.status, response.headers.get('content-type') ?? 'application/json', fanOut(result, deduped.positions)) as unknown as FetcherResponse;
  };
}
