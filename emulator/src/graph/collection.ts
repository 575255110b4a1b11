import type { FastifyRequest } from 'fastify';
import type { Item } from '../store/index.ts';
import { applyExpand } from './expand.ts';
import { renderProperties } from './extended-properties.ts';
import { applySelect, nextLinkWithSkip, type ODataQuery, parseQuery, shapeCollection } from './odata-query.ts';
import type { MailboxContext } from './request-context.ts';

export interface ItemListSpec {
  items: Item[];
  render(item: Item, select?: string[]): Record<string, unknown>;
  /** Path after `users('…')` in `@odata.context`, e.g. `/messages` or `/contactFolders('id')/contacts`. */
  contextPath: string;
  /** Order when the client gives no `$orderby` (messages: newest first). */
  defaultOrder?(a: Item, b: Item): number;
  basic?: boolean;
}

/** Graph's default page size for Outlook collections. */
export const DEFAULT_PAGE_SIZE = 10;

/**
 * A list response: `$filter` and `$orderby` evaluate over the Graph JSON (with all extended properties,
 * so `singleValueExtendedProperties/Any(…)` works), then `$skip`/`$top` page it; only the page is rendered
 * with `$select`/`$expand`. `@odata.nextLink` continues with `$skip`, as Outlook lists do.
 */
export function listItems(req: FastifyRequest, ctx: MailboxContext, spec: ItemListSpec): Record<string, unknown> {
  const query = parseQuery(req);
  let items = spec.items;
  if (!query.orderby && spec.defaultOrder) items = [...items].sort(spec.defaultOrder);
  const needsView = query.filter !== undefined || query.orderby !== undefined;
  const rows = items.map((item) => ({ entity: needsView ? filterView(item, spec) : {}, source: item }));
  const shaped = shapeCollection(rows, query, DEFAULT_PAGE_SIZE);
  const value = shaped.page.map((r) => renderOne(r.source, spec, query));
  return {
    '@odata.context': contextUrl(ctx, spec.contextPath, query.select),
    ...(query.count ? { '@odata.count': shaped.total } : {}),
    value,
    ...(shaped.nextSkip !== undefined
      ? { '@odata.nextLink': nextLinkWithSkip(ctx.baseUrl, req, shaped.nextSkip) }
      : {}),
  };
}

/** A single entity response with `$select`/`$expand` applied. */
export function singleItem(
  req: FastifyRequest,
  ctx: MailboxContext,
  item: Item,
  spec: Pick<ItemListSpec, 'render' | 'contextPath' | 'basic'>,
): Record<string, unknown> {
  const query = parseQuery(req);
  return {
    '@odata.context': `${contextUrl(ctx, spec.contextPath, query.select)}/$entity`,
    ...renderOne(item, spec, query),
  };
}

export function contextUrl(ctx: MailboxContext, path: string, select?: string[]): string {
  const sel = select?.length ? `(${select.join(',')})` : '';
  return `${ctx.baseUrl}/$metadata#${ctx.contextUser}${path}${sel}`;
}

function renderOne(
  item: Item,
  spec: Pick<ItemListSpec, 'render' | 'basic'>,
  query: ODataQuery,
): Record<string, unknown> {
  return shapeEntity(item, spec, query.select, query.expand);
}

/** Renders one item with `$select` and `$expand` (expanded navigation properties survive the select). */
export function shapeEntity(
  item: Item,
  spec: Pick<ItemListSpec, 'render' | 'basic'>,
  select: string[] | undefined,
  expand: ODataQuery['expand'],
): Record<string, unknown> {
  const entity = spec.render(item, select);
  if (expand.length) applyExpand(entity, item, expand, spec.basic);
  const selected = applySelect(entity, select);
  for (const option of expand) {
    const key = Object.keys(entity).find((k) => k.toLowerCase() === option.name.toLowerCase());
    if (key && entity[key] !== undefined) selected[key] = entity[key];
  }
  return selected;
}

function filterView(item: Item, spec: ItemListSpec): Record<string, unknown> {
  const view = spec.render(item);
  view.singleValueExtendedProperties = renderProperties(item.extendedProperties);
  return view;
}
