import { encodeFolderId } from '../../store/index.ts';
import { contextUrl } from '../collection.ts';
import { type DeltaResource, serveDelta } from '../delta.ts';
import { graphErrors } from '../errors.ts';
import { assertUniqueName } from '../folder-mapper.ts';
import { guard } from '../ids.ts';
import type { MailboxRouter } from '../mailbox-router.ts';
import { applySelect, nextLinkWithSkip, parseQuery, shapeCollection } from '../odata-query.ts';
import { readBody } from '../outlook-item-mapper.ts';
import type { MailboxContext } from '../request-context.ts';
import { allLists, assertRemovable, listOf } from './todo-context.ts';
import { renderList } from './todo-mapper.ts';

/**
 * To Do lists (`resources/todotasklist.md`): `GET/POST /todo/lists`, `GET/PATCH/DELETE /todo/lists/{id}` and
 * `GET /todo/lists/delta` (`api/todotasklist-delta.md`) over the mailbox's task folders.
 */
export function todoListRoutes(r: MailboxRouter): void {
  r.get('/todo/lists', 'tasks.read', (req, _reply, ctx) => {
    const query = parseQuery(req);
    const shaped = shapeCollection(
      allLists(ctx).map((f) => ({ entity: renderList(f), source: f })),
      query,
      100,
    );
    return {
      '@odata.context': contextUrl(ctx, '/todo/lists', query.select),
      value: shaped.page.map((row) => applySelect(row.entity, query.select)),
      ...(shaped.nextSkip !== undefined
        ? { '@odata.nextLink': nextLinkWithSkip(ctx.baseUrl, req, shaped.nextSkip) }
        : {}),
    };
  });
  r.post('/todo/lists', 'tasks.write', (req, reply, ctx) => {
    const name = readListName(req.body, true) as string;
    assertUniqueName(ctx.mailbox, ctx.mailbox.root.num, name);
    const folder = ctx.mailbox.createFolder(ctx.mailbox.root.num, name, 'tasks');
    reply.code(201);
    return { '@odata.context': `${contextUrl(ctx, '/todo/lists')}/$entity`, ...renderList(folder) };
  });
  for (const fn of ['delta', 'delta()', 'microsoft.graph.delta']) {
    r.get(`/todo/lists/${fn}`, 'tasks.read', (req, reply, ctx) => serveDelta(req, reply, ctx, listsDelta(ctx)));
  }
  r.get('/todo/lists/:listId', 'tasks.read', (req, _reply, ctx) => ({
    '@odata.context': `${contextUrl(ctx, '/todo/lists')}/$entity`,
    ...applySelect(renderList(listOf(req, ctx)), parseQuery(req).select),
  }));
  r.patch('/todo/lists/:listId', 'tasks.write', (req, _reply, ctx) => {
    const list = listOf(req, ctx);
    const name = readListName(req.body, false);
    if (name !== undefined) {
      if (list.parentNum !== null) assertUniqueName(ctx.mailbox, list.parentNum, name, list.num);
      guard(() => ctx.mailbox.updateFolder(list, { displayName: name }));
    }
    return { '@odata.context': `${contextUrl(ctx, '/todo/lists')}/$entity`, ...renderList(list) };
  });
  r.delete('/todo/lists/:listId', 'tasks.write', (req, reply, ctx) => {
    const list = listOf(req, ctx);
    assertRemovable(list);
    guard(() => ctx.mailbox.deleteFolder(list));
    return reply.code(204).send();
  });
}

function readListName(body: unknown, required: boolean): string | undefined {
  const readOnly = new Set(['id', 'isOwner', 'isShared', 'wellknownListName']);
  const { fields } = readBody(body, new Set(['displayName']), readOnly, 'microsoft.graph.todoTaskList');
  const name = fields.displayName;
  if (name === undefined && required) throw graphErrors.badRequest("The property 'displayName' is required.");
  if (name !== undefined && (typeof name !== 'string' || !name.trim()))
    throw graphErrors.badRequest("Invalid value for property 'displayName'.");
  return name as string | undefined;
}

function listsDelta(ctx: MailboxContext): DeltaResource {
  const isList = (num: number) => ctx.mailbox.folders.get(num)?.kind === 'tasks';
  return {
    code: 'tl',
    entityType: 'todoTaskList',
    scope: { hierarchy: 'tasks' },
    folderNum: 0,
    linkPath: `${ctx.basePath}/todo/lists/delta`,
    include: isList,
    render(num, state) {
      const folder = ctx.mailbox.folders.get(num);
      return folder && folder.kind === 'tasks' ? applySelect(renderList(folder), state.sel) : undefined;
    },
    removedId: (change) => encodeFolderId(ctx.mailbox.guid, change.num),
  };
}
