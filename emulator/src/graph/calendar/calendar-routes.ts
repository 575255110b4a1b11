import type { MailboxStore } from '../../store/index.ts';
import type { MailboxRouter } from '../mailbox-router.ts';
import type { GraphRuntime } from '../request-context.ts';
import { calendarViewRoutes } from './calendar-view.route.ts';
import { calendarRoutes } from './calendars.route.ts';
import { EventHistory } from './event-history.ts';
import { eventResponseRoutes } from './event-responses.route.ts';
import { eventRoutes } from './events.route.ts';

/** One event history per store: registering routes for `/me` and `/users/{id}` shares it. */
const histories = new WeakMap<MailboxStore, EventHistory>();

/**
 * Registers the calendar routes (calendars, events, instances, calendarView and its delta, meeting
 * responses) on a mailbox router. Call once per mailbox prefix with the Graph plugin's options.
 */
export function calendarFeatureRoutes(r: MailboxRouter, opts: Pick<GraphRuntime, 'store'>): void {
  let history = histories.get(opts.store);
  if (!history) {
    history = new EventHistory();
    history.attach(opts.store);
    histories.set(opts.store, history);
  }
  calendarRoutes(r);
  eventRoutes(r);
  eventResponseRoutes(r);
  calendarViewRoutes(r, history);
}
