import {
  canonicalTypeName,
  type ExtendedPropertyKey,
  type ExtendedPropertyValue,
  normalizeGuid,
} from '../store/index.ts';
import { graphErrors } from './errors.ts';
import { evaluateFilter, type FilterNode } from './odata-filter.ts';
import type { ExpandOption } from './odata-query.ts';

/**
 * Graph's `singleValueExtendedProperties` ↔ store keys. Graph names a MAPI property by an id string in one
 * of three forms (`singlevaluelegacyextendedproperty.md`): `{type} {proptag}` (e.g. `Integer 0x0E07`),
 * `{type} {guid} Name {name}` and `{type} {guid} Id {id}`. The same key is reachable from EWS's
 * ExtendedFieldURI, so a property stamped through one protocol reads back through the other.
 */

export function parsePropertyId(id: string): ExtendedPropertyKey {
  const trimmed = id.trim();
  const tag = /^(\w+)\s+0x([0-9a-f]{1,4})$/i.exec(trimmed);
  if (tag) return { type: typeName(tag[1] as string, id), propertyTag: Number.parseInt(tag[2] as string, 16) };
  const named = /^(\w+)\s+(\{?[0-9a-f-]{36}\}?)\s+(Name|Id)\s+(.+)$/i.exec(trimmed);
  if (!named) throw invalidId(id);
  const type = typeName(named[1] as string, id);
  const guid = normalizeGuid(named[2] as string);
  if (!guid) throw invalidId(id);
  if ((named[3] as string).toLowerCase() === 'name') return { type, propertySetGuid: guid, name: named[4] as string };
  const num = Number((named[4] as string).trim());
  if (!Number.isInteger(num)) throw invalidId(id);
  return { type, propertySetGuid: guid, propertyId: num };
}

/** The Graph id string of a key (canonical type spelling, lower-case GUID in braces). */
export function formatPropertyId(key: ExtendedPropertyKey): string {
  const type = canonicalTypeName(key.type) ?? key.type;
  if (key.propertyTag !== undefined) return `${type} 0x${key.propertyTag.toString(16).padStart(4, '0')}`;
  if (key.name !== undefined) return `${type} {${key.propertySetGuid}} Name ${key.name}`;
  return `${type} {${key.propertySetGuid}} Id 0x${(key.propertyId ?? 0).toString(16).padStart(4, '0')}`;
}

/** Parses a request body's `singleValueExtendedProperties` array into store writes. */
export function parsePropertyWrites(value: unknown): { key: ExtendedPropertyKey; value: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw graphErrors.badRequest('singleValueExtendedProperties must be a collection.');
  return value.map((entry) => {
    const e = entry as { id?: unknown; value?: unknown };
    if (typeof e?.id !== 'string') throw graphErrors.badRequest('An extended property needs an id.');
    if (e.value === undefined || e.value === null) throw graphErrors.badRequest('An extended property needs a value.');
    return { key: parsePropertyId(e.id), value: String(e.value) };
  });
}

/** All properties of an object in Graph's shape (used to evaluate `$filter=singleValueExtendedProperties/Any(…)`). */
export function renderProperties(props: Map<string, ExtendedPropertyValue>): { id: string; value: string }[] {
  return [...props.values()].map((p) => ({ id: formatPropertyId(p.key), value: p.value }));
}

/**
 * The properties an `$expand=singleValueExtendedProperties($filter=…)` returns. Graph returns only the
 * matching ones, and leaves the navigation property out when none match.
 */
export function expandProperties(
  props: Map<string, ExtendedPropertyValue>,
  option: ExpandOption,
): { id: string; value: string }[] | undefined {
  const all = renderProperties(props);
  const matched = option.filter ? all.filter((p) => evaluateFilter(option.filter as FilterNode, p)) : all;
  return matched.length > 0 ? matched : undefined;
}

function typeName(raw: string, id: string): string {
  const t = canonicalTypeName(raw);
  if (!t) throw invalidId(id);
  return t;
}

function invalidId(id: string) {
  return graphErrors.badRequest(`The extended property id '${id}' is not valid.`);
}
