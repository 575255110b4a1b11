import type { FieldMap } from './sync-types.ts';

/**
 * Comparing mapped fields. "Changed" in the engine means the version moved AND the content moved (DESIGN §3: servers
 * rewrite change keys without a change), so comparing must not depend on key order: keys sorted, values as JSON.
 */

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonical(value[i]);
    return `${out}]`;
  }
  // String order by UTF-16 code units, as `<` compares.
  const keys = Object.keys(value).sort();
  out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out += `${i > 0 ? ',' : ''}${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`;
  }
  return `${out}}`;
}

/** JSON of field maps, kept per object: a map is hashed, compared and stored, and never changed in place. */
const jsonCache = new WeakMap<FieldMap, string>();

/** `JSON.stringify(fields)`, computed once per field map. */
export function jsonOf(fields: FieldMap): string {
  let json = jsonCache.get(fields);
  if (json === undefined) {
    json = JSON.stringify(fields);
    jsonCache.set(fields, json);
  }
  return json;
}

/**
 * Whether two field maps hold the same content; never when the second is unknown (null). Maps written in the same
 * key order (nearly always: each comes from one mapper) are equal as JSON, which is cheaper than the canonical form.
 */
export function sameFields(a: FieldMap, b: FieldMap | null): boolean {
  if (b === null) return false;
  return a === b || jsonOf(a) === jsonOf(b) || canonical(a) === canonical(b);
}

/** Whether two values are the same once put in canonical form. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** The keys whose values differ between `from` and `to` (every key of `to` when there is no `from`). */
export function changedKeys<F extends FieldMap>(from: F | null, to: F): (keyof F & string)[] {
  return (Object.keys(to) as (keyof F & string)[]).filter((k) => !from || !sameValue(from[k], to[k]));
}

/** `base` with the given keys taken from `over`. */
export function overlay<F extends FieldMap>(base: F, over: F, keys: readonly (keyof F & string)[]): F {
  const out = { ...base };
  for (const k of keys) out[k] = over[k];
  return out;
}
