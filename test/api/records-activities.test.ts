import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, type Client, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, list, listIds } from './api-support.ts';

/** Activities, the calendar window and global change tracking through the API, on every dialect. */

interface Activity {
  id: string;
  title: string;
  category: string;
  status: string;
  priority: string;
  start: string | null;
  due: string | null;
  allDay: boolean;
  showInCalendar: boolean;
  ownerId: string;
  participants: { contactId: string; contactName: string; role: string; response: string }[];
  changeSeq: number;
}

for (const dialect of await dialects()) {
  describe(`activities and change tracking (${dialect.name})`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: Client;

    before(async () => {
      db = await dialect.open();
      app = await testApp(db);
      admin = await signIn(app, 'admin', ADMIN_PASSWORD);
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    it('an activity with participants returns each participant with the contact name, role and response', async () => {
      const anna = await create(admin, '/api/contacts', { fullName: 'Anna Guest' });
      const boris = await create(admin, '/api/contacts', { givenName: 'Boris', surname: 'Host' });
      const a = await create<Activity>(admin, '/api/activities', {
        category: 'meeting',
        title: 'Kick-off',
        start: '2031-01-15T09:00:00+03:00',
        due: '2031-01-15T10:30:00+03:00',
        participants: [{ contactId: boris.id, role: 'organizer', response: 'accepted' }, { contactId: anna.id }],
      });
      assert.equal(a.start, '2031-01-15T06:00:00.000Z', 'times are stored as UTC instants');
      assert.equal(a.due, '2031-01-15T07:30:00.000Z');
      assert.deepEqual(a.participants, [
        { contactId: boris.id, contactName: 'Boris Host', role: 'organizer', response: 'accepted' },
        { contactId: anna.id, contactName: 'Anna Guest', role: 'participant', response: 'none' },
      ]);
      assert.equal(a.status, 'notStarted');
      assert.equal(a.priority, 'medium');
      assert.equal(a.ownerId, admin.userId);

      // Updating other fields keeps the participants; sending them replaces the list.
      const moved = await admin.json<Activity>('PATCH', `/api/activities/${a.id}`, { location: 'Room 1' }, 200);
      assert.equal(moved.participants.length, 2);
      const reduced = await admin.json<Activity>(
        'PATCH',
        `/api/activities/${a.id}`,
        { participants: [{ contactId: anna.id, response: 'tentative' }] },
        200,
      );
      assert.deepEqual(reduced.participants, [
        { contactId: anna.id, contactName: 'Anna Guest', role: 'participant', response: 'tentative' },
      ]);

      // Renaming the contact is reflected in the activity; deleting it removes the participant.
      await admin.json('PATCH', `/api/contacts/${anna.id}`, { fullName: 'Anna Renamed' }, 200);
      const renamed = await admin.json<Activity>('GET', `/api/activities/${a.id}`, undefined, 200);
      assert.equal(renamed.participants[0]?.contactName, 'Anna Renamed');
      await admin.json('DELETE', `/api/contacts/${anna.id}`, undefined, 204);
      const emptied = await admin.json<Activity>('GET', `/api/activities/${a.id}`, undefined, 200);
      assert.deepEqual(emptied.participants, []);
    });

    it('lists filter by category, status and owner; default order is newest first', async () => {
      const call = await create<Activity>(admin, '/api/activities', {
        title: 'Lst call',
        category: 'call',
        status: 'completed',
      });
      const task = await create<Activity>(admin, '/api/activities', { title: 'Lst task' });
      assert.deepEqual(await listIds(admin, '/api/activities?q=lst&category=call'), [call.id]);
      assert.deepEqual(await listIds(admin, '/api/activities?q=lst&status=notStarted'), [task.id]);
      assert.deepEqual(await listIds(admin, `/api/activities?q=lst&ownerId=${admin.userId}`), [task.id, call.id]);
      assert.deepEqual(await listIds(admin, '/api/activities?q=LST'), [task.id, call.id]);
    });

    describe('calendar window ?from=&to= (overlap)', () => {
      const from = '2031-03-10T00:00:00.000Z';
      const to = '2031-03-11T00:00:00.000Z';
      const ids: Record<string, string> = {};
      const window = (extra = '') => listIds(admin, `/api/activities?from=${from}&to=${to}${extra}`);

      before(async () => {
        const cases: Record<string, [string | null, string | null, boolean?]> = {
          inside: ['2031-03-10T10:00:00Z', '2031-03-10T11:00:00Z', true],
          startsBefore: ['2031-03-09T23:00:00Z', '2031-03-10T01:00:00Z', true],
          endsAfter: ['2031-03-10T23:00:00Z', '2031-03-11T01:00:00Z', true],
          spans: ['2031-03-09T00:00:00Z', '2031-03-12T00:00:00Z', true],
          pointInside: ['2031-03-10T12:00:00Z', null],
          instantAtFrom: [from, from],
          before: ['2031-03-09T10:00:00Z', '2031-03-09T11:00:00Z', true],
          after: ['2031-03-11T09:00:00Z', '2031-03-11T10:00:00Z', true],
          startsAtTo: [to, '2031-03-11T01:00:00Z', true],
          undated: [null, null, true],
        };
        for (const [name, [start, due, show]] of Object.entries(cases)) {
          const a = await create<Activity>(admin, '/api/activities', {
            title: `Wnd ${name}`,
            start,
            due,
            showInCalendar: show ?? false,
          });
          ids[name] = a.id;
        }
      });

      it('returns exactly the activities overlapping the window, ordered by start', async () => {
        const expected = ['spans', 'startsBefore', 'instantAtFrom', 'inside', 'pointInside', 'endsAfter'];
        assert.deepEqual(
          await window(),
          expected.map((n) => ids[n]),
        );
      });

      it('showInCalendar=true keeps only the activities shown in the calendar', async () => {
        assert.deepEqual(
          await window('&showInCalendar=true'),
          ['spans', 'startsBefore', 'inside', 'endsAfter'].map((n) => ids[n]),
        );
        const all = await listIds(admin, '/api/activities?q=wnd&showInCalendar=false&limit=500');
        assert.deepEqual(new Set(all), new Set([ids.pointInside, ids.instantAtFrom]));
      });

      it('window bounds with an offset are the same instants as in UTC', async () => {
        const shifted = await listIds(
          admin,
          `/api/activities?from=${encodeURIComponent('2031-03-10T03:00:00+03:00')}&to=${encodeURIComponent('2031-03-11T03:00:00+03:00')}`,
        );
        assert.deepEqual(shifted, await window());
      });

      it('a task with only a due date appears in the window that contains its due date', async () => {
        const deadline = await create<Activity>(admin, '/api/activities', {
          title: 'Wnd deadline',
          due: '2031-03-10T15:00:00Z',
          showInCalendar: true,
        });
        assert.ok((await window('&showInCalendar=true')).includes(deadline.id), 'the due-only task is in the window');
        const nextDay = await listIds(admin, '/api/activities?from=2031-03-11T00:00:00Z&to=2031-03-12T00:00:00Z');
        assert.ok(!nextDay.includes(deadline.id));
      });
    });

    it('changeSeq strictly increases across creates and updates of contacts, accounts and activities (one global sequence)', async () => {
      const seqs: [string, number][] = [];
      const c = await create<{ id: string; changeSeq: number }>(admin, '/api/contacts', { fullName: 'Seq Contact' });
      seqs.push(['contact created', c.changeSeq]);
      const acc = await create<{ id: string; changeSeq: number }>(admin, '/api/accounts', { name: 'Seq Account' });
      seqs.push(['account created', acc.changeSeq]);
      const a = await create<Activity>(admin, '/api/activities', { title: 'Seq Activity' });
      seqs.push(['activity created', a.changeSeq]);
      const c2 = await admin.json<{ changeSeq: number }>('PATCH', `/api/contacts/${c.id}`, { jobTitle: 'x' }, 200);
      seqs.push(['contact updated', c2.changeSeq]);
      const a2 = await admin.json<Activity>('PATCH', `/api/activities/${a.id}`, { status: 'inProgress' }, 200);
      seqs.push(['activity updated', a2.changeSeq]);
      const acc2 = await admin.json<{ changeSeq: number }>('PATCH', `/api/accounts/${acc.id}`, { notes: 'n' }, 200);
      seqs.push(['account updated', acc2.changeSeq]);
      const c3 = await admin.json<{ changeSeq: number }>('PATCH', `/api/contacts/${c.id}`, { jobTitle: 'y' }, 200);
      seqs.push(['contact updated again', c3.changeSeq]);
      for (let i = 1; i < seqs.length; i++) {
        const [prevName, prev] = seqs[i - 1] as [string, number];
        const [name, seq] = seqs[i] as [string, number];
        assert.ok(seq > prev, `${name} (${seq}) must be after ${prevName} (${prev})`);
      }
      // Sorting by changeSeq across a resource follows the same order.
      const bySeq = await list<{ changeSeq: number }>(admin, '/api/contacts?sort=-changeSeq&limit=1');
      assert.equal(bySeq.items[0]?.changeSeq, c3.changeSeq);
    });

    it('deleted records leave nothing behind: not readable, not listed, not in groups, gone from searches', async () => {
      const a = await create<Activity>(admin, '/api/activities', {
        title: 'Doomed activity',
        start: '2031-04-01T10:00:00Z',
      });
      const acc = await create(admin, '/api/accounts', {
        name: 'Doomed account',
        communications: [{ kind: 'email', value: 'x@doomed.example' }],
      });
      const g = await create(admin, '/api/groups', { name: 'Doomed group', object: 'activity', kind: 'static' });
      await admin.json('POST', `/api/groups/${g.id}/members`, { recordIds: [a.id] }, 204);
      await admin.json('DELETE', `/api/activities/${a.id}`, undefined, 204);
      await admin.json('DELETE', `/api/accounts/${acc.id}`, undefined, 204);
      expectError(await admin.request('GET', `/api/activities/${a.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
      expectError(await admin.request('GET', `/api/accounts/${acc.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
      expectError(
        await admin.request('PATCH', `/api/activities/${a.id}`, { title: 'back' }),
        404,
        'TANDEM_ERR_NOT_FOUND',
      );
      assert.deepEqual(await list(admin, '/api/activities?q=doomed'), { items: [], total: 0 });
      assert.deepEqual(await list(admin, '/api/accounts?q=doomed.example'), { items: [], total: 0 });
      assert.deepEqual(await list(admin, `/api/activities?groupId=${g.id}`), { items: [], total: 0 });
      expectError(await admin.request('GET', `/api/activities/${a.id}/grants`), 404, 'TANDEM_ERR_NOT_FOUND');
    });

    it('accounts: search by name and email, type filter, sort', async () => {
      const z = await create(admin, '/api/accounts', { name: 'Zeta Supplies', type: 'supplier' });
      const y = await create(admin, '/api/accounts', {
        name: 'Alpha Trading',
        type: 'customer',
        communications: [{ kind: 'email', value: 'office@alpha-trading.example' }],
      });
      assert.deepEqual(await listIds(admin, '/api/accounts?q=alpha-trading.example'), [y.id]);
      assert.deepEqual(await listIds(admin, '/api/accounts?q=zeta&type=supplier'), [z.id]);
      const sorted = await list<{ name: string }>(admin, '/api/accounts?sort=-name&limit=500');
      const names = sorted.items.map((i) => i.name);
      assert.ok(names.indexOf('Zeta Supplies') < names.indexOf('Alpha Trading'));
    });
  });
}
