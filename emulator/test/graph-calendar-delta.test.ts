/**
 * calendarView delta rounds (api/event-delta.md, concepts/delta-query-events.md) as a sync client sees them:
 * a first round in pages, then only the changes; an event moved out of the window and a deleted one come
 * back as `@removed` (reason deleted); a series brings its occurrences and, once one is cancelled, its removal.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildGraphTestApp, type GraphTestApp } from '../src/graph/testing/graph-test-app.ts';

const WINDOW = 'startDateTime=2026-06-01T00:00:00Z&endDateTime=2026-07-01T00:00:00Z';

describe('Graph calendarView delta', () => {
  let t: GraphTestApp;
  let me: ReturnType<typeof graphClient>;

  beforeEach(async () => {
    t = await buildGraphTestApp();
    me = graphClient(t.app, t.delegated(t.directory.users[0] as never, ['Calendars.ReadWrite']));
  });

  const at = (day: string, subject: string) => ({
    subject,
    start: { dateTime: `${day}T10:00:00`, timeZone: 'UTC' },
    end: { dateTime: `${day}T11:00:00`, timeZone: 'UTC' },
  });

  it('pages the first round, then returns only changes, with @removed for moves out of the window and deletions', async () => {
    const a = (await me.post('/v1.0/me/events', at('2026-06-02', 'A'))).json;
    const b = (await me.post('/v1.0/me/events', at('2026-06-03', 'B'))).json;
    const c = (await me.post('/v1.0/me/events', at('2026-06-04', 'C'))).json;

    const first = await me.get(`/v1.0/me/calendarView/delta?${WINDOW}`, { prefer: 'odata.maxpagesize=2' });
    assert.equal(first.status, 200);
    assert.match(first.json['@odata.nextLink'], /\/me\/calendarView\/delta\?\$skiptoken=/);
    const round1 = await me.deltaRound(`/v1.0/me/calendarView/delta?${WINDOW}`, { prefer: 'odata.maxpagesize=2' });
    assert.deepEqual(
      round1.pages.map((p) => p.length),
      [2, 1],
    );
    assert.deepEqual(round1.items.map((i) => i.subject).sort(), ['A', 'B', 'C']);
    assert.ok(round1.items.every((i) => i['@odata.type'] === '#microsoft.graph.event' && i.type === 'singleInstance'));
    assert.match(round1.deltaLink, /\/me\/calendarView\/delta\?\$deltatoken=/);

    await me.patch(`/v1.0/me/events/${a.id}`, { subject: 'A2' });
    await me.patch(`/v1.0/me/events/${b.id}`, {
      start: { dateTime: '2026-08-03T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-08-03T11:00:00', timeZone: 'UTC' },
    });
    await me.delete(`/v1.0/me/events/${c.id}`);
    const d = (await me.post('/v1.0/me/events', at('2026-06-20', 'D'))).json;

    const round2 = await me.deltaRound(round1.deltaLink);
    const byId = new Map(round2.items.map((i) => [i.id, i]));
    assert.equal(byId.get(a.id)?.subject, 'A2');
    assert.deepEqual(byId.get(b.id)?.['@removed'], { reason: 'deleted' });
    assert.deepEqual(byId.get(c.id)?.['@removed'], { reason: 'deleted' });
    assert.equal(byId.get(d.id)?.subject, 'D');
    assert.equal(round2.items.length, 4);

    const round3 = await me.deltaRound(round2.deltaLink);
    assert.deepEqual(round3.items, []);
  });

  it('a series comes as its occurrences; cancelling one returns it as @removed', async () => {
    const series = (
      await me.post('/v1.0/me/events', {
        ...at('2026-06-01', 'Weekly'),
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
          range: { type: 'endDate', startDate: '2026-06-01', endDate: '2026-06-30' },
        },
      })
    ).json;
    const round1 = await me.deltaRound(`/v1.0/me/calendarView/delta?${WINDOW}`);
    assert.equal(round1.items.length, 5);
    assert.ok(round1.items.every((i) => i.type === 'occurrence' && i.seriesMasterId === series.id));
    const third = round1.items[2];
    await me.delete(`/v1.0/me/events/${third.id}`);
    const round2 = await me.deltaRound(round1.deltaLink);
    const removed = round2.items.filter((i) => i['@removed']);
    assert.deepEqual(
      removed.map((i) => i.id),
      [third.id],
    );
    assert.equal(
      round2.items.filter((i) => !i['@removed']).length,
      4,
      'the changed series re-sends its remaining occurrences',
    );
  });

  it('refuses $select, needs a window on the first request, and resets through the fault hooks', async () => {
    const sel = await me.get(`/v1.0/me/calendarView/delta?${WINDOW}&$select=subject`);
    assert.equal(sel.status, 400);
    const noWindow = await me.get('/v1.0/me/calendarView/delta');
    assert.equal(noWindow.status, 400);
    const round = await me.deltaRound(`/v1.0/me/calendarView/delta?${WINDOW}`);
    t.hooks.shouldInvalidateDelta = () => '410';
    const gone = await me.get(round.deltaLink);
    assert.equal(gone.status, 410);
    assert.match(String(gone.headers.location), /\/me\/calendarView\/delta\?\$deltatoken=$/);
    t.hooks.shouldInvalidateDelta = () => 'syncStateNotFound';
    const expired = await me.get(round.deltaLink);
    assert.equal(expired.json.error.code, 'syncStateNotFound');
  });
});
