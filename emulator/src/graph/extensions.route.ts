import type { FastifyRequest } from 'fastify';
import { GraphError } from '../contracts.ts';
import type { Item } from '../store/index.ts';
import { contextUrl } from './collection.ts';
import { contactOf } from './contacts.route.ts';
import { graphErrors } from './errors.ts';
import { guard } from './ids.ts';
import type { MailboxRouter } from './mailbox-router.ts';
import { messageOf } from './messages.route.ts';
import { evaluateFilter } from './odata-filter.ts';
import { parseQuery } from './odata-query.ts';
import { extensionNameOf, parseExtensionBody, renderExtension } from './outlook-item-mapper.ts';
import type { Access } from './permissions.ts';
import type { MailboxContext } from './request-context.ts';

/**
 * Open extensions on messages and contacts (`opentypeextension-post-opentypeextension.md`,
 * `-get-`, `-update-`, `-delete-`): `/{messages|contacts}/{id}/extensions[/{extensionId}]`. The id is
 * `Microsoft.OutlookServices.OpenTypeExtension.{extensionName}`; the bare name is accepted too.
 * Writing an extension is a write to the item, so its change key rotates.
 */
export function extensionRoutes(r: MailboxRouter): void {
  const targets: ExtensionTarget[] = [
    { segment: 'messages', read: 'mail.read', write: 'mail.write', find: (req, ctx) => messageOf(req, ctx) },
    { segment: 'contacts', read: 'contacts.read', write: 'contacts.write', find: (req, ctx) => contactOf(req, ctx) },
  ];
  for (const t of targets) openExtensionRoutes(r, t);
}

/** An item resource with open extensions at `/{segment}/:id/extensions` (events and To Do tasks reuse this). */
export interface ExtensionTarget {
  segment: string;
  read: Access;
  write: Access;
  find: (req: FastifyRequest, ctx: MailboxContext) => Item;
}

/** Registers the open extension routes of one target. */
export function openExtensionRoutes(r: MailboxRouter, t: ExtensionTarget): void {
  const base = `/${t.segment}/:id/extensions`;
  r.get(base, t.read, (req, _reply, ctx) => {
    const item = t.find(req, ctx);
    const query = parseQuery(req);
    const all = [...item.extensions.values()].map(renderExtension);
    const value = query.filter ? all.filter((e) => evaluateFilter(query.filter as never, e)) : all;
    return {
      '@odata.context': contextUrl(ctx, `/${t.segment}('${(req.params as { id: string }).id}')/extensions`),
      value,
    };
  });
  r.post(base, t.write, (req, reply, ctx) => {
    const item = t.find(req, ctx);
    const ext = parseExtensionBody(req.body);
    if (item.extensions.has(ext.extensionName)) {
      throw new GraphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
    }
    guard(() => ctx.mailbox.updateItem(item, {}, { extensions: [ext] }));
    reply.code(201);
    return renderExtension(ext);
  });
  r.get(`${base}/:extensionId`, t.read, (req, _reply, ctx) => renderExtension(existing(req, t.find(req, ctx))));
  r.patch(`${base}/:extensionId`, t.write, (req, _reply, ctx) => {
    const item = t.find(req, ctx);
    const ext = existing(req, item);
    const update = parseExtensionBody({ ...(req.body as object), extensionName: ext.extensionName });
    const merged = { extensionName: ext.extensionName, fields: { ...ext.fields, ...update.fields } };
    guard(() => ctx.mailbox.updateItem(item, {}, { extensions: [merged] }));
    return renderExtension(merged);
  });
  r.delete(`${base}/:extensionId`, t.write, (req, reply, ctx) => {
    const item = t.find(req, ctx);
    const ext = existing(req, item);
    guard(() => ctx.mailbox.updateItem(item, {}, { extensions: [{ extensionName: ext.extensionName, fields: null }] }));
    return reply.code(204).send();
  });
}

function existing(req: FastifyRequest, item: Item) {
  const name = extensionNameOf((req.params as { extensionId: string }).extensionId);
  const ext = item.extensions.get(name);
  if (!ext) throw graphErrors.itemNotFound();
  return ext;
}
