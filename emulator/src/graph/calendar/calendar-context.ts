import type { FastifyRequest } from 'fastify';
import type { Folder, Item } from '../../store/index.ts';
import type { ItemListSpec } from '../collection.ts';
import { graphErrors } from '../errors.ts';
import { findFolder, findItem, renderEnv } from '../ids.ts';
import type { MailboxContext } from '../request-context.ts';
import { type EventInstance, instanceOn, itemInstance, splitOccurrenceId } from './event-instances.ts';
import { type EventRenderEnv, renderEvent } from './event-mapper.ts';

/** Request-level helpers shared by the calendar routes. */

export function eventEnv(ctx: MailboxContext): EventRenderEnv {
  return {
    ...renderEnv(ctx, 'event'),
    owner: ctx.owner,
    ...(ctx.prefer.timeZone ? { timeZone: ctx.prefer.timeZone } : {}),
  };
}

/** A calendar by id, or the default calendar for the well-known name `calendar`. */
export function calendarOf(ctx: MailboxContext, ref: string): Folder {
  return findFolder(ctx, ref, 'calendar');
}

export function defaultCalendar(ctx: MailboxContext): Folder {
  return ctx.mailbox.wellKnownFolder('calendar');
}

/** What an event id in a URL points at: an event item, or one instance (by date) of a series. */
export interface EventRef {
  item: Item;
  date?: string;
}

export function eventRef(ctx: MailboxContext, id: string, inFolder?: Folder): EventRef {
  const { masterId, date } = splitOccurrenceId(id);
  const item = findItem(ctx, masterId, 'event', inFolder);
  if (date !== undefined && !instanceOn(item, date)) throw graphErrors.itemNotFound();
  return date === undefined ? { item } : { item, date };
}

export function eventRefOf(req: FastifyRequest, ctx: MailboxContext, inFolder?: Folder): EventRef {
  return eventRef(ctx, (req.params as { id: string }).id, inFolder);
}

/** The instance an EventRef stands for (the item itself when it is not an occurrence). */
export function instanceOfRef(ref: EventRef): EventInstance {
  if (ref.date === undefined) return itemInstance(ref.item);
  const inst = instanceOn(ref.item, ref.date);
  if (!inst) throw graphErrors.itemNotFound();
  return inst;
}

/** A list spec over event items (series masters and single events). */
export function eventListSpec(ctx: MailboxContext, items: Item[], contextPath: string): ItemListSpec {
  const env = eventEnv(ctx);
  return { items, contextPath, render: (item, select) => renderEvent(itemInstance(item), env, select) };
}

/** A one-off spec that renders a given instance (its item supplies expanded extensions and properties). */
export function instanceSpec(ctx: MailboxContext, inst: EventInstance): Pick<ItemListSpec, 'render' | 'contextPath'> {
  const env = eventEnv(ctx);
  return { contextPath: '/events', render: (_item, select) => renderEvent(inst, env, select) };
}

export function delayOf(ctx: MailboxContext): number | undefined {
  return ctx.options.config().replicationDelayMs;
}
