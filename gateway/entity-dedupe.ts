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
    const key = keyOf(representation);
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
 * What identifies a representation: `__typename` and `id` alone (the usual key) without
 * serialising it, anything else as its JSON (which starts with `{`, so the two never meet).
 */
export function keyOf(representation: unknown): string {
  if (representation && typeof representation === 'object') {
    const { __typename: typename, id } = representation as { __typename?: unknown; id?: unknown };
    if (typeof typename === 'string' && typeof id === 'string' && hasOnlyTwoKeys(representation)) return `${typename}\u0000${id}`;
  }
  return JSON.stringify(representation);
}

/** Whether an object has exactly two own enumerable keys, counted without a list of them (a page keys 250). */
function hasOnlyTwoKeys(object: object): boolean {
  let count = 0;
  for (const key in object) if (Object.prototype.hasOwnProperty.call(object, key) && ++count > 2) return false;
  return count === 2;
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

/** Copies of an error at `_entities.<slot>` at each position whose slot it is (`positions[i]` is position i's slot; -1: none). */
export function fanOutError(error: NonNullable<EntitiesResult['errors']>[number], positions: number[]) {
  const path = error.path;
  if (!Array.isArray(path) || path[0] !== '_entities' || typeof path[1] !== 'number') return [error];
  return positions.flatMap((slot, position) => (slot === path[1] ? [{ ...error, path: ['_entities', position, ...path.slice(2)] }] : []));
}

/** What a data source's `process` is given: the subgraph request among the rest. */
interface ProcessOptions {
  request: { variables?: Record<string, unknown> };
}

/**
 * Runs a subgraph fetch with each distinct representation once and fans the answer back out
 * (the request's variables are read as objects, before they are serialised).
 */
export async function withDistinctRepresentations<O extends ProcessOptions, R>(options: O, process: (options: O) => Promise<R>): Promise<R> {
  const deduped = dedupeRepresentations(options.request.variables?.representations);
  if (!deduped) return process(options);
  const response = await process({ ...options, request: { ...options.request, variables: { ...options.request.variables, representations: deduped.unique } } });
  return fanOut(response as EntitiesResult, deduped.positions) as R;
}
