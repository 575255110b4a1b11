import { randomUUID } from 'node:crypto';
import type { TodoTask, TodoTaskList } from '@microsoft/microsoft-graph-types';
import type { Folder, IdStyle, Item, LinkedResource, Mailbox, TaskData } from '../../store/index.ts';
import { parseRecurrence } from '../calendar/event-body-reader.ts';
import { renderRecurrence } from '../calendar/event-mapper.ts';
import { instantOf, readDateTimeTimeZone, renderInstant, responseZone } from '../calendar/event-time.ts';
import { graphErrors } from '../errors.ts';
import { asBoolean, asString, asStringArray, readBody, type SideWrites } from '../outlook-item-mapper.ts';
import { etag } from '../request-context.ts';

/**
 * To Do lists and tasks (`resources/todotasklist.md`, `resources/todotask.md`, `resources/linkedresource.md`).
 * Lists are the mailbox's task folders (the default one is `wellknownListName: defaultList`); tasks are task
 * items. To Do leaves unset properties out of its JSON instead of sending nulls, and writes timestamps
 * with seven fractional digits.
 */

/** To Do's timestamp form, e.g. `2020-08-18T09:03:05.8339192Z`. */
export function todoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '0000Z');
}

export function renderList(folder: Folder): Record<string, unknown> {
  const out: TodoTaskList & { '@odata.etag': string } = {
    '@odata.etag': etag(folder.changeKey),
    displayName: folder.displayName,
    isOwner: true,
    isShared: false,
    wellknownListName: folder.wellKnownName === 'tasks' ? 'defaultList' : 'none',
    id: folder.id,
  };
  return out as unknown as Record<string, unknown>;
}

export interface TaskRenderEnv {
  mailbox: Mailbox;
  idStyle: IdStyle;
  timeZone?: string;
  /** `$expand=linkedResources`, or a create that carried them inline (todotasklist-post-tasks.md example). */
  withLinkedResources?: boolean;
}

export function renderTask(item: Item, env: TaskRenderEnv): Record<string, unknown> {
  const d = item.data as TaskData;
  const zone = responseZone(env.timeZone);
  const when = (v: TaskData['dueDateTime']) => (v ? renderInstant(instantOf(v), zone) : undefined);
  const out: TodoTask & { '@odata.etag': string } = {
    '@odata.etag': etag(item.changeKey),
    importance: d.importance ?? 'normal',
    isReminderOn: d.isReminderOn ?? false,
    status: d.status ?? 'notStarted',
    title: d.title ?? '',
    createdDateTime: todoTimestamp(item.createdAt),
    lastModifiedDateTime: todoTimestamp(item.modifiedAt),
    hasAttachments: false,
    categories: d.categories ?? [],
    id: env.mailbox.itemId(item, env.idStyle),
    body: { content: d.body?.content ?? '', contentType: d.body?.contentType ?? 'text' },
    bodyLastModifiedDateTime: todoTimestamp(d.bodyModifiedAt ?? item.createdAt),
  };
  const due = when(d.dueDateTime);
  if (due) out.dueDateTime = due;
  const start = when(d.startDateTime);
  if (start) out.startDateTime = start;
  const reminder = when(d.reminderDateTime);
  if (reminder) out.reminderDateTime = reminder;
  const completed = when(d.completedDateTime);
  if (completed) out.completedDateTime = completed;
  if (d.recurrence)
    out.recurrence = renderRecurrence(d.recurrence, { start: d.dueDateTime ?? { dateTime: '', timeZone: 'UTC' } });
  if (env.withLinkedResources) out.linkedResources = (d.linkedResources ?? []).map(renderLinkedResource);
  return out as unknown as Record<string, unknown>;
}

export function renderLinkedResource(r: LinkedResource): Record<string, unknown> {
  return {
    id: r.id,
    webUrl: r.webUrl ?? null,
    applicationName: r.applicationName ?? null,
    displayName: r.displayName ?? null,
    externalId: r.externalId ?? null,
  };
}

const TASK_WRITABLE = new Set([
  'title',
  'body',
  'status',
  'importance',
  'dueDateTime',
  'startDateTime',
  'reminderDateTime',
  'completedDateTime',
  'isReminderOn',
  'categories',
  'recurrence',
  'linkedResources',
]);
const TASK_READ_ONLY = new Set([
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'bodyLastModifiedDateTime',
  'hasAttachments',
  'checklistItems',
]);
const STATUSES = ['notStarted', 'inProgress', 'completed', 'waitingOnOthers', 'deferred'];
const IMPORTANCE = ['low', 'normal', 'high'];

/** A task create/update body → TaskData patch (null clears a field) and side writes (extensions). */
export function readTaskBody(body: unknown, now: number): { patch: Record<string, unknown>; side: SideWrites } {
  const { fields, side } = readBody(body, TASK_WRITABLE, TASK_READ_ONLY, 'microsoft.graph.todoTask');
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === null) {
      patch[k] = null;
      continue;
    }
    switch (k) {
      case 'title':
        patch.title = asString(v, k);
        break;
      case 'body': {
        const b = v as { content?: unknown; contentType?: unknown };
        const type = typeof b.contentType === 'string' ? b.contentType.toLowerCase() : 'text';
        if (type !== 'text' && type !== 'html')
          throw graphErrors.badRequest(`Invalid body contentType '${String(b.contentType)}'.`);
        patch.body = { contentType: type, content: typeof b.content === 'string' ? b.content : '' };
        patch.bodyModifiedAt = now;
        break;
      }
      case 'status':
      case 'importance': {
        const allowed = k === 'status' ? STATUSES : IMPORTANCE;
        if (typeof v !== 'string' || !allowed.includes(v))
          throw graphErrors.badRequest(`Invalid value '${String(v)}' for property '${k}'.`);
        patch[k] = v;
        break;
      }
      case 'dueDateTime':
      case 'startDateTime':
      case 'reminderDateTime':
      case 'completedDateTime':
        patch[k] = readDateTimeTimeZone(v, k);
        break;
      case 'isReminderOn':
        patch.isReminderOn = asBoolean(v, k);
        break;
      case 'categories':
        patch.categories = asStringArray(v, k);
        break;
      case 'recurrence':
        patch.recurrence = parseRecurrence(v);
        break;
      case 'linkedResources':
        if (!Array.isArray(v)) throw graphErrors.badRequest("Invalid value for property 'linkedResources'.");
        patch.linkedResources = v.map((r) => readLinkedResource(r, randomUUID()));
        break;
    }
  }
  return { patch, side };
}

/** A linkedResource body (`api/todotask-post-linkedresources.md`); webUrl/applicationName/displayName/externalId. */
export function readLinkedResource(body: unknown, id: string, base?: LinkedResource): LinkedResource {
  const writable = new Set(['webUrl', 'applicationName', 'displayName', 'externalId']);
  const { fields } = readBody(body, writable, new Set(['id']), 'microsoft.graph.linkedResource');
  const out: LinkedResource = { ...(base ?? {}), id };
  for (const [k, v] of Object.entries(fields)) {
    const key = k as 'webUrl' | 'applicationName' | 'displayName' | 'externalId';
    if (v === null) delete out[key];
    else out[key] = asString(v, k);
  }
  return out;
}
