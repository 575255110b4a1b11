import { jsonOf, sameFields, sameValue } from '../sync/field-diff.ts';
import type { FieldMap } from '../sync/sync-types.ts';

/**
 * The CRM side's fields of a status row are stored as what differs from the remote side's (`base`): on most rows
 * nothing does, and two full copies made the status rows the largest thing an import writes. Stored form: a JSON
 * array of [field, value] pairs that override `base`, or a JSON object holding every field (no base, or a CRM side
 * without some field of `base`).
 */
export function encodeCrmBase<F extends FieldMap>(base: F | null, crmBase: F | null): string | null {
  if (crmBase === null) return null;
  if (base === null) return jsonOf(crmBase);
  if (sameFields(crmBase, base)) return '[]';
  const b = base as Record<string, unknown>;
  const c = crmBase as Record<string, unknown>;
  if (Object.keys(b).some((k) => !(k in c))) return jsonOf(crmBase);
  return JSON.stringify(Object.keys(c).flatMap((k) => (sameValue(c[k], b[k]) ? [] : [[k, c[k]]])));
}

export function decodeCrmBase<F extends FieldMap>(base: F | null, stored: string | null): F | null {
  if (stored === null) return null;
  const value = JSON.parse(stored) as F | [string, unknown][];
  if (!Array.isArray(value)) return value;
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of value) out[k] = v;
  return out as F;
}
