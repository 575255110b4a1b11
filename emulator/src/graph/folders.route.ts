import type { FastifyReply, FastifyRequest } from 'fastify';
import { encodeFolderId, type Folder, type Mailbox } from '../store/index.ts';
import { contextUrl } from './collection.ts';
import { type DeltaResource, serveDelta } from './delta.ts';
import { graphErrors } from './errors.ts';
import { assertUniqueName, readFolderBody, renderContactFolder, renderMailFolder } from './folder-mapper.ts';
import { findFolder, guard } from './ids.ts';
import type { MailboxRouter } from './mailbox-router.ts';
import { applySelect, nextLinkWithSkip, parseQuery, shapeCollection } from './odata-query.ts';
import type { Access } from './permissions.ts';
import type { MailboxContext } from './request-context.ts';

/**
 * mailFolders and contactFolders share one shape of routes: list the top level, get/update/delete one,
 * list/create child folders, and a hierarchy delta. What differs is captured in `FolderFlavor`:
 * - mail: the top level is the children of `msgfolderroot` (`user-list-mailfolders.md`);
 * - contacts: `POST /contactFolders` creates below the default Contacts folder, and `GET /contactFolders`
 *   lists that folder's children, not the default folder itself (protocols.md §3.1: take its id from a
 *   contact's parentFolderId; the well-known name `contacts` also resolves it here).
 */
interface FolderFlavor {
  segment: 'mailFolders' | 'contactFolders';
  kind: 'mail' | 'contacts';
  entityType: 'mailFolder' | 'contactFolder';
  deltaCode: 'mf' | 'cf';
  read: Access;
  write: Access;
  top(mailbox: Mailbox): Folder;
  render(folder: Folder, mailbox: Mailbox): Record<string, unknown>;
}

const MAIL: FolderFlavor = {
  segment: 'mailFolders',
  kind: 'mail',
  entityType: 'mailFolder',
  deltaCode: 'mf',
  read: 'mail.read',
  write: 'mail.write',
  top: (mb) => mb.root,
  render: renderMailFolder,
};

const CONTACTS: FolderFlavor = {
  segment: 'contactFolders',
  kind: 'contacts',
  entityType: 'contactFolder',
  deltaCode: 'cf',
  read: 'contacts.read',
  write: 'contacts.write',
  top: (mb) => mb.wellKnownFolder('contacts'),
  render: renderContactFolder,
};

export function mailFolderRoutes(r: MailboxRouter): void {
  folderRoutes(r, MAIL);
}

export function contactFolderRoutes(r: MailboxRouter): void {
  folderRoutes(r, CONTACTS);
}

function folderRoutes(r: MailboxRouter, f: FolderFlavor): void {
  const base = `/${f.segment}`;
  r.get(base, f.read, (req, _reply, ctx) => list(req, ctx, f, f.top(ctx.mailbox), base));
  r.post(base, f.write, (req, reply, ctx) => create(req, reply, ctx, f, f.top(ctx.mailbox)));
  for (const fn of ['delta', 'delta()', 'microsoft.graph.delta']) {
    r.get(`${base}/${fn}`, f.read, (req, reply, ctx) => serveDelta(req, reply, ctx, hierarchyDelta(ctx, f)));
  }
  r.get(`${base}/:folderId`, f.read, (req, _reply, ctx) => {
    const folder = folderOf(req, ctx, f);
    return {
      '@odata.context': `${contextUrl(ctx, base)}/$entity`,
      ...applySelect(f.render(folder, ctx.mailbox), parseQuery(req).select),
    };
  });
  r.patch(`${base}/:folderId`, f.write, (req, _reply, ctx) => {
    const folder = folderOf(req, ctx, f);
    if (folder.wellKnownName) throw graphErrors.accessDenied();
    const { displayName, hidden, side } = readFolderBody(req.body, f.kind, 'update');
    if (displayName !== undefined && folder.parentNum !== null)
      assertUniqueName(ctx.mailbox, folder.parentNum, displayName, folder.num);
    if (hidden !== undefined) folder.hidden = hidden;
    guard(() => ctx.mailbox.updateFolder(folder, displayName !== undefined ? { displayName } : {}));
    if (side.extendedProperties.length) ctx.mailbox.setFolderExtendedProperties(folder, side.extendedProperties);
    return { '@odata.context': `${contextUrl(ctx, base)}/$entity`, ...f.render(folder, ctx.mailbox) };
  });
  r.delete(`${base}/:folderId`, f.write, (req, reply, ctx) => {
    const folder = folderOf(req, ctx, f);
    if (folder.wellKnownName) throw graphErrors.accessDenied();
    guard(() => ctx.mailbox.deleteFolder(folder));
    return reply.code(204).send();
  });
  r.get(`${base}/:folderId/childFolders`, f.read, (req, _reply, ctx) => {
    const folder = folderOf(req, ctx, f);
    return list(req, ctx, f, folder, `${base}('${folder.id}')/childFolders`);
  });
  r.post(`${base}/:folderId/childFolders`, f.write, (req, reply, ctx) =>
    create(req, reply, ctx, f, folderOf(req, ctx, f)),
  );
  if (f.kind === 'mail') {
    r.post(`${base}/:folderId/move`, f.write, (req, reply, ctx) => {
      const folder = folderOf(req, ctx, f);
      const dest = (req.body as { destinationId?: unknown } | undefined)?.destinationId;
      if (typeof dest !== 'string') throw graphErrors.badRequest("The property 'destinationId' is required.");
      const target = findFolder(ctx, dest, f.kind);
      assertUniqueName(ctx.mailbox, target.num, folder.displayName, folder.num);
      guard(() => ctx.mailbox.updateFolder(folder, { parentNum: target.num }));
      reply.code(201);
      return { '@odata.context': `${contextUrl(ctx, base)}/$entity`, ...f.render(folder, ctx.mailbox) };
    });
  }
}

function folderOf(req: FastifyRequest, ctx: MailboxContext, f: FolderFlavor): Folder {
  return findFolder(ctx, (req.params as { folderId: string }).folderId, f.kind);
}

function list(req: FastifyRequest, ctx: MailboxContext, f: FolderFlavor, parent: Folder, contextPath: string) {
  const query = parseQuery(req);
  const includeHidden = (req.query as { includeHiddenFolders?: string }).includeHiddenFolders === 'true';
  const children = ctx.mailbox
    .childFolders(parent.num)
    .filter((c) => c.kind === f.kind && (includeHidden || !c.hidden))
    .map((c) => ({ entity: f.render(c, ctx.mailbox), source: c }));
  const shaped = shapeCollection(children, query, 10);
  return {
    '@odata.context': contextUrl(ctx, contextPath),
    ...(query.count ? { '@odata.count': shaped.total } : {}),
    value: shaped.page.map((row) => applySelect(row.entity, query.select)),
    ...(shaped.nextSkip !== undefined
      ? { '@odata.nextLink': nextLinkWithSkip(ctx.baseUrl, req, shaped.nextSkip) }
      : {}),
  };
}

function create(req: FastifyRequest, reply: FastifyReply, ctx: MailboxContext, f: FolderFlavor, parent: Folder) {
  const { displayName, hidden, side } = readFolderBody(req.body, f.kind, 'create');
  assertUniqueName(ctx.mailbox, parent.num, displayName as string);
  const folder = ctx.mailbox.createFolder(parent.num, displayName as string, f.kind, { hidden: hidden ?? false });
  if (side.extendedProperties.length) ctx.mailbox.setFolderExtendedProperties(folder, side.extendedProperties);
  reply.code(201);
  return { '@odata.context': `${contextUrl(ctx, `/${f.segment}`)}/$entity`, ...f.render(folder, ctx.mailbox) };
}

/** `mailFolders/delta` / `contactFolders/delta`: the whole tree below the flavor's top folder, flattened. */
function hierarchyDelta(ctx: MailboxContext, f: FolderFlavor): DeltaResource {
  const top = f.top(ctx.mailbox);
  const inTree = (num: number): boolean => {
    for (let folder = ctx.mailbox.folders.get(num); folder; folder = ctx.mailbox.folders.get(folder.parentNum ?? -1)) {
      if (folder.parentNum === top.num) return folder.kind === f.kind;
    }
    return false;
  };
  return {
    code: f.deltaCode,
    entityType: f.entityType,
    scope: { hierarchy: f.kind },
    folderNum: 0,
    linkPath: `${ctx.basePath}/${f.segment}/delta`,
    include: inTree,
    render(num, state) {
      const folder = ctx.mailbox.folders.get(num);
      return folder && inTree(num) ? applySelect(f.render(folder, ctx.mailbox), state.sel) : undefined;
    },
    removedId: (change) => encodeFolderId(ctx.mailbox.guid, change.num),
  };
}
