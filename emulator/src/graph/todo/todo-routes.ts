import type { MailboxRouter } from '../mailbox-router.ts';
import { linkedResourceRoutes } from './linked-resources.route.ts';
import { todoListRoutes } from './todo-lists.route.ts';
import { todoTaskRoutes } from './todo-tasks.route.ts';

/** Registers Microsoft To Do (`resources/todo-overview.md`): lists, tasks, linkedResources, extensions, delta. */
export function todoFeatureRoutes(r: MailboxRouter): void {
  todoListRoutes(r);
  todoTaskRoutes(r);
  linkedResourceRoutes(r);
}
