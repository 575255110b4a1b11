import { type Folder, type FolderKind, type Item, type ItemKind, StoreError } from '../store/index.ts';
import { fromStoreError, graphErrors } from './errors.ts';
import type { RenderEnv } from './outlook-item-mapper.ts';
import { isBasicMailOnly } from './permissions.ts';
import type { MailboxContext } from './request-context.ts';

/**
 * Id handling for Outlook resources. Graph accepts either id surface in URLs, whatever the request's
 * `Prefer: IdType` (that header only chooses which ids responses carry; `outlook-immutable-id.md`).
 * An item of another kind behind the id is "not found" for this resource.
 */

export function findItem(ctx: MailboxContext, id: string, kind: ItemKind, inFolder?: Folder): Item {
  const item = guard(() => ctx.mailbox.item(id));
  if (item.kind !== kind || (inFolder && item.folderNum !== inFolder.num)) throw graphErrors.itemNotFound();
  return item;
}

/** A folder by id or well-known name; it must be of `kind` (a contacts folder is no mailFolder). */
export function findFolder(ctx: MailboxContext, ref: string, kind: FolderKind): Folder {
  const folder = guard(() => ctx.mailbox.folder(ref));
  if (folder.kind !== kind) throw graphErrors.itemNotFound();
  return folder;
}

export function renderEnv(ctx: MailboxContext, kind: ItemKind): RenderEnv {
  return {
    mailbox: ctx.mailbox,
    idStyle: ctx.idStyle,
    ...(ctx.prefer.bodyContentType ? { bodyType: ctx.prefer.bodyContentType } : {}),
    basic: kind === 'message' && isBasicMailOnly(ctx.principal, ctx.owner.id),
  };
}

/** Runs a store call, translating its errors to Graph's once. */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StoreError) throw fromStoreError(err);
    throw err;
  }
}
