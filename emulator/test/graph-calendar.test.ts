/**
 * Calendars and events as a Graph client sees them: CRUD with rotating etags and 412 on a stale If-Match,
 * a stable iCalUId, transactionId retries that do not duplicate, time zones in and out, all-day rules,
 * recurring series with a modified and a cancelled occurrence in calendarView across a DST change, and
 * meeting invitations between two emulator users.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildGraphTestApp, type GraphTestApp } from '../src/graph/testing/graph-test-app.ts';

const SCOPES = ['Calendars.ReadWrite', 'Mail.ReadWrite'];

describe('Graph calendar', () => {
  let t: GraphTestApp;
  let alice: ReturnType<typeof graphClient>;
  let bob: ReturnType<typeof graphClient>;

  beforeEach(async () => {
    t = await buildGraphTestApp();
    alice = graphClient(t.app, t.delegated(t.directory.users[0] as never, SCOPES));
    bob = graphClient(t.app, t.delegated(t.directory.users[1] as never, SCOPES));
  });

  const meeting = (extra: Record<string, unknown> = {}) => ({
    subject: 'Квартальный отчёт',
    body: { contentType: 'html', content: '<p>Agenda</p>' },
    start: { dateTime: '2026-04-14T10:00:00', timeZone: 'Russian Standard Time' },
    end: { dateTime: '2026-04-14T11:30:00', timeZone: 'Russian Standard Time' },
    location: { displayName: 'Переговорная 3' },
    ...extra,
  });

  it('lists the default calendar and creates another one', async () => {
    const def = await alice.get('/v1.0/me/calendar');
    assert.equal(def.status, 200);
    assert.equal(def.json.isDefaultCalendar, true);
    assert.equal(def.json.owner.address, 'alice@contoso.test');
    const created = await alice.post('/v1.0/me/calendars', { name: 'Projects', color: 'lightGreen' });
    assert.equal(created.status, 201);
    assert.equal(created.json.color, 'lightGreen');
    const list = await alice.get('/v1.0/me/calendars');
    assert.deepEqual(
      list.json.value.map((c: { name: string }) => c.name),
      ['Calendar', 'Projects'],
    );
    const dup = await alice.post('/v1.0/me/calendars', { name: 'projects' });
    assert.equal(dup.status, 409);
    const ev = await alice.post(`/v1.0/me/calendars/${created.json.id}/events`, meeting());
    assert.equal(ev.status, 201);
    assert.equal((await alice.get(`/v1.0/me/calendars/${created.json.id}/events`)).json.value.length, 1);
    assert.equal((await alice.get('/v1.0/me/events')).json.value.length, 0, '/me/events is the default calendar');
  });

  it('creates, reads, updates and deletes an event; etags rotate, a stale If-Match is 412, iCalUId stays', async () => {
    const created = await alice.post('/v1.0/me/events', meeting());
    assert.equal(created.status, 201);
    const e = created.json;
    assert.equal(e.type, 'singleInstance');
    assert.equal(e.originalStartTimeZone, 'Russian Standard Time');
    assert.deepEqual(e.start, { dateTime: '2026-04-14T07:00:00.0000000', timeZone: 'UTC' });
    assert.deepEqual(e.end, { dateTime: '2026-04-14T08:30:00.0000000', timeZone: 'UTC' });
    assert.equal(e.location.displayName, 'Переговорная 3');
    assert.equal(e.isOrganizer, true);
    assert.deepEqual(e.responseStatus.response, 'organizer');
    assert.match(e.iCalUId, /^040000008200E00074C5B7101A82E008[0-9A-F]+$/);
    assert.equal(e['@odata.etag'], `W/"${e.changeKey}"`);

    const patched = await alice.patch(
      `/v1.0/me/events/${e.id}`,
      { subject: 'Renamed', showAs: 'tentative' },
      { 'if-match': e['@odata.etag'] },
    );
    assert.equal(patched.status, 200);
    assert.equal(patched.json.subject, 'Renamed');
    assert.equal(patched.json.showAs, 'tentative');
    assert.notEqual(patched.json['@odata.etag'], e['@odata.etag']);
    assert.equal(patched.json.iCalUId, e.iCalUId);

    const stale = await alice.patch(
      `/v1.0/me/events/${e.id}`,
      { subject: 'Lost update' },
      { 'if-match': e['@odata.etag'] },
    );
    assert.equal(stale.status, 412);
    assert.equal(stale.json.error.code, 'ErrorIrresolvableConflict');

    const other = await alice.post('/v1.0/me/events', meeting({ subject: 'Other' }));
    assert.notEqual(other.json.iCalUId, e.iCalUId);

    assert.equal((await alice.delete(`/v1.0/me/events/${e.id}`)).status, 204);
    const gone = await alice.get(`/v1.0/me/events/${e.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.json.error.code, 'ErrorItemNotFound');
  });

  it('a retried POST with the same transactionId returns the first event instead of a duplicate', async () => {
    const body = meeting({ transactionId: '7E163156-7762-4BEB-A1C6-729EA81755A7' });
    const first = await alice.post('/v1.0/me/events', body);
    const second = await alice.post('/v1.0/me/events', body);
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.json.id, first.json.id);
    assert.equal(second.json.transactionId, '7E163156-7762-4BEB-A1C6-729EA81755A7');
    assert.equal((await alice.get('/v1.0/me/events')).json.value.length, 1);
    const change = await alice.patch(`/v1.0/me/events/${first.json.id}`, { transactionId: 'other' });
    assert.equal(change.status, 400);
  });

  it('renders times in the Prefer: outlook.timezone zone and refuses unknown zones', async () => {
    const created = await alice.post(
      '/v1.0/me/events',
      meeting({
        start: { dateTime: '2026-07-01T09:00:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-07-01T10:00:00', timeZone: 'Europe/Berlin' },
      }),
    );
    const pacific = await alice.get(`/v1.0/me/events/${created.json.id}`, {
      prefer: 'outlook.timezone="Pacific Standard Time"',
    });
    assert.deepEqual(pacific.json.start, {
      dateTime: '2026-07-01T00:00:00.0000000',
      timeZone: 'Pacific Standard Time',
    });
    const bad = await alice.post(
      '/v1.0/me/events',
      meeting({ start: { dateTime: '2026-07-01T09:00:00', timeZone: 'Mars/Olympus' } }),
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'TimeZoneNotSupportedException');
  });

  it('all-day events run midnight to midnight and keep their dates in any response zone', async () => {
    const ok = await alice.post('/v1.0/me/events', {
      subject: 'Отпуск',
      isAllDay: true,
      start: { dateTime: '2026-05-04T00:00:00', timeZone: 'Russian Standard Time' },
      end: { dateTime: '2026-05-06T00:00:00', timeZone: 'Russian Standard Time' },
    });
    assert.equal(ok.status, 201);
    assert.equal(ok.json.isAllDay, true);
    assert.deepEqual(ok.json.start, { dateTime: '2026-05-04T00:00:00.0000000', timeZone: 'UTC' });
    const inTokyo = await alice.get(`/v1.0/me/events/${ok.json.id}`, {
      prefer: 'outlook.timezone="Tokyo Standard Time"',
    });
    assert.deepEqual(inTokyo.json.end, { dateTime: '2026-05-06T00:00:00.0000000', timeZone: 'Tokyo Standard Time' });
    const notMidnight = await alice.post('/v1.0/me/events', {
      subject: 'Bad',
      isAllDay: true,
      start: { dateTime: '2026-05-04T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-05-05T09:00:00', timeZone: 'UTC' },
    });
    assert.equal(notMidnight.status, 400);
    assert.equal(notMidnight.json.error.code, 'ErrorPropertyValidationFailure');
    const zeroLength = await alice.post('/v1.0/me/events', {
      subject: 'Bad',
      isAllDay: true,
      start: { dateTime: '2026-05-04T00:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-05-04T00:00:00', timeZone: 'UTC' },
    });
    assert.equal(zeroLength.status, 400);
    const patchBad = await alice.patch(`/v1.0/me/events/${ok.json.id}`, {
      end: { dateTime: '2026-05-06T12:00:00', timeZone: 'Russian Standard Time' },
    });
    assert.equal(patchBad.status, 400);
  });

  it('a weekly series with one moved and one cancelled occurrence expands in calendarView across the DST change', async () => {
    const series = await alice.post('/v1.0/me/events', {
      subject: 'Standup',
      start: { dateTime: '2026-03-16T09:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2026-03-16T09:30:00', timeZone: 'W. Europe Standard Time' },
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' },
        range: { type: 'numbered', startDate: '2026-03-16', numberOfOccurrences: 5 },
      },
    });
    assert.equal(series.status, 201);
    assert.equal(series.json.type, 'seriesMaster');
    assert.equal(series.json.recurrence.range.recurrenceTimeZone, 'W. Europe Standard Time');
    const window = 'startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z';
    const instances = await alice.get(`/v1.0/me/events/${series.json.id}/instances?${window}`);
    assert.equal(instances.status, 200);
    const occ = instances.json.value;
    assert.deepEqual(
      occ.map((o: { start: { dateTime: string } }) => o.start.dateTime),
      [
        '2026-03-16T08:00:00.0000000',
        '2026-03-23T08:00:00.0000000',
        '2026-03-30T07:00:00.0000000',
        '2026-04-06T07:00:00.0000000',
        '2026-04-13T07:00:00.0000000',
      ],
    );
    assert.ok(
      occ.every(
        (o: { type: string; seriesMasterId: string }) => o.type === 'occurrence' && o.seriesMasterId === series.json.id,
      ),
    );
    assert.equal(new Set(occ.map((o: { iCalUId: string }) => o.iCalUId)).size, 5);

    // Move the 23 March occurrence to 14:00 Berlin and cancel the 6 April one.
    const moved = await alice.patch(`/v1.0/me/events/${occ[1].id}`, {
      start: { dateTime: '2026-03-23T14:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2026-03-23T14:30:00', timeZone: 'W. Europe Standard Time' },
      subject: 'Standup (moved)',
    });
    assert.equal(moved.status, 200);
    assert.equal(moved.json.type, 'exception');
    assert.equal(moved.json.id, occ[1].id);
    assert.equal((await alice.delete(`/v1.0/me/events/${occ[3].id}`)).status, 204);
    assert.equal((await alice.get(`/v1.0/me/events/${occ[3].id}`)).status, 404);

    const view = await alice.get(`/v1.0/me/calendarView?${window}`, {
      prefer: 'outlook.timezone="W. Europe Standard Time"',
    });
    assert.equal(view.status, 200);
    assert.deepEqual(
      view.json.value.map((v: { type: string; subject: string; start: { dateTime: string } }) => [
        v.type,
        v.subject,
        v.start.dateTime,
      ]),
      [
        ['occurrence', 'Standup', '2026-03-16T09:00:00.0000000'],
        ['exception', 'Standup (moved)', '2026-03-23T14:00:00.0000000'],
        ['occurrence', 'Standup', '2026-03-30T09:00:00.0000000'],
        ['occurrence', 'Standup', '2026-04-13T09:00:00.0000000'],
      ],
    );
    const master = await alice.get(`/v1.0/me/events/${series.json.id}?$select=subject,cancelledOccurrences`);
    assert.deepEqual(master.json.cancelledOccurrences, [`OID.${series.json.id}.2026-04-06`]);
    // calendarView is bounded by the window.
    const narrow = await alice.get(
      '/v1.0/me/calendarView?startDateTime=2026-03-29T00:00:00&endDateTime=2026-04-05T00:00:00',
    );
    assert.deepEqual(
      narrow.json.value.map((v: { start: { dateTime: string } }) => v.start.dateTime),
      ['2026-03-30T07:00:00.0000000'],
    );
    const missing = await alice.get('/v1.0/me/calendarView');
    assert.equal(missing.status, 400);
  });

  it('delivers an invitation to another emulator user, and the answer reaches the organizer', async () => {
    const created = await alice.post(
      '/v1.0/me/events',
      meeting({
        attendees: [
          { emailAddress: { address: 'bob@contoso.test', name: 'Bob Example' }, type: 'required' },
          { emailAddress: { address: 'outsider@example.com' }, type: 'optional' },
        ],
      }),
    );
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.attendees[0].status, { response: 'none', time: '0001-01-01T00:00:00Z' });

    const bobEvents = await bob.get('/v1.0/me/events');
    assert.equal(bobEvents.json.value.length, 1);
    const copy = bobEvents.json.value[0];
    assert.equal(copy.iCalUId, created.json.iCalUId);
    assert.equal(copy.isOrganizer, false);
    assert.equal(copy.responseStatus.response, 'none');
    assert.equal(copy.organizer.emailAddress.address, 'alice@contoso.test');

    const inbox = await bob.get('/v1.0/me/mailFolders/inbox/messages');
    assert.equal(inbox.json.value.length, 1);
    const invite = inbox.json.value[0];
    assert.equal(invite['@odata.type'], '#microsoft.graph.eventMessageRequest');
    assert.equal(invite.meetingMessageType, 'meetingRequest');
    assert.equal(invite.subject, 'Квартальный отчёт');
    assert.deepEqual(invite.startDateTime, { dateTime: '2026-04-14T07:00:00.0000000', timeZone: 'UTC' });

    const accepted = await bob.post(`/v1.0/me/events/${copy.id}/accept`, { comment: 'OK', sendResponse: true });
    assert.equal(accepted.status, 202);
    assert.equal((await bob.get(`/v1.0/me/events/${copy.id}`)).json.responseStatus.response, 'accepted');
    const org = await alice.get(`/v1.0/me/events/${created.json.id}`);
    assert.equal(org.json.attendees[0].status.response, 'accepted');
    const aliceInbox = await alice.get('/v1.0/me/mailFolders/inbox/messages');
    assert.equal(aliceInbox.json.value[0].meetingMessageType, 'meetingAccepted');
    assert.equal((await alice.post(`/v1.0/me/events/${created.json.id}/accept`, {})).status, 400);

    // Deleting the meeting cancels Bob's copy.
    await alice.delete(`/v1.0/me/events/${created.json.id}`);
    const cancelled = await bob.get(`/v1.0/me/events/${copy.id}`);
    assert.equal(cancelled.json.isCancelled, true);
  });

  it('stamps and reads singleValueExtendedProperties and open extensions on events', async () => {
    const prop = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name TandemId';
    const created = await alice.post(
      '/v1.0/me/events',
      meeting({ singleValueExtendedProperties: [{ id: prop, value: 'crm-42' }] }),
    );
    const found = await alice.get(
      `/v1.0/me/events?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '${prop}' and ep/value eq 'crm-42')&$expand=singleValueExtendedProperties($filter=id eq '${prop}')`,
    );
    assert.equal(found.json.value.length, 1);
    assert.equal(found.json.value[0].singleValueExtendedProperties[0].value, 'crm-42');
    const ext = await alice.post(`/v1.0/me/events/${created.json.id}/extensions`, {
      '@odata.type': 'microsoft.graph.openTypeExtension',
      extensionName: 'com.tandem.sync',
      crmId: '42',
    });
    assert.equal(ext.status, 201);
    const read = await alice.get(`/v1.0/me/events/${created.json.id}/extensions/com.tandem.sync`);
    assert.equal(read.json.crmId, '42');
  });
});
