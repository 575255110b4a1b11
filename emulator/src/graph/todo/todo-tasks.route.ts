import type { FastifyRequest } from 'fastify';
import { formatDateTime, utcToZoned } from '../../recurrence/zoned-time.ts';
import type { Item, TaskData } from '../../store/index.ts';
import { contextUrl, shapeEntity } from '../collection.ts';
import { type DeltaResource, serveDelta } from '../delta.ts';
import type { DeltaState } from '../delta-token.ts';
import { renderProperties } from '../extended-properties.ts';
import { openExtensionRoutes } from '../extensions.route.ts';
import { guard } from '../ids.ts';
import type { MailboxRouter } from '../mailbox-router.ts';
import { type ExpandOption, nextLinkWithSkip, parseExpandList, parseQuery, shapeCollection } from '../odata-query.ts';
import { ifMatchChangeKey, type MailboxContext } from '../request-context.ts';
import { listOf, taskEnv, taskOf } from './todo-context.ts';
import { readTaskBody, renderTask } from './todo-mapper.ts';

/**
 * To Do tasks (`resources/todotask.md`): list/create under `/todo/lists/{listId}/tasks`, get/update/delete
 * one, `tasks/delta` (`api/todotask-delta.md`; `$select`, `$top`, `$expand` honoured), `$expand=linkedResources`
 * and open extensions (`/tasks/{id}/extensions`). Completing a task stamps completedDateTime (now, UTC) unless
 * the client gives one; reopening it clears the stamp.
 */
export function todoTaskRoutes(r: MailboxRouter): void {
  const base = '/todo/lists/:listId/tasks';
  r.get(base, 'tasks.read', (req, _reply, ctx) => {
    const list = listOf(req, ctx);
    const items = ctx.mailbox.listItems(list, ctx.options.config().replicationDelayMs);
    return taskList(req, ctx, items, `/todo/lists('${list.id}')/tasks`);
  });
  r.post(base, 'tasks.write', (req, reply, ctx) => {
    const list = listOf(req, ctx);
    const now = ctx.options.store.clock();
    const { patch, side } = readTaskBody(req.body, now);
    const defaults = { status: 'notStarted', importance: 'normal', isReminderOn: false, bodyModifiedAt: now };
    const data = withoutNulls({ ...defaults, ...completion({}, patch, now) });
    const item = guard(() => ctx.mailbox.createItem(list, 'task', data, side));
    reply.code(201);
    // todotasklist-post-tasks.md: linkedResources created inline come back in the response.
    return taskEntity(req, ctx, item, 'linkedResources' in patch);
  });
  for (const fn of ['delta', 'delta()', 'microsoft.graph.delta']) {
    r.get(`${base}/${fn}`, 'tasks.read', (req, reply, ctx) => serveDelta(req, reply, ctx, tasksDelta(req, ctx)));
  }
  r.get(`${base}/:id`, 'tasks.read', (req, _reply, ctx) => taskEntity(req, ctx, taskOf(req, ctx)));
  r.patch(`${base}/:id`, 'tasks.write', (req, _reply, ctx) => {
    const item = taskOf(req, ctx);
    const now = ctx.options.store.clock();
    const { patch, side } = readTaskBody(req.body, now);
    const ifChangeKey = ifMatchChangeKey(req);
    const next = completion(item.data as TaskData, patch, now);
    guard(() => ctx.mailbox.updateItem(item, next, { ...side, ...(ifChangeKey ? { ifChangeKey } : {}) }));
    return taskEntity(req, ctx, item);
  });
  r.delete(`${base}/:id`, 'tasks.write', (req, reply, ctx) => {
    const item = taskOf(req, ctx);
    const ifChangeKey = ifMatchChangeKey(req);
    guard(() => ctx.mailbox.deleteItem(item, ifChangeKey ? { ifChangeKey } : {}));
    return reply.code(204).send();
  });
  openExtensionRoutes(r, {
    segment: 'todo/lists/:listId/tasks',
    read: 'tasks.read',
    write: 'tasks.write',
    find: taskOf,
  });
}

/** Status drives completedDateTime (todoTask resource): completing stamps it unless given; reopening clears it. */
function completion(current: Partial<TaskData>, patch: Record<string, unknown>, now: number): Record<string, unknown> {
  if (patch.status === undefined) return patch;
  if (patch.status === 'completed') {
    if (patch.completedDateTime || current.completedDateTime) return patch;
    return { ...patch, completedDateTime: { dateTime: formatDateTime(utcToZoned(now, 'Etc/UTC')), timeZone: 'UTC' } };
  }
  return patch.completedDateTime === undefined ? { ...patch, completedDateTime: null } : patch;
}

function withoutNulls(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

/** `$expand=linkedResources` is To Do's own navigation; the other options go to the shared `$expand` code. */
function expandOf(text: string | undefined): { linked: boolean; rest: ExpandOption[] } {
  const options = text ? parseExpandList(text) : [];
  const isLinked = (o: ExpandOption) => o.name.toLowerCase() === 'linkedresources';
  return { linked: options.some(isLinked), rest: options.filter((o) => !isLinked(o)) };
}

function shapeTask(
  ctx: MailboxContext,
  item: Item,
  select: string[] | undefined,
  expand: string | undefined,
  forceLinked = false,
) {
  const { linked, rest } = expandOf(expand);
  const env = taskEnv(ctx, linked || forceLinked);
  const out = shapeEntity(item, { render: (i) => renderTask(i, env) }, select, rest);
  if (linked || forceLinked) out.linkedResources = renderTask(item, env).linkedResources;
  return out;
}

function taskEntity(req: FastifyRequest, ctx: MailboxContext, item: Item, forceLinked = false) {
  const query = queryWithoutExpand(req);
  const expand = (req.query as { $expand?: string }).$expand;
  const list = ctx.mailbox.folders.get(item.folderNum);
  return {
    '@odata.context': `${contextUrl(ctx, `/todo/lists('${list?.id ?? ''}')/tasks`, query.select)}/$entity`,
    ...shapeTask(ctx, item, query.select, expand, forceLinked),
  };
}

/** A task collection: `$filter`/`$orderby` over the JSON (extended properties included), then `$top`/`$skip`. */
function taskList(req: FastifyRequest, ctx: MailboxContext, items: Item[], contextPath: string) {
  const query = queryWithoutExpand(req);
  const expand = (req.query as { $expand?: string }).$expand;
  const env = taskEnv(ctx);
  const needsView = query.filter !== undefined || query.orderby !== undefined;
  const rows = items
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((item) => ({
      entity: needsView
        ? { ...renderTask(item, env), singleValueExtendedProperties: renderProperties(item.extendedProperties) }
        : {},
      source: item,
    }));
  const shaped = shapeCollection(rows, query, 10);
  return {
    '@odata.context': contextUrl(ctx, contextPath, query.select),
    ...(query.count ? { '@odata.count': shaped.total } : {}),
    value: shaped.page.map((row) => shapeTask(ctx, row.source, query.select, expand)),
    ...(shaped.nextSkip !== undefined
      ? { '@odata.nextLink': nextLinkWithSkip(ctx.baseUrl, req, shaped.nextSkip) }
      : {}),
  };
}

function tasksDelta(req: FastifyRequest, ctx: MailboxContext): DeltaResource {
  const list = listOf(req, ctx);
  return {
    code: 't',
    entityType: 'todoTask',
    scope: { folder: list },
    folderNum: list.num,
    linkPath: `${ctx.basePath}/todo/lists/${list.id}/tasks/delta`,
    render(num: number, state: DeltaState) {
      const item = ctx.mailbox.items.get(num);
      if (!item || item.folderNum !== list.num) return undefined;
      return shapeTask(ctx, item, state.sel, state.exp);
    },
    removedId: (change) => ctx.mailbox.itemId(change, ctx.idStyle),
  };
}

/** OData options of the request minus `$expand`, which is split by `expandOf`. */
function queryWithoutExpand(req: FastifyRequest) {
  const { $expand: _expand, ...rest } = req.query as Record<string, unknown>;
  return parseQuery({ query: rest } as unknown as FastifyRequest);
}
