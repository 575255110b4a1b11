import type { ExtendedPropertyKey, IdStyle, Item, Mailbox } from '../store/index.ts';
import { graphErrors } from './errors.ts';
import { parsePropertyWrites } from './extended-properties.ts';
import { etag } from './request-context.ts';

/** How to render items for one request. */
export interface RenderEnv {
  mailbox: Mailbox;
  idStyle: IdStyle;
  /** `Prefer: outlook.body-content-type` */
  bodyType?: 'text' | 'html';
  /** Only `Mail.ReadBasic`: no body, preview, attachments or extended properties. */
  basic?: boolean;
  /** Delta responses annotate every entity with `@odata.type`, first. */
  odataType?: string;
}

/** Graph's DateTimeOffset for Outlook items: UTC, seconds precision, `Z` (e.g. `2016-10-19T10:37:00Z`). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The `outlookItem` base properties every message, contact and event starts with. */
export interface OutlookItemFields {
  '@odata.type'?: string;
  '@odata.etag': string;
  id: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  categories: string[];
}

export function outlookItemFields(item: Item, env: RenderEnv): OutlookItemFields {
  const d = derived(item);
  return {
    ...(env.odataType ? { '@odata.type': env.odataType } : {}),
    '@odata.etag': etag(item.changeKey),
    id: env.mailbox.itemId(item, env.idStyle),
    createdDateTime: d.created,
    lastModifiedDateTime: d.modified,
    changeKey: item.changeKey,
    categories: Array.isArray(item.data.categories) ? (item.data.categories as string[]) : [],
  };
}

interface Derived {
  version: number;
  created: string;
  modified: string;
  extra: Record<string, string>;
}

const derivedCache = new WeakMap<Item, Derived>();

/** Values computed from an item version (timestamps, previews): cached until the item is written again. */
export function derived(item: Item): Derived {
  let d = derivedCache.get(item);
  if (d?.version !== item.version) {
    d = {
      version: item.version,
      created: isoSeconds(item.createdAt),
      modified: isoSeconds(item.modifiedAt),
      extra: {},
    };
    derivedCache.set(item, d);
  }
  return d;
}

export function derivedValue(item: Item, key: string, compute: () => string): string {
  const extra = derived(item).extra;
  let v = extra[key];
  if (v === undefined) {
    v = compute();
    extra[key] = v;
  }
  return v;
}

export function parentFolderId(item: Item, env: RenderEnv): string | null {
  return env.mailbox.folders.get(item.folderNum)?.id ?? null;
}

/** Extended property writes and open extensions that may ride along on a create or update body. */
export interface SideWrites {
  extendedProperties: { key: ExtendedPropertyKey; value: string | null }[];
  extensions: { extensionName: string; fields: Record<string, unknown> }[];
}

/**
 * Splits a request body into payload fields and side writes. Unknown properties are rejected the way
 * Graph's OData reader does; read-only ones are ignored (clients often PATCH back what they read).
 */
export function readBody(
  body: unknown,
  writable: ReadonlySet<string>,
  readOnly: ReadonlySet<string>,
  typeName: string,
): { fields: Record<string, unknown>; side: SideWrites } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw graphErrors.badRequest('Empty Payload. JSON content expected.');
  }
  const fields: Record<string, unknown> = {};
  const side: SideWrites = { extendedProperties: [], extensions: [] };
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k.startsWith('@odata.') || k.includes('@odata.')) continue;
    if (k === 'singleValueExtendedProperties') side.extendedProperties.push(...parsePropertyWrites(v));
    else if (k === 'multiValueExtendedProperties') continue;
    else if (k === 'extensions') side.extensions.push(...parseInlineExtensions(v));
    else if (writable.has(k)) fields[k] = v;
    else if (!readOnly.has(k)) throw graphErrors.unknownProperty(k, typeName);
  }
  return { fields, side };
}

/** `{"@odata.type": "microsoft.graph.openTypeExtension", "extensionName": "com.x", ...custom}` → store form. */
export function parseExtensionBody(value: unknown): { extensionName: string; fields: Record<string, unknown> } {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v.extensionName !== 'string' || !v.extensionName) {
    throw graphErrors.badRequest('An open extension needs an extensionName.');
  }
  const fields: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === 'extensionName' || k === 'id' || k.startsWith('@odata.')) continue;
    fields[k] = val;
  }
  return { extensionName: v.extensionName, fields };
}

function parseInlineExtensions(value: unknown): { extensionName: string; fields: Record<string, unknown> }[] {
  if (!Array.isArray(value)) throw graphErrors.badRequest('extensions must be a collection.');
  return value.map(parseExtensionBody);
}

/** Outlook's id for an open extension: `Microsoft.OutlookServices.OpenTypeExtension.{extensionName}`. */
export function extensionId(extensionName: string): string {
  return `Microsoft.OutlookServices.OpenTypeExtension.${extensionName}`;
}

/** Extension name from an id or a bare name, as the extensions routes accept both. */
export function extensionNameOf(idOrName: string): string {
  const prefix = 'Microsoft.OutlookServices.OpenTypeExtension.';
  return idOrName.startsWith(prefix) ? idOrName.slice(prefix.length) : idOrName;
}

export function renderExtension(ext: {
  extensionName: string;
  fields: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.openTypeExtension',
    id: extensionId(ext.extensionName),
    extensionName: ext.extensionName,
    ...ext.fields,
  };
}

export function asString(v: unknown, field: string): string {
  if (typeof v !== 'string') throw graphErrors.badRequest(`Invalid value for property '${field}'.`);
  return v;
}

export function asBoolean(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') throw graphErrors.badRequest(`Invalid value for property '${field}'.`);
  return v;
}

export function asStringArray(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw graphErrors.badRequest(`Invalid value for property '${field}'.`);
  }
  return v as string[];
}
