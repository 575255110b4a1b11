import type { FastifyRequest } from 'fastify';
import { contextUrl, shapeEntity } from '../collection.ts';
import { renderProperties } from '../extended-properties.ts';
import { nextLinkWithSkip, parseQuery, shapeCollection } from '../odata-query.ts';
import type { MailboxContext } from '../request-context.ts';
import { eventEnv } from './calendar-context.ts';
import type { EventInstance } from './event-instances.ts';
import { renderEvent } from './event-mapper.ts';

/** Graph's default page size for Outlook collections. */
const DEFAULT_PAGE_SIZE = 10;

/**
 * A collection of event instances (calendarView, instances): `$filter`/`$orderby` evaluate over the event
 * JSON, `$top`/`$skip` page it, and only the page is rendered with `$select`/`$expand`. Instances come ordered
 * by start when the client gives no `$orderby`.
 */
export function instanceList(
  req: FastifyRequest,
  ctx: MailboxContext,
  instances: EventInstance[],
  contextPath: string,
): Record<string, unknown> {
  const query = parseQuery(req);
  const env = eventEnv(ctx);
  const needsView = query.filter !== undefined || query.orderby !== undefined;
  const rows = instances.map((inst) => ({
    entity: needsView
      ? { ...renderEvent(inst, env), singleValueExtendedProperties: renderProperties(inst.item.extendedProperties) }
      : {},
    source: inst,
  }));
  const shaped = shapeCollection(rows, query, DEFAULT_PAGE_SIZE);
  const value = shaped.page.map((row) =>
    shapeEntity(
      row.source.item,
      { render: (_item, select) => renderEvent(row.source, env, select) },
      query.select,
      query.expand,
    ),
  );
  return {
    '@odata.context': contextUrl(ctx, contextPath, query.select),
    ...(query.count ? { '@odata.count': shaped.total } : {}),
    value,
    ...(shaped.nextSkip !== undefined
      ? { '@odata.nextLink': nextLinkWithSkip(ctx.baseUrl, req, shaped.nextSkip) }
      : {}),
  };
}
