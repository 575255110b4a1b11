import type { DirectoryUser } from '../contracts.ts';
import type { Attendee, DateTimeTimeZone, EventData, Recurrence, TaskData } from '../store/index.ts';
import type { Rng } from './prng.ts';
import { bodyFor, meetingLocation, meetingTitle, taskTitle } from './sample-content.ts';
import type { Person } from './sample-people.ts';

/**
 * Events and tasks in the neutral, Graph-compatible shape (store/item-data.ts): `DateTimeTimeZone` wall
 * times with Windows zone names (as Graph returns them by default), recurrence `{pattern, range}` as in
 * Graph's patternedRecurrence, modified and cancelled occurrences, attendees with responses; tasks shaped
 * like To Do's todoTask.
 */

const ZONES = [
  'Russian Standard Time',
  'UTC',
  'W. Europe Standard Time',
  'China Standard Time',
  'Arab Standard Time',
  'Pacific Standard Time',
];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const DAY = 86_400_000;

export function makeEvent(rng: Rng, user: DirectoryUser, people: Person[], base: number): EventData {
  const zone = rng.chance(0.6) ? user.timeZone : rng.pick(ZONES);
  const day = new Date(base + rng.int(-120, 60) * DAY);
  const isAllDay = rng.chance(0.1);
  const startHour = rng.int(8, 17);
  const minutes = rng.pick([30, 45, 60, 90, 120]);
  const start = isAllDay ? at(day, 0, 0) : at(day, startHour, rng.pick([0, 30]));
  const end = isAllDay ? at(new Date(day.getTime() + DAY), 0, 0) : addMinutes(start, minutes);
  const attendees: Attendee[] = rng.sample(people, rng.int(0, 4)).map((p) => ({
    name: p.displayName,
    address: p.emails[0]?.address ?? 'unknown@example.com',
    type: rng.chance(0.8) ? 'required' : 'optional',
    response: rng.pick(['none', 'accepted', 'tentativelyAccepted', 'declined', 'notResponded'] as const),
  }));
  const event: EventData = {
    subject: meetingTitle(rng),
    body: bodyFor(rng, 'ru', user.displayName),
    start: { dateTime: start, timeZone: isAllDay ? user.timeZone : zone },
    end: { dateTime: end, timeZone: isAllDay ? user.timeZone : zone },
    isAllDay,
    location: meetingLocation(rng),
    organizer: { name: user.displayName, address: user.email },
    attendees,
    iCalUId: `040000008200E00074C5B7101A82E00800000000${rng.hex(8).toUpperCase()}000000000000000010000000${rng.hex(16).toUpperCase()}`,
    showAs: isAllDay ? 'free' : 'busy',
    sensitivity: rng.chance(0.1) ? 'private' : 'normal',
    importance: 'normal',
    isReminderOn: !isAllDay,
    reminderMinutesBeforeStart: isAllDay ? 1080 : 15,
  };
  if (rng.chance(0.15)) addRecurrence(rng, event, day);
  return event;
}

export function makeTask(rng: Rng, user: DirectoryUser, base: number): TaskData {
  const status = rng.pick([
    'notStarted',
    'notStarted',
    'inProgress',
    'completed',
    'waitingOnOthers',
    'deferred',
  ] as const);
  const due = new Date(base + rng.int(-30, 60) * DAY);
  const task: TaskData = {
    title: taskTitle(rng),
    body: { contentType: 'text', content: rng.chance(0.5) ? 'Уточнить условия оплаты и сроки.' : '' },
    status,
    importance: rng.pick(['low', 'normal', 'normal', 'high'] as const),
    isReminderOn: rng.chance(0.4),
  };
  if (rng.chance(0.8)) task.dueDateTime = { dateTime: at(due, 0, 0), timeZone: user.timeZone };
  if (task.isReminderOn) task.reminderDateTime = { dateTime: at(due, 9, 0), timeZone: user.timeZone };
  if (status === 'completed')
    task.completedDateTime = { dateTime: at(new Date(due.getTime() - DAY), 0, 0), timeZone: 'UTC' };
  if (rng.chance(0.05)) {
    task.recurrence = {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: [rng.pick(DAYS)], firstDayOfWeek: 'monday' },
      range: { type: 'noEnd', startDate: dateOnly(due) },
    };
  }
  if (rng.chance(0.2)) task.categories = [rng.pick(['Звонки', 'Follow up', 'Blue category'])];
  return task;
}

function addRecurrence(rng: Rng, event: EventData, day: Date): void {
  const kind = rng.int(0, 2);
  const startDate = dateOnly(day);
  const pattern: Recurrence['pattern'] =
    kind === 0
      ? { type: 'weekly', interval: 1, daysOfWeek: [weekday(day)], firstDayOfWeek: 'monday' }
      : kind === 1
        ? { type: 'daily', interval: rng.pick([1, 2]) }
        : { type: 'absoluteMonthly', interval: 1, dayOfMonth: day.getUTCDate() };
  const range: Recurrence['range'] = rng.chance(0.5)
    ? { type: 'numbered', startDate, numberOfOccurrences: rng.int(4, 12), recurrenceTimeZone: event.start.timeZone }
    : {
        type: 'endDate',
        startDate,
        endDate: dateOnly(new Date(day.getTime() + 90 * DAY)),
        recurrenceTimeZone: event.start.timeZone,
      };
  event.recurrence = { pattern, range };
  const step = kind === 0 ? 7 : kind === 1 ? pattern.interval : 30;
  const second = new Date(day.getTime() + step * DAY);
  const third = new Date(day.getTime() + 2 * step * DAY);
  // One moved occurrence and one deleted occurrence, as users make them in Outlook.
  if (kind !== 2) {
    const moved: DateTimeTimeZone = {
      dateTime: addMinutes(at(second, 0, 0), 60 * rng.int(9, 16)),
      timeZone: event.start.timeZone,
    };
    event.exceptions = [
      {
        originalStart: at(
          second,
          Number(event.start.dateTime.slice(11, 13)),
          Number(event.start.dateTime.slice(14, 16)),
        ),
        start: moved,
        end: { dateTime: addMinutes(moved.dateTime, 60), timeZone: event.start.timeZone },
        subject: `${event.subject} (перенос)`,
      },
    ];
  }
  event.cancelledOccurrences = [dateOnly(third)];
}

/** Graph's wall-time format: `yyyy-MM-ddTHH:mm:ss.0000000`. */
function at(day: Date, hour: number, minute: number): string {
  return `${dateOnly(day)}T${pad(hour)}:${pad(minute)}:00.0000000`;
}

function addMinutes(wall: string, minutes: number): string {
  const t = Date.parse(`${wall.slice(0, 19)}Z`) + minutes * 60_000;
  return `${new Date(t).toISOString().slice(0, 19)}.0000000`;
}

function dateOnly(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function weekday(d: Date): string {
  return ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][d.getUTCDay()] as string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
