import type { FastifyRequest } from 'fastify';
import type { Folder, Item } from '../../store/index.ts';
import { graphErrors } from '../errors.ts';
import { findFolder, findItem } from '../ids.ts';
import type { MailboxContext } from '../request-context.ts';
import type { TaskRenderEnv } from './todo-mapper.ts';

/** Request helpers shared by the To Do routes. */

/** The list behind `:listId`: a task folder by id (the default list also as `tasks`). */
export function listOf(req: FastifyRequest, ctx: MailboxContext): Folder {
  return findFolder(ctx, (req.params as { listId: string }).listId, 'tasks');
}

/** The task behind `:id` in the list behind `:listId`. */
export function taskOf(req: FastifyRequest, ctx: MailboxContext): Item {
  const list = listOf(req, ctx);
  return findItem(ctx, (req.params as { id: string }).id, 'task', list);
}

/** Lists: the default task folder first, then the other task folders by creation. */
export function allLists(ctx: MailboxContext): Folder[] {
  return [...ctx.mailbox.folders.values()]
    .filter((f) => f.kind === 'tasks' && !f.hidden)
    .sort((a, b) => (a.wellKnownName === 'tasks' ? -1 : b.wellKnownName === 'tasks' ? 1 : a.num - b.num));
}

export function taskEnv(ctx: MailboxContext, withLinkedResources = false): TaskRenderEnv {
  return {
    mailbox: ctx.mailbox,
    idStyle: ctx.idStyle,
    ...(ctx.prefer.timeZone ? { timeZone: ctx.prefer.timeZone } : {}),
    withLinkedResources,
  };
}

/** A list can only be renamed; the default list cannot be deleted (`api/todotasklist-delete.md`). */
export function assertRemovable(list: Folder): void {
  if (list.wellKnownName) throw graphErrors.accessDenied();
}
