/**
 * How the executor merges subgraph answers into one tree, as Apollo Gateway 2.14 does
 * (utilities/deepMerge and own): the answers keep the fields of every fetch, and a key that plain
 * objects inherit (`constructor`, `toString` …) is always an own property.
 */
export type Json = Record<string, any>;

export const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

export function getOwn(object: Json, key: string): any {
  return hasOwn(object, key) ? object[key] : undefined;
}

export function defineOwn(object: Json, key: string): void {
  if (!hasOwn(object, key) && key in object) Object.defineProperty(object, key, { configurable: true, enumerable: true, value: undefined, writable: true });
}

const isObject = (value: unknown): value is Json => value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value);

/** Merges `source` into `target`: objects field by field, lists of the same length element by element. */
export function deepMerge(target: Json, source: Json | null | undefined): Json {
  if (source === undefined || source === null) return target;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    defineOwn(target, key);
    const existing = target[key];
    if (existing && isObject(value)) deepMerge(existing, value);
    else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let i = 0; i < value.length; i++) {
        if (isObject(existing[i]) && isObject(value[i])) deepMerge(existing[i], value[i]);
        else existing[i] = value[i];
      }
    } else target[key] = value;
  }
  return target;
}
