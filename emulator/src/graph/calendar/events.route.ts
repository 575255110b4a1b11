import type { FastifyRequest } from 'fastify';
import type { Folder } from '../../store/index.ts';
import { listItems, singleItem } from '../collection.ts';
import { openExtensionRoutes } from '../extensions.route.ts';
import type { MailboxRouter } from '../mailbox-router.ts';
import type { MailboxContext } from '../request-context.ts';
import {
  calendarOf,
  defaultCalendar,
  delayOf,
  eventListSpec,
  eventRefOf,
  instanceOfRef,
  instanceSpec,
} from './calendar-context.ts';
import { instancesInWindow } from './event-instances.ts';
import { readWindow } from './event-time.ts';
import { createEvent, deleteEvent, updateEvent } from './event-writes.ts';
import { instanceList } from './instance-list.ts';

type FolderOf = (req: FastifyRequest, ctx: MailboxContext) => Folder | undefined;

/**
 * Events (`resources/event.md`): `/events` and `/calendar/events` are the default calendar,
 * `/calendars/{id}/events` any calendar. Lists hold single events and series masters
 * (`api/user-list-events.md`); an occurrence id (`{masterId}.{date}`) reaches one instance for get, update
 * and delete; `/events/{id}/instances` expands a series over a window (`api/event-list-instances.md`).
 * A POST with a transactionId seen before answers 201 with the event created the first time.
 */
export function eventRoutes(r: MailboxRouter): void {
  const calendarParam: FolderOf = (req, ctx) => calendarOf(ctx, (req.params as { calendarId: string }).calendarId);
  const scopes: { prefix: string; folder: FolderOf }[] = [
    { prefix: '/events', folder: () => undefined },
    { prefix: '/calendar/events', folder: (_req, ctx) => defaultCalendar(ctx) },
    { prefix: '/calendars/:calendarId/events', folder: calendarParam },
  ];
  for (const s of scopes) eventScope(r, s.prefix, s.folder);
  openExtensionRoutes(r, {
    segment: 'events',
    read: 'calendars.read',
    write: 'calendars.write',
    find: (req, ctx) => eventRefOf(req, ctx).item,
  });
}

function eventScope(r: MailboxRouter, prefix: string, folderOf: FolderOf): void {
  const listFolder = (req: FastifyRequest, ctx: MailboxContext) => folderOf(req, ctx) ?? defaultCalendar(ctx);
  r.get(prefix, 'calendars.read', (req, _reply, ctx) => {
    const folder = listFolder(req, ctx);
    const path = prefix === '/events' ? '/events' : `/calendars('${folder.id}')/events`;
    const spec = eventListSpec(ctx, ctx.mailbox.listItems(folder, delayOf(ctx)), path);
    return listItems(req, ctx, { ...spec, defaultOrder: (a, b) => a.createdAt - b.createdAt });
  });
  r.post(prefix, 'calendars.write', (req, reply, ctx) => {
    const { item } = createEvent(req, ctx, listFolder(req, ctx));
    reply.code(201);
    return singleItem(req, ctx, item, eventListSpec(ctx, [], '/events'));
  });
  r.get(`${prefix}/:id`, 'calendars.read', (req, _reply, ctx) => {
    const ref = eventRefOf(req, ctx, folderOf(req, ctx));
    return singleItem(req, ctx, ref.item, instanceSpec(ctx, instanceOfRef(ref)));
  });
  r.patch(`${prefix}/:id`, 'calendars.write', (req, _reply, ctx) => {
    const ref = eventRefOf(req, ctx, folderOf(req, ctx));
    updateEvent(req, ctx, ref);
    return singleItem(req, ctx, ref.item, instanceSpec(ctx, instanceOfRef(ref)));
  });
  r.delete(`${prefix}/:id`, 'calendars.write', (req, reply, ctx) => {
    deleteEvent(req, ctx, eventRefOf(req, ctx, folderOf(req, ctx)));
    return reply.code(204).send();
  });
  r.get(`${prefix}/:id/instances`, 'calendars.read', (req, _reply, ctx) => {
    const ref = eventRefOf(req, ctx, folderOf(req, ctx));
    const [from, to] = readWindow(req, ctx.prefer.timeZone);
    const inst = ref.date === undefined ? instancesInWindow(ref.item, from, to) : [instanceOfRef(ref)];
    return instanceList(req, ctx, inst, `/events('${(req.params as { id: string }).id}')/instances`);
  });
}
