import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Item, LinkedResource, TaskData } from '../../store/index.ts';
import { contextUrl } from '../collection.ts';
import { graphErrors } from '../errors.ts';
import { guard } from '../ids.ts';
import type { MailboxRouter } from '../mailbox-router.ts';
import type { MailboxContext } from '../request-context.ts';
import { taskOf } from './todo-context.ts';
import { readLinkedResource, renderLinkedResource } from './todo-mapper.ts';

/**
 * linkedResources of a task (`resources/linkedresource.md`, `api/todotask-post-linkedresources.md`,
 * `api/linkedresource-get.md`, `-update`, `-delete`): the app, external id and URL a task came from, which is
 * how sync clients correlate To Do tasks (todoTask has no extended properties; protocols.md §3.4). They live
 * on the task, so writing one is a write to the task (its etag rotates and task delta reports it).
 */
export function linkedResourceRoutes(r: MailboxRouter): void {
  const base = '/todo/lists/:listId/tasks/:id/linkedResources';
  r.get(base, 'tasks.read', (req, _reply, ctx) => ({
    '@odata.context': context(req, ctx),
    value: resources(taskOf(req, ctx)).map(renderLinkedResource),
  }));
  r.post(base, 'tasks.write', (req, reply, ctx) => {
    const task = taskOf(req, ctx);
    const created = readLinkedResource(req.body, randomUUID());
    guard(() => ctx.mailbox.updateItem(task, { linkedResources: [...resources(task), created] }));
    reply.code(201);
    return { '@odata.context': `${context(req, ctx)}/$entity`, ...renderLinkedResource(created) };
  });
  r.get(`${base}/:resourceId`, 'tasks.read', (req, _reply, ctx) => ({
    '@odata.context': `${context(req, ctx)}/$entity`,
    ...renderLinkedResource(find(req, taskOf(req, ctx))),
  }));
  r.patch(`${base}/:resourceId`, 'tasks.write', (req, _reply, ctx) => {
    const task = taskOf(req, ctx);
    const current = find(req, task);
    const updated = readLinkedResource(req.body, current.id, current);
    guard(() =>
      ctx.mailbox.updateItem(task, {
        linkedResources: resources(task).map((x) => (x.id === current.id ? updated : x)),
      }),
    );
    return { '@odata.context': `${context(req, ctx)}/$entity`, ...renderLinkedResource(updated) };
  });
  r.delete(`${base}/:resourceId`, 'tasks.write', (req, reply, ctx) => {
    const task = taskOf(req, ctx);
    const current = find(req, task);
    guard(() => ctx.mailbox.updateItem(task, { linkedResources: resources(task).filter((x) => x.id !== current.id) }));
    return reply.code(204).send();
  });
}

function resources(task: Item): LinkedResource[] {
  return (task.data as TaskData).linkedResources ?? [];
}

function find(req: FastifyRequest, task: Item): LinkedResource {
  const id = (req.params as { resourceId: string }).resourceId;
  const found = resources(task).find((x) => x.id === id);
  if (!found) throw graphErrors.itemNotFound();
  return found;
}

function context(req: FastifyRequest, ctx: MailboxContext): string {
  const p = req.params as { listId: string; id: string };
  return contextUrl(ctx, `/todo/lists('${p.listId}')/tasks('${p.id}')/linkedResources`);
}
