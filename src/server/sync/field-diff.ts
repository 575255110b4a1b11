import { createHash } from 'node:crypto';
import type { FieldMap } from './sync-types.ts';

/**
 * Comparing mapped fields. "Changed" in the engine means the version moved AND the content hash moved
 * (DESIGN §3: servers rewrite change keys without a change), so the hash must be stable: keys sorted, values as JSON.
 */

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A short, stable hash of a field map. */
export function hashFields(fields: FieldMap): string {
  return createHash('sha256').update(canonical(fields)).digest('base64url').slice(0, 22);
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
