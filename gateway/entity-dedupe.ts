import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';

interface GraphQLBody {
  query?: string;
  variables?: { representations?: unknown[]; [name: string]: unknown };
  [key: string]: unknown;
}

interface GraphQLResult {
  data?: { _entities?: unknown[] } | null;
  errors?: { path?: (string | number)[]; [key: string]: unknown }[];
  [key: string]: unknown;
}

/**
 * Sends each distinct entity representation once per `_entities` fetch and fans the answer back
 * out: a page of 250 subscriptions of 5 offers asks the catalog for 5 offers, not 250. Errors
 * at an entity's path are repeated for every position that asked for it.
 */
export function dedupingFetcher(inner: Fetcher): Fetcher {
  return async (url, init = {}) => {
    const body = typeof init.body === 'string' ? parse<GraphQLBody>(init.body) : undefined;
    const representations = body?.variables?.representations;
    if (!body || !Array.isArray(representations) || representations.length < 2) return inner(url, init);
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
    if (unique.length === representations.length) return inner(url, init);
    const response = await inner(url, { ...init, body: JSON.stringify({ ...body, variables: { ...body.variables, representations: unique } }) });
    const text = await response.text();
    const result = parse<GraphQLResult>(text);
    const entities = result?.data?._entities;
    const headers = { 'content-type': response.headers.get('content-type') ?? 'application/json' };
    if (!result || !Array.isArray(entities)) return new Response(text, { status: response.status, headers }) as unknown as FetcherResponse;
    result.data!._entities = positions.map((slot) => entities[slot]);
    if (Array.isArray(result.errors)) result.errors = result.errors.flatMap((error) => fanOutError(error, positions));
    return new Response(JSON.stringify(result), { status: response.status, headers }) as unknown as FetcherResponse;
  };
}

function fanOutError(error: NonNullable<GraphQLResult['errors']>[number], positions: number[]) {
  const path = error.path;
  if (!Array.isArray(path) || path[0] !== '_entities' || typeof path[1] !== 'number') return [error];
  return positions.flatMap((slot, position) => (slot === path[1] ? [{ ...error, path: ['_entities', position, ...path.slice(2)] }] : []));
}

function parse<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
