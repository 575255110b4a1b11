import type { FastifyRequest } from 'fastify';
import type { EventData, Folder, Item, SyncChange } from '../../store/index.ts';
import { type DeltaResource, serveDelta } from '../delta.ts';
import type { DeltaState } from '../delta-token.ts';
import { graphErrors } from '../errors.ts';
import type { MailboxRouter } from '../mailbox-router.ts';
import type { MailboxContext } from '../request-context.ts';
import { calendarOf, defaultCalendar, delayOf, eventEnv } from './calendar-context.ts';
import type { EventHistory } from './event-history.ts';
import { type EventInstance, instancesInWindow, occurrenceId } from './event-instances.ts';
import { renderEvent } from './event-mapper.ts';
import { readWindow } from './event-time.ts';
import { instanceList } from './instance-list.ts';

/**
 * calendarView (`api/user-list-calendarview.md`): the instances (single events, occurrences, exceptions)
 * overlapping [startDateTime, endDateTime), and its delta (`api/event-delta.md`, `concepts/delta-query-events.md`).
 * Delta reuses the shared engine over the calendar's change log, expanding each changed event into its
 * instances in the window. Per event-delta.md, `@removed` (reason `deleted`) covers events deleted in the
 * window and events added, changed or deleted outside it; instances a series no longer has (moved or
 * cancelled occurrences) are found by comparing with the series as it was when the previous round ended.
 */
export function calendarViewRoutes(r: MailboxRouter, history: EventHistory): void {
  const views: { path: string; folder: (req: FastifyRequest, ctx: MailboxContext) => Folder }[] = [
    { path: '/calendarView', folder: (_req, ctx) => defaultCalendar(ctx) },
    { path: '/calendar/calendarView', folder: (_req, ctx) => defaultCalendar(ctx) },
    {
      path: '/calendars/:calendarId/calendarView',
      folder: (req, ctx) => calendarOf(ctx, (req.params as { calendarId: string }).calendarId),
    },
  ];
  for (const v of views) {
    r.get(v.path, 'calendars.read', (req, _reply, ctx) => {
      const folder = v.folder(req, ctx);
      const [from, to] = readWindow(req, ctx.prefer.timeZone);
      const instances = ctx.mailbox
        .listItems(folder, delayOf(ctx))
        .flatMap((item) => instancesInWindow(item, from, to))
        .sort((a, b) => a.start - b.start);
      const path = v.path === '/calendarView' ? '/calendarView' : `/calendars('${folder.id}')/calendarView`;
      return instanceList(req, ctx, instances, path);
    });
    for (const fn of ['delta', 'delta()', 'microsoft.graph.delta']) {
      r.get(`${v.path}/${fn}`, 'calendars.read', (req, reply, ctx) => {
        const folder = v.folder(req, ctx);
        const linkPath = `${ctx.basePath}${v.path.replace(':calendarId', folder.id)}/delta`;
        return serveDelta(req, reply, ctx, calendarViewDelta(ctx, folder, linkPath, history));
      });
    }
  }
}

/** Query options calendarView delta refuses (event-delta.md: no $select, $expand, $filter, $orderby, $search). */
const UNSUPPORTED = ['$select', '$expand', '$filter', '$orderby', '$search', '$top', '$skip'];

function calendarViewDelta(
  ctx: MailboxContext,
  folder: Folder,
  linkPath: string,
  history: EventHistory,
): DeltaResource {
  const env = eventEnv(ctx);
  const idOf = (num: number, moveGen: number) => ctx.mailbox.itemId({ num, moveGen }, ctx.idStyle);
  const instanceIds = (instances: EventInstance[], num: number, moveGen: number) =>
    instances.map((i) =>
      i.date !== undefined && i.type !== 'singleInstance'
        ? occurrenceId(idOf(num, moveGen), i.date)
        : idOf(num, moveGen),
    );
  const removed = (id: string) => ({ id, '@removed': { reason: 'deleted' } });
  return {
    code: 'cv',
    entityType: 'event',
    scope: { folder },
    folderNum: folder.num,
    linkPath,
    render: () => undefined,
    removedId: (change) => idOf(change.num, change.moveGen),
    initial(req, state) {
      const q = req.query as Record<string, unknown>;
      const bad = Object.keys(q).filter((k) => UNSUPPORTED.includes(k.toLowerCase()));
      if (bad.length) {
        throw graphErrors.badRequest(
          `The following parameters are not supported with change tracking over the 'CalendarView' resource: '${bad.join(', ')}'.`,
        );
      }
      state.w = readWindow(req, ctx.prefer.timeZone);
    },
    expand(change: SyncChange, state: DeltaState) {
      const [from, to] = state.w ?? [0, 0];
      const moveGen =
        change.type === 'removed' ? change.moveGen : change.type === 'folderUpsert' ? 0 : change.item.moveGen;
      const now =
        change.type === 'created' || change.type === 'updated' ? instancesInWindow(change.item, from, to) : [];
      const out: Record<string, unknown>[] = now.map((inst) => renderEvent(inst, env));
      const seen = new Set(instanceIds(now, change.num, moveGen));
      // What the client may hold from earlier rounds: the instances of the event as it was at the round's start.
      const before = state.s > 0 ? history.at(ctx.mailbox, change.num, state.s) : undefined;
      const earlier = before ? instancesInWindow(asItem(change.num, moveGen, before), from, to) : [];
      for (const id of instanceIds(earlier, change.num, moveGen)) if (!seen.has(id)) out.push(removed(id));
      if (now.length === 0 && earlier.length === 0) out.push(removed(idOf(change.num, moveGen)));
      return out;
    },
  };
}

/** A stand-in item carrying past event data, enough to expand the instances it had. */
function asItem(num: number, moveGen: number, data: EventData): Item {
  return { num, moveGen, kind: 'event', data: data as unknown as Record<string, unknown> } as Item;
}
