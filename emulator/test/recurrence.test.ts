/**
 * Recurrence expansion as a calendar user sees it: which dates a pattern produces (Graph's recurrencePattern
 * semantics) and at which instants, with the wall-clock time kept across DST changes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandSeries, occurrenceDates, recurrenceProblem } from '../src/recurrence/recurrence-expander.ts';
import { formatDateTime, resolveTimeZone, utcToZoned, zonedToUtc } from '../src/recurrence/zoned-time.ts';
import type { Recurrence } from '../src/store/item-data.ts';

const rec = (pattern: Partial<Recurrence['pattern']>, range: Partial<Recurrence['range']>): Recurrence => ({
  pattern: { type: 'daily', interval: 1, ...pattern } as Recurrence['pattern'],
  range: { type: 'noEnd', startDate: '2026-01-01', ...range } as Recurrence['range'],
});

describe('recurrence dates', () => {
  it('weekly on Mon/Wed every 2 weeks, numbered, starting midweek', () => {
    const r = rec(
      { type: 'weekly', interval: 2, daysOfWeek: ['monday', 'wednesday'] },
      { type: 'numbered', startDate: '2026-03-04', numberOfOccurrences: 5 },
    );
    // 2026-03-04 is a Wednesday; the week (Sunday-based) of Mar 1 counts as week 0, the next one is Mar 15.
    assert.deepEqual(occurrenceDates(r, '2027-01-01'), [
      '2026-03-04',
      '2026-03-16',
      '2026-03-18',
      '2026-03-30',
      '2026-04-01',
    ]);
  });

  it('firstDayOfWeek decides which weeks an interval skips', () => {
    const base = { type: 'weekly' as const, interval: 2, daysOfWeek: ['sunday', 'monday'] };
    const sunday = occurrenceDates(
      rec(base, { type: 'endDate', startDate: '2026-03-02', endDate: '2026-03-20' }),
      '2027-01-01',
    );
    const monday = occurrenceDates(
      rec({ ...base, firstDayOfWeek: 'monday' }, { type: 'endDate', startDate: '2026-03-02', endDate: '2026-03-20' }),
      '2027-01-01',
    );
    assert.deepEqual(sunday, ['2026-03-02', '2026-03-15', '2026-03-16']);
    assert.deepEqual(monday, ['2026-03-02', '2026-03-08', '2026-03-16']);
  });

  it('absoluteMonthly on the 31st lands on the last day of shorter months', () => {
    const r = rec(
      { type: 'absoluteMonthly', dayOfMonth: 31 },
      { type: 'numbered', startDate: '2026-01-31', numberOfOccurrences: 4 },
    );
    assert.deepEqual(occurrenceDates(r, '2030-01-01'), ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('relativeMonthly: last Friday, and first weekday of the month', () => {
    const lastFriday = rec(
      { type: 'relativeMonthly', daysOfWeek: ['friday'], index: 'last' },
      { type: 'numbered', startDate: '2026-01-01', numberOfOccurrences: 3 },
    );
    assert.deepEqual(occurrenceDates(lastFriday, '2030-01-01'), ['2026-01-30', '2026-02-27', '2026-03-27']);
    const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
    const firstWeekday = rec(
      { type: 'relativeMonthly', daysOfWeek: weekdays, index: 'first' },
      { type: 'numbered', startDate: '2026-02-01', numberOfOccurrences: 2 },
    );
    assert.deepEqual(occurrenceDates(firstWeekday, '2030-01-01'), ['2026-02-02', '2026-03-02']);
  });

  it('yearly patterns: absolute Feb 29 falls back to Feb 28, relative = 4th Thursday of November', () => {
    const leap = rec(
      { type: 'absoluteYearly', dayOfMonth: 29, month: 2 },
      { type: 'numbered', startDate: '2028-02-29', numberOfOccurrences: 2 },
    );
    assert.deepEqual(occurrenceDates(leap, '2040-01-01'), ['2028-02-29', '2029-02-28']);
    const thanksgiving = rec(
      { type: 'relativeYearly', month: 11, daysOfWeek: ['thursday'], index: 'fourth' },
      { type: 'endDate', startDate: '2026-01-01', endDate: '2027-12-31' },
    );
    assert.deepEqual(occurrenceDates(thanksgiving, '2040-01-01'), ['2026-11-26', '2027-11-25']);
  });

  it('daily every 3 days with an inclusive endDate', () => {
    const r = rec({ type: 'daily', interval: 3 }, { type: 'endDate', startDate: '2026-05-01', endDate: '2026-05-10' });
    assert.deepEqual(occurrenceDates(r, '2030-01-01'), ['2026-05-01', '2026-05-04', '2026-05-07', '2026-05-10']);
  });

  it('rejects patterns Graph rejects', () => {
    assert.match(recurrenceProblem(rec({ type: 'weekly' }, {})) ?? '', /daysOfWeek/);
    assert.match(recurrenceProblem(rec({ type: 'daily', interval: 0 }, {})) ?? '', /interval/);
    assert.match(recurrenceProblem(rec({}, { type: 'numbered' })) ?? '', /numberOfOccurrences/);
    assert.equal(recurrenceProblem(rec({}, {})), undefined);
  });
});

describe('time zones', () => {
  it('maps Windows names and IANA ids', () => {
    assert.equal(resolveTimeZone('W. Europe Standard Time'), 'Europe/Berlin');
    assert.equal(resolveTimeZone('pacific standard time'), 'America/Los_Angeles');
    assert.equal(resolveTimeZone('Europe/Moscow'), 'Europe/Moscow');
    assert.equal(resolveTimeZone('UTC'), 'Etc/UTC');
    assert.equal(resolveTimeZone('Mars/Olympus'), undefined);
  });

  it('handles the spring-forward gap and the fall-back overlap in Berlin', () => {
    const berlin = 'Europe/Berlin';
    // 02:30 on 2026-03-29 does not exist: it moves forward to 03:30 CEST (= 01:30Z).
    assert.equal(
      new Date(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, berlin)).toISOString(),
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 on 2026-10-25 happens twice: the earlier (CEST, 00:30Z) is taken.
    assert.equal(
      new Date(zonedToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, berlin)).toISOString(),
      '2026-10-25T00:30:00.000Z',
    );
    assert.equal(formatDateTime(utcToZoned(Date.parse('2026-07-01T12:00:00Z'), berlin)), '2026-07-01T14:00:00.0000000');
  });
});

describe('series instants', () => {
  it('a weekly 09:00 Berlin meeting moves from 08:00Z to 07:00Z across the March DST change', () => {
    const spec = {
      recurrence: rec({ type: 'weekly', daysOfWeek: ['monday'] }, { startDate: '2026-03-16' }),
      start: { year: 2026, month: 3, day: 16, hour: 9, minute: 0, second: 0 },
      durationMinutes: 60,
      timeZone: 'Europe/Berlin',
    };
    const occ = expandSeries(spec, Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-07T00:00:00Z'));
    assert.deepEqual(
      occ.map((o) => [o.date, new Date(o.start).toISOString(), new Date(o.end).toISOString()]),
      [
        ['2026-03-16', '2026-03-16T08:00:00.000Z', '2026-03-16T09:00:00.000Z'],
        ['2026-03-23', '2026-03-23T08:00:00.000Z', '2026-03-23T09:00:00.000Z'],
        ['2026-03-30', '2026-03-30T07:00:00.000Z', '2026-03-30T08:00:00.000Z'],
        ['2026-04-06', '2026-04-06T07:00:00.000Z', '2026-04-06T08:00:00.000Z'],
      ],
    );
  });

  it('only occurrences overlapping the window are returned', () => {
    const spec = {
      recurrence: rec({ type: 'daily' }, { startDate: '2026-01-01' }),
      start: { year: 2026, month: 1, day: 1, hour: 23, minute: 0, second: 0 },
      durationMinutes: 120,
      timeZone: 'Etc/UTC',
    };
    const occ = expandSeries(spec, Date.parse('2026-01-05T00:30:00Z'), Date.parse('2026-01-05T23:00:00Z'));
    assert.deepEqual(
      occ.map((o) => o.date),
      ['2026-01-04'],
    );
  });
});
