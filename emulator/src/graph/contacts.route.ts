import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Folder, Item } from '../store/index.ts';
import { type ItemListSpec, listItems, shapeEntity, singleItem } from './collection.ts';
import { readContactBody, renderContact } from './contact-mapper.ts';
import { type DeltaResource, serveDelta } from './delta.ts';
import { findFolder, findItem, guard, renderEnv } from './ids.ts';
import type { MailboxRouter } from './mailbox-router.ts';
import { parseExpandList } from './odata-query.ts';
import { ifMatchChangeKey, type MailboxContext } from './request-context.ts';

/**
 * Personal contacts (`resources/contact.md`): `/contacts` is the default Contacts folder
 * (`user-list-contacts.md`), `/contactFolders/{id}/contacts` any folder; get/create/update/delete, and a
 * per-folder delta (`contact-delta.md`).
 */
export function contactRoutes(r: MailboxRouter): void {
  r.get('/contacts', 'contacts.read', (req, _reply, ctx) => {
    const folder = ctx.mailbox.wellKnownFolder('contacts');
    return listItems(req, ctx, spec(ctx, ctx.mailbox.listItems(folder, delayOf(ctx)), '/contacts'));
  });
  r.post('/contacts', 'contacts.write', (req, reply, ctx) =>
    create(req, reply, ctx, ctx.mailbox.wellKnownFolder('contacts')),
  );
  r.get('/contacts/:id', 'contacts.read', (req, _reply, ctx) =>
    singleItem(req, ctx, contactOf(req, ctx), spec(ctx, [], '/contacts')),
  );
  r.patch('/contacts/:id', 'contacts.write', (req, _reply, ctx) => patch(req, ctx));
  r.delete('/contacts/:id', 'contacts.write', (req, reply, ctx) => remove(req, reply, ctx));

  const inFolder = '/contactFolders/:folderId/contacts';
  r.get(inFolder, 'contacts.read', (req, _reply, ctx) => {
    const folder = folderOf(req, ctx);
    const items = ctx.mailbox.listItems(folder, delayOf(ctx));
    return listItems(req, ctx, spec(ctx, items, `/contactFolders('${folder.id}')/contacts`));
  });
  r.post(inFolder, 'contacts.write', (req, reply, ctx) => create(req, reply, ctx, folderOf(req, ctx)));
  for (const fn of ['delta', 'delta()', 'microsoft.graph.delta']) {
    r.get(`${inFolder}/${fn}`, 'contacts.read', (req, reply, ctx) =>
      serveDelta(req, reply, ctx, deltaResource(ctx, folderOf(req, ctx))),
    );
  }
  r.get(`${inFolder}/:id`, 'contacts.read', (req, _reply, ctx) =>
    singleItem(req, ctx, contactOf(req, ctx, folderOf(req, ctx)), spec(ctx, [], '/contacts')),
  );
  r.patch(`${inFolder}/:id`, 'contacts.write', (req, _reply, ctx) => patch(req, ctx, folderOf(req, ctx)));
  r.delete(`${inFolder}/:id`, 'contacts.write', (req, reply, ctx) => remove(req, reply, ctx, folderOf(req, ctx)));
}

export function contactOf(req: FastifyRequest, ctx: MailboxContext, folder?: Folder): Item {
  return findItem(ctx, (req.params as { id: string }).id, 'contact', folder);
}

function folderOf(req: FastifyRequest, ctx: MailboxContext): Folder {
  return findFolder(ctx, (req.params as { folderId: string }).folderId, 'contacts');
}

function delayOf(ctx: MailboxContext): number | undefined {
  return ctx.options.config().replicationDelayMs;
}

function spec(ctx: MailboxContext, items: Item[], contextPath: string, odataType?: string): ItemListSpec {
  const env = { ...renderEnv(ctx, 'contact'), ...(odataType ? { odataType } : {}) };
  return { items, contextPath, render: (item) => renderContact(item, env) };
}

function create(req: FastifyRequest, reply: FastifyReply, ctx: MailboxContext, folder: Folder) {
  const { data, side } = readContactBody(req.body, 'create');
  const item = guard(() => ctx.mailbox.createItem(folder, 'contact', data, side));
  reply.code(201);
  return singleItem(req, ctx, item, spec(ctx, [], '/contacts'));
}

function patch(req: FastifyRequest, ctx: MailboxContext, folder?: Folder) {
  const item = contactOf(req, ctx, folder);
  const { data, side } = readContactBody(req.body, 'update');
  const ifChangeKey = ifMatchChangeKey(req);
  guard(() => ctx.mailbox.updateItem(item, data, { ...side, ...(ifChangeKey ? { ifChangeKey } : {}) }));
  return singleItem(req, ctx, item, spec(ctx, [], '/contacts'));
}

function remove(req: FastifyRequest, reply: FastifyReply, ctx: MailboxContext, folder?: Folder) {
  const item = contactOf(req, ctx, folder);
  const ifChangeKey = ifMatchChangeKey(req);
  guard(() => ctx.mailbox.deleteItem(item, ifChangeKey ? { ifChangeKey } : {}));
  return reply.code(204).send();
}

function deltaResource(ctx: MailboxContext, folder: Folder): DeltaResource {
  const s = spec(ctx, [], '/contacts', '#microsoft.graph.contact');
  return {
    code: 'c',
    entityType: 'contact',
    scope: { folder },
    folderNum: folder.num,
    linkPath: `${ctx.basePath}/contactFolders/${folder.id}/contacts/delta`,
    render(num, state) {
      const item = ctx.mailbox.items.get(num);
      if (!item || item.folderNum !== folder.num) return undefined;
      return shapeEntity(item, s, state.sel, state.exp ? parseExpandList(state.exp) : []);
    },
    removedId: (change) => ctx.mailbox.itemId(change, ctx.idStyle),
  };
}
