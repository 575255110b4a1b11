import { sameFields, sameValue } from '../sync/field-diff.ts';
import type { FieldMap } from '../sync/sync-types.ts';

/**
 * How a status row stores the two sides' fields (`sync_links.base` and `crm_base`). A row is written for every synced
 * item, and full copies of both sides made status rows the largest thing an import writes.
 *
 * The remote side (`base`) is stored without the fields that hold the kind's empty value (`blank`, e.g. no middle
 * name, no home address): most fields of most items are empty. A base that lacks some field of `blank` is stored
 * whole, and so is every base when the kind gives no `blank`; rows stored whole read the same.
 */
export function encodeBase<F extends FieldMap>(base: F | null, blank: (() => F) | undefined): string | null {
  if (base === null) return null;
  if (!blank) return JSON.stringify(base);
  const empty = blank() as Record<string, unknown>;
  const fields = base as Record<string, unknown>;
  if (Object.keys(empty).some((k) => !(k in fields))) return JSON.stringify(base);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(fields)) if (!(k in empty) || !sameValue(fields[k], empty[k])) out[k] = fields[k];
  return JSON.stringify(out);
}

export function decodeBase<F extends FieldMap>(stored: string | null, blank: (() => F) | undefined): F | null {
  if (stored === null) return null;
  const fields = JSON.parse(stored) as F;
  return blank ? { ...blank(), ...fields } : fields;
}

/**
 * The CRM side is stored as what differs from the remote side: on most rows nothing does. Stored form: a JSON array of
 * [field, value] pairs that override `base`, or a JSON object holding every field (no base, or a CRM side without
 * some field of `base`).
 */
export function encodeCrmBase<F extends FieldMap>(base: F | null, crmBase: F | null): string | null {
  if (crmBase === null) return null;
  if (base === null) return JSON.stringify(crmBase);
  if (sameFields(crmBase, base)) return '[]';
  const b = base as Record<string, unknown>;
  const c = crmBase as Record<string, unknown>;
  if (Object.keys(b).some((k) => !(k in c))) return JSON.stringify(crmBase);
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
