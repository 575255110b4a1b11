import type { FastifyRequest } from 'fastify';
import { graphErrors } from './errors.ts';
import { evaluateFilter, type FilterNode, parseFilter } from './odata-filter.ts';

/** OData system query options of a collection or entity request (`query-parameters.md`). */
export interface ODataQuery {
  select?: string[];
  top?: number;
  skip?: number;
  filter?: FilterNode;
  orderby?: { path: string[]; desc: boolean }[];
  expand: ExpandOption[];
  count: boolean;
}

export interface ExpandOption {
  /** Navigation property as written, e.g. `singleValueExtendedProperties`. */
  name: string;
  filter?: FilterNode;
}

/** Outlook's `$top` ceiling for messages, contacts and folders. */
export const MAX_TOP = 1000;

export function parseQuery(req: FastifyRequest): ODataQuery {
  const q = req.query as Record<string, string | string[] | undefined>;
  const one = (name: string): string | undefined => {
    const v = q[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const out: ODataQuery = { expand: [], count: false };
  const select = one('$select');
  if (select !== undefined)
    out.select = splitTopLevel(select, ',')
      .map((s) => s.trim())
      .filter(Boolean);
  const top = one('$top');
  if (top !== undefined) out.top = parseCount('$top', top);
  const skip = one('$skip');
  if (skip !== undefined) out.skip = parseCount('$skip', skip);
  const filter = one('$filter');
  if (filter?.trim()) out.filter = parseFilter(filter);
  const orderby = one('$orderby');
  if (orderby !== undefined) {
    out.orderby = splitTopLevel(orderby, ',').map((part) => {
      const [path = '', dir = 'asc'] = part.trim().split(/\s+/);
      return { path: path.split('/'), desc: dir.toLowerCase() === 'desc' };
    });
  }
  const expand = one('$expand');
  if (expand !== undefined) out.expand = parseExpandList(expand);
  out.count = (one('$count') ?? '').toLowerCase() === 'true';
  return out;
}

/** Keeps only the selected properties (plus `id` and annotations, which Graph always returns). */
export function applySelect(entity: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select || select.length === 0 || select.includes('*')) return entity;
  const wanted = new Set(select.map((s) => s.toLowerCase()));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) {
    if (k.startsWith('@') || k === 'id' || wanted.has(k.toLowerCase())) out[k] = v;
  }
  return out;
}

/** Filters, orders and pages rendered entities (lists are small enough to do this over JSON). */
export function shapeCollection<T>(
  rows: { entity: Record<string, unknown>; source: T }[],
  query: ODataQuery,
  defaultTop: number,
): { page: { entity: Record<string, unknown>; source: T }[]; total: number; nextSkip?: number } {
  let list = query.filter ? rows.filter((r) => evaluateFilter(query.filter as FilterNode, r.entity)) : rows;
  if (query.orderby?.length) {
    const keys = query.orderby;
    list = [...list].sort((a, b) => {
      for (const k of keys) {
        const c = compareValues(readPath(a.entity, k.path), readPath(b.entity, k.path));
        if (c !== 0) return k.desc ? -c : c;
      }
      return 0;
    });
  }
  const skip = query.skip ?? 0;
  const top = Math.min(query.top ?? defaultTop, MAX_TOP);
  const page = list.slice(skip, skip + top);
  const more = skip + top < list.length;
  return { page, total: list.length, ...(more ? { nextSkip: skip + top } : {}) };
}

/** The request URL with `$skip` replaced, for `@odata.nextLink`. */
export function nextLinkWithSkip(baseUrl: string, req: FastifyRequest, skip: number): string {
  const url = new URL(req.url, 'http://x');
  url.searchParams.set('$skip', String(skip));
  const path = url.pathname.replace(/^\/v1\.0/, '');
  return `${baseUrl}${path}?${decodeDollar(url.searchParams.toString())}`;
}

function decodeDollar(qs: string): string {
  return qs.replace(/%24/g, '$');
}

/** Parses a `$expand` value such as `singleValueExtendedProperties($filter=id eq '…'),attachments`. */
export function parseExpandList(text: string): ExpandOption[] {
  return splitTopLevel(text, ',').map(parseExpand);
}

function parseExpand(part: string): ExpandOption {
  const m = /^\s*([\w.]+)\s*(?:\((.*)\))?\s*$/s.exec(part);
  if (!m) throw graphErrors.badRequest(`Invalid $expand: ${part}`);
  const option: ExpandOption = { name: m[1] as string };
  for (const opt of splitTopLevel(m[2] ?? '', ';')) {
    const eq = opt.indexOf('=');
    const name = opt.slice(0, eq).trim().toLowerCase();
    if (name === '$filter') option.filter = parseFilter(opt.slice(eq + 1));
  }
  return option;
}

function parseCount(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw graphErrors.badRequest(`Invalid value '${value}' for query option '${name}'.`);
  return n;
}

/** Splits on `sep` outside parentheses and quotes. */
export function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

function readPath(entity: unknown, path: string[]): unknown {
  let cur = entity;
  for (const seg of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    const o = cur as Record<string, unknown>;
    const key = Object.keys(o).find((k) => k.toLowerCase() === seg.toLowerCase());
    cur = key === undefined ? undefined : o[key];
  }
  return cur;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b);
  return Number(a) < Number(b) ? -1 : 1;
}
