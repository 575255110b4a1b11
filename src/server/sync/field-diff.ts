import type { FieldMap } from './sync-types.ts';

/**
 * Comparing mapped fields. "Changed" in the engine means the version moved AND the content moved (DESIGN §3: servers
 * rewrite change keys without a change), so comparing is by value, whatever order keys were written in; undefined is
 * null, as in JSON.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!Object.hasOwn(y, k) || !sameValue(x[k], y[k])) return false;
  return true;
}

/** Whether two field maps hold the same content; never when the second is unknown (null). */
export function sameFields(a: FieldMap, b: FieldMap | null): boolean {
  return b !== null && sameValue(a, b);
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
