import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Folder, Item, MessageData } from '../store/index.ts';
import { type ItemListSpec, listItems, shapeEntity, singleItem } from './collection.ts';
import { type DeltaResource, serveDelta } from './delta.ts';
import { graphErrors } from './errors.ts';
import { findFolder, findItem, guard, renderEnv } from './ids.ts';
import type { MailboxRouter } from './mailbox-router.ts';
import { conversationIdFor, readMessageBody, renderMessage } from './message-mapper.ts';
import { parseExpandList } from './odata-query.ts';
import { ifMatchChangeKey, type MailboxContext } from './request-context.ts';

/**
 * Messages: `/messages` (every mail folder) and `/mailFolders/{id}/messages` (one folder), with get,
 * create (a draft; `user-post-messages.md`), update, delete, move, copy and per-folder delta
 * (`message-delta.md`). Delta is also reachable as `delta()` (Kiota SDKs) and `microsoft.graph.delta`.
 */
export function messageRoutes(r: MailboxRouter): void {
  r.get('/messages', 'mail.read', (req, _reply, ctx) =>
    listItems(req, ctx, listSpec(ctx, mailItems(ctx), '/messages')),
  );
  r.post('/messages', 'mail.write', (req, reply, ctx) =>
    createMessage(req, reply, ctx, ctx.mailbox.wellKnownFolder('drafts')),
  );
  r.get('/messages/:id', 'mail.read', (req, _reply, ctx) => getMessage(req, ctx));
  r.patch('/messages/:id', 'mail.write', (req, _reply, ctx) => patchMessage(req, ctx));
  r.delete('/messages/:id', 'mail.write', (req, reply, ctx) => deleteMessage(req, reply, ctx));
  r.post('/messages/:id/move', 'mail.write', (req, reply, ctx) => moveOrCopy(req, reply, ctx, 'move'));
  r.post('/messages/:id/copy', 'mail.write', (req, reply, ctx) => moveOrCopy(req, reply, ctx, 'copy'));

  const inFolder = '/mailFolders/:folderId/messages';
  r.get(inFolder, 'mail.read', (req, _reply, ctx) => {
    const folder = folderOf(req, ctx);
    const path = `/mailFolders('${folder.id}')/messages`;
    return listItems(req, ctx, listSpec(ctx, ctx.mailbox.listItems(folder, delayOf(ctx)), path));
  });
  r.post(inFolder, 'mail.write', (req, reply, ctx) => createMessage(req, reply, ctx, folderOf(req, ctx)));
  for (const fn of ['delta', 'delta()', 'microsoft.graph.delta']) {
    r.get(`${inFolder}/${fn}`, 'mail.read', (req, reply, ctx) =>
      serveDelta(req, reply, ctx, deltaResource(ctx, folderOf(req, ctx))),
    );
  }
  r.get(`${inFolder}/:id`, 'mail.read', (req, _reply, ctx) => getMessage(req, ctx, folderOf(req, ctx)));
  r.patch(`${inFolder}/:id`, 'mail.write', (req, _reply, ctx) => patchMessage(req, ctx, folderOf(req, ctx)));
  r.delete(`${inFolder}/:id`, 'mail.write', (req, reply, ctx) => deleteMessage(req, reply, ctx, folderOf(req, ctx)));
}

/** The message behind `:id` (optionally required to be in `folder`). */
export function messageOf(req: FastifyRequest, ctx: MailboxContext, folder?: Folder): Item {
  return findItem(ctx, (req.params as { id: string }).id, 'message', folder);
}

function folderOf(req: FastifyRequest, ctx: MailboxContext): Folder {
  return findFolder(ctx, (req.params as { folderId: string }).folderId, 'mail');
}

function delayOf(ctx: MailboxContext): number | undefined {
  return ctx.options.config().replicationDelayMs;
}

function mailItems(ctx: MailboxContext): Item[] {
  const out: Item[] = [];
  for (const folder of ctx.mailbox.folders.values()) {
    if (folder.kind === 'mail') out.push(...ctx.mailbox.listItems(folder, delayOf(ctx)));
  }
  return out;
}

export function listSpec(ctx: MailboxContext, items: Item[], contextPath: string, odataType?: string): ItemListSpec {
  const env = { ...renderEnv(ctx, 'message'), ...(odataType ? { odataType } : {}) };
  return {
    items,
    contextPath,
    render: (item, select) => renderMessage(item, env, select),
    defaultOrder: (a, b) => receivedAt(b) - receivedAt(a),
    basic: env.basic ?? false,
  };
}

function receivedAt(item: Item): number {
  const r = (item.data as MessageData).receivedDateTime;
  return r ? Date.parse(r) : item.createdAt;
}

function getMessage(req: FastifyRequest, ctx: MailboxContext, folder?: Folder) {
  return singleItem(req, ctx, messageOf(req, ctx, folder), listSpec(ctx, [], '/messages'));
}

function createMessage(req: FastifyRequest, reply: FastifyReply, ctx: MailboxContext, folder: Folder) {
  const { data, side } = readMessageBody(req.body, 'create');
  const payload: Partial<MessageData> = {
    isDraft: true,
    isRead: true,
    importance: 'normal',
    ...data,
    conversationId: conversationIdFor(data.subject ?? ''),
  };
  const item = guard(() => ctx.mailbox.createItem(folder, 'message', payload, side));
  reply.code(201);
  return singleItem(req, ctx, item, listSpec(ctx, [], '/messages'));
}

function patchMessage(req: FastifyRequest, ctx: MailboxContext, folder?: Folder) {
  const item = messageOf(req, ctx, folder);
  const { data, side } = readMessageBody(req.body, 'update');
  const ifChangeKey = ifMatchChangeKey(req);
  guard(() => ctx.mailbox.updateItem(item, data, { ...side, ...(ifChangeKey ? { ifChangeKey } : {}) }));
  return singleItem(req, ctx, item, listSpec(ctx, [], '/messages'));
}

function deleteMessage(req: FastifyRequest, reply: FastifyReply, ctx: MailboxContext, folder?: Folder) {
  const item = messageOf(req, ctx, folder);
  const ifChangeKey = ifMatchChangeKey(req);
  guard(() => ctx.mailbox.deleteItem(item, ifChangeKey ? { ifChangeKey } : {}));
  return reply.code(204).send();
}

/** `POST /messages/{id}/move|copy {destinationId}` → 201 with the message in its new folder (new default id). */
function moveOrCopy(req: FastifyRequest, reply: FastifyReply, ctx: MailboxContext, op: 'move' | 'copy') {
  const item = messageOf(req, ctx);
  const destinationId = (req.body as { destinationId?: unknown } | undefined)?.destinationId;
  if (typeof destinationId !== 'string' || !destinationId)
    throw graphErrors.badRequest("The property 'destinationId' is required.");
  const dest = findFolder(ctx, destinationId, 'mail');
  const result = guard(() => (op === 'move' ? ctx.mailbox.moveItem(item, dest) : ctx.mailbox.copyItem(item, dest)));
  reply.code(201);
  return singleItem(req, ctx, result, listSpec(ctx, [], '/messages'));
}

function deltaResource(ctx: MailboxContext, folder: Folder): DeltaResource {
  const spec = listSpec(ctx, [], '/messages', '#microsoft.graph.message');
  return {
    code: 'm',
    entityType: 'message',
    scope: { folder },
    folderNum: folder.num,
    linkPath: `${ctx.basePath}/mailFolders/${folder.id}/messages/delta`,
    render(num, state) {
      const item = ctx.mailbox.items.get(num);
      if (!item || item.folderNum !== folder.num) return undefined;
      return shapeEntity(item, spec, state.sel, state.exp ? parseExpandList(state.exp) : []);
    },
    removedId: (change) => ctx.mailbox.itemId(change, ctx.idStyle),
    receivedAt(num) {
      const item = ctx.mailbox.items.get(num);
      return item ? receivedAt(item) : undefined;
    },
  };
}
