import type { ExtendedPropertyKey } from './types.ts';

/**
 * Canonical identity of a MAPI named or tagged property. Two requests naming the same property, one via
 * Graph (`String {GUID} Name TandemId`) and one via EWS (`PropertySetId="GUID" PropertyName="TandemId"
 * PropertyType="String"`), must land on the same slot (protocols.md §1.9 and §3.4). GUIDs compare
 * case-insensitively; property names are case-sensitive in MAPI; type names are compared ignoring case.
 */
export function canonicalPropertyKey(key: ExtendedPropertyKey): string {
  const type = key.type.toLowerCase();
  if (key.propertyTag !== undefined) return `${type}|tag|${key.propertyTag}`;
  const guid = normalizeGuid(key.propertySetGuid ?? '');
  if (key.name !== undefined) return `${type}|${guid}|name|${key.name}`;
  return `${type}|${guid}|id|${key.propertyId ?? 0}`;
}

/** Lower-case GUID without braces, or '' when it is not a GUID. */
export function normalizeGuid(guid: string): string {
  const g = guid.trim().replace(/^\{/, '').replace(/\}$/, '').toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(g) ? g : '';
}

/** MAPI type names both protocols accept for single-valued properties (PropertyType / Graph id prefix). */
export const SINGLE_VALUE_TYPES = [
  'String',
  'Integer',
  'Boolean',
  'SystemTime',
  'Binary',
  'Double',
  'Float',
  'Long',
  'Short',
  'Currency',
  'ApplicationTime',
  'CLSID',
] as const;

/** The canonical spelling of a type name, or undefined when unknown. */
export function canonicalTypeName(type: string): string | undefined {
  return SINGLE_VALUE_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
}
