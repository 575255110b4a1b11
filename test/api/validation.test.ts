import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, type Client, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, list, MISSING_ID, type RawSession, rawSession } from './api-support.ts';

/**
 * DESIGN §4: bad input is refused with 400 TANDEM_ERR_VALIDATION naming the field in `details.field`
 * (dotted path), before anything is written. Run against every storage dialect.
 */

for (const dialect of await dialects()) {
  describe(`input validation (${dialect.name})`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let session: RawSession;

    before(async () => {
      db = await dialect.open();
      app = await testApp(db);
      admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      session = await rawSession(app, 'admin', ADMIN_PASSWORD);
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    const field = async (method: string, url: string, body: unknown, name: string) =>
      expectError(await admin.request(method, url, body), 400, 'TANDEM_ERR_VALIDATION', name);
    const rawBody = (payload: string, contentType: string) =>
      app.inject({
        method: 'POST',
        url: '/api/contacts',
        cookies: { tandem_session: session.cookie },
        headers: { 'x-csrf-token': session.csrf, 'content-type': contentType },
        payload,
      });

    it('malformed JSON → 400 TANDEM_ERR_MALFORMED_JSON', async () => {
      for (const payload of ['{"fullName": "x"', '{fullName: 1}', "{'a':1}", 'nope']) {
        expectError(await rawBody(payload, 'application/json'), 400, 'TANDEM_ERR_MALFORMED_JSON');
      }
    });

    it('a body that is not JSON → 415 TANDEM_ERR_UNSUPPORTED_MEDIA', async () => {
      expectError(
        await rawBody('fullName=x', 'application/x-www-form-urlencoded'),
        415,
        'TANDEM_ERR_UNSUPPORTED_MEDIA',
      );
    });

    it('wrong types are refused, not coerced, naming the field', async () => {
      await field('POST', '/api/activities', { title: 't', allDay: 'yes' }, 'allDay');
      await field('POST', '/api/activities', { title: 't', showInCalendar: 1 }, 'showInCalendar');
      await field('POST', '/api/activities', { title: 42 }, 'title');
      await field('POST', '/api/contacts', { fullName: 'x', communications: 'x' }, 'communications');
      await field(
        'POST',
        '/api/contacts',
        { fullName: 'x', communications: [{ kind: 'fax', value: '1' }] },
        'communications.0.kind',
      );
      await field('POST', '/api/users', { login: 'typed', password: 'password-1', roleIds: 'admin' }, 'roleIds');
    });

    it('missing required fields are named', async () => {
      await field('POST', '/api/activities', { category: 'task' }, 'title');
      await field('POST', '/api/users', { login: 'nopass' }, 'password');
      await field('POST', '/api/accounts', {}, 'name');
      await field('POST', '/api/contacts', { jobTitle: 'No name' }, 'fullName');
    });

    it('unknown fields are refused, naming them (also inside arrays)', async () => {
      await field('POST', '/api/contacts', { fullName: 'x', nickname: 'y' }, 'nickname');
      await field('PATCH', `/api/contacts/${MISSING_ID}`, { shoeSize: 42 }, 'shoeSize');
      await field(
        'POST',
        '/api/contacts',
        { fullName: 'x', communications: [{ kind: 'email', value: 'a@b.co', label: 'x' }] },
        'communications.0.label',
      );
      await field(
        'POST',
        '/api/activities',
        { title: 't', participants: [{ contactId: 'c', extra: 1 }] },
        'participants.0.extra',
      );
    });

    it('activity title: 255 characters accepted, 256 → 400 naming title', async () => {
      const ok = await create<{ title: string }>(admin, '/api/activities', { title: 'a'.repeat(255) });
      assert.equal(ok.title.length, 255);
      await field('POST', '/api/activities', { title: 'a'.repeat(256) }, 'title');
      await field('POST', '/api/activities', { title: '   ' }, 'title');
    });

    it('query parameters are checked too, naming them', async () => {
      for (const [url, name] of [
        ['/api/contacts?limit=abc', 'limit'],
        ['/api/contacts?limit=0', 'limit'],
        ['/api/contacts?limit=501', 'limit'],
        ['/api/contacts?offset=-1', 'offset'],
        ['/api/activities?category=holiday', 'category'],
        ['/api/activities?from=yesterday', 'from'],
      ] as const) {
        await field('GET', url, undefined, name);
      }
    });

    it('unknown ids → 404 TANDEM_ERR_NOT_FOUND on every record resource', async () => {
      for (const resource of ['contacts', 'accounts', 'activities', 'users', 'roles', 'groups']) {
        const url = `/api/${resource}/${MISSING_ID}`;
        expectError(await admin.request('GET', url), 404, 'TANDEM_ERR_NOT_FOUND');
        expectError(await admin.request('PATCH', url, {}), 404, 'TANDEM_ERR_NOT_FOUND');
        expectError(await admin.request('DELETE', url), 404, 'TANDEM_ERR_NOT_FOUND');
      }
      expectError(await admin.request('GET', `/api/contacts/${MISSING_ID}/grants`), 404, 'TANDEM_ERR_NOT_FOUND');
      expectError(await admin.request('GET', '/api/no-such-endpoint'), 404, 'TANDEM_ERR_NOT_FOUND');
    });

    it('a duplicate login, whatever its case, → 409 TANDEM_ERR_CONFLICT naming login', async () => {
      await create(admin, '/api/users', { login: 'Carol', password: 'carol-password' });
      const dup = await admin.request('POST', '/api/users', { login: 'carol', password: 'carol-password' });
      expectError(dup, 409, 'TANDEM_ERR_CONFLICT', 'login');
      const other = await create(admin, '/api/users', { login: 'dave', password: 'dave-password' });
      expectError(
        await admin.request('PATCH', `/api/users/${other.id}`, { login: 'CAROL' }),
        409,
        'TANDEM_ERR_CONFLICT',
        'login',
      );
    });

    it('time zones must be IANA names: +03:00, Mars/Olympus, GMT+3 refused naming timeZone; Europe/Moscow accepted', async () => {
      for (const [i, timeZone] of ['+03:00', 'Mars/Olympus', 'GMT+3', ''].entries()) {
        await field('POST', '/api/users', { login: `tz${i}`, password: 'tz-password', timeZone }, 'timeZone');
        await field('PATCH', '/api/profile', { timeZone }, 'timeZone');
      }
      const user = await create<{ id: string; timeZone: string }>(admin, '/api/users', {
        login: 'moscow',
        password: 'moscow-password',
        timeZone: 'Europe/Moscow',
      });
      assert.equal(user.timeZone, 'Europe/Moscow');
      await field('PATCH', `/api/users/${user.id}`, { timeZone: 'GMT+3' }, 'timeZone');
      const me = await admin.json<{ timeZone: string }>('PATCH', '/api/profile', { timeZone: 'Europe/Moscow' }, 200);
      assert.equal(me.timeZone, 'Europe/Moscow');
    });

    it('invalid email and phone values in communications are named by position (communications.N.value)', async () => {
      const good = { kind: 'email', value: 'good@example.com' };
      await field(
        'POST',
        '/api/contacts',
        { fullName: 'x', communications: [good, { kind: 'email', value: 'not-an-email' }] },
        'communications.1.value',
      );
      await field(
        'POST',
        '/api/contacts',
        { fullName: 'x', communications: [{ kind: 'phone', value: 'call me maybe' }] },
        'communications.0.value',
      );
      await field(
        'POST',
        '/api/contacts',
        { fullName: 'x', communications: [good, good, { kind: 'email', value: 'a@b' }] },
        'communications.2.value',
      );
      await field(
        'POST',
        '/api/accounts',
        { name: 'Acme', communications: [{ kind: 'web', value: 'http://a b' }] },
        'communications.0.value',
      );
      const ok = await create<{ communications: { value: string }[] }>(admin, '/api/contacts', {
        fullName: 'Phones',
        communications: [{ kind: 'phone', value: '+7 (495) 123-45-67 доб. 12' }],
      });
      assert.equal(ok.communications[0]?.value, '+7 (495) 123-45-67 доб. 12');
    });

    it('birthday must be a real date: 2023-02-30 refused, 2024-02-29 accepted', async () => {
      await field('POST', '/api/contacts', { fullName: 'x', birthday: '2023-02-30' }, 'birthday');
      await field('POST', '/api/contacts', { fullName: 'x', birthday: '30.01.2023' }, 'birthday');
      const ok = await create<{ birthday: string }>(admin, '/api/contacts', {
        fullName: 'Leap',
        birthday: '2024-02-29',
      });
      assert.equal(ok.birthday, '2024-02-29');
    });

    it('an activity may not end before it starts (naming due), on create and on update', async () => {
      const start = '2030-01-10T10:00:00Z';
      await field('POST', '/api/activities', { title: 't', start, due: '2030-01-10T09:59:00Z' }, 'due');
      // Offsets are compared as instants: 12:00+03:00 is 09:00Z, before the start.
      await field('POST', '/api/activities', { title: 't', start, due: '2030-01-10T12:00:00+03:00' }, 'due');
      await field('POST', '/api/activities', { title: 't', start: '10 Jan 2030' }, 'start');
      const a = await create(admin, '/api/activities', { title: 't', start, due: '2030-01-10T11:00:00Z' });
      await field('PATCH', `/api/activities/${a.id}`, { due: '2030-01-10T08:00:00Z' }, 'due');
      await field('PATCH', `/api/activities/${a.id}`, { start: '2030-01-10T12:00:00Z' }, 'due');
    });

    it('references to unknown contact types, accounts and owners are refused naming the field', async () => {
      await field('POST', '/api/contacts', { fullName: 'x', type: 'alien' }, 'type');
      await field('POST', '/api/contacts', { fullName: 'x', accountId: MISSING_ID }, 'accountId');
      await field('POST', '/api/contacts', { fullName: 'x', ownerId: MISSING_ID }, 'ownerId');
      await field('POST', '/api/accounts', { name: 'x', type: 'alien' }, 'type');
      await field('POST', '/api/accounts', { name: 'x', ownerId: MISSING_ID }, 'ownerId');
      await field('POST', '/api/activities', { title: 'x', ownerId: MISSING_ID }, 'ownerId');
      await field(
        'POST',
        '/api/users',
        { login: 'roleless', password: 'roleless-pw', roleIds: [MISSING_ID] },
        'roleIds.0',
      );
      const c = await create(admin, '/api/contacts', { fullName: 'Typed' });
      await field('PATCH', `/api/contacts/${c.id}`, { type: 'alien' }, 'type');
    });

    it('participants with an unknown (or repeated) contact are named participants.N.contactId', async () => {
      const c = await create(admin, '/api/contacts', { fullName: 'Participant' });
      await field(
        'POST',
        '/api/activities',
        { title: 'm', participants: [{ contactId: c.id }, { contactId: MISSING_ID }] },
        'participants.1.contactId',
      );
      await field(
        'POST',
        '/api/activities',
        { title: 'm', participants: [{ contactId: c.id }, { contactId: c.id }] },
        'participants.1.contactId',
      );
    });

    it('sorting by an unknown field → 400 naming sort (user input never becomes an identifier)', async () => {
      for (const url of [
        '/api/contacts?sort=password_hash',
        '/api/contacts?sort=full_name;drop%20table%20contacts',
        '/api/accounts?sort=-nope',
        '/api/activities?sort=owner_id',
      ]) {
        await field('GET', url, undefined, 'sort');
      }
      assert.equal((await admin.request('GET', '/api/contacts?sort=-fullName')).statusCode, 200);
    });

    it('a dynamic group filter with an unknown field → 400 naming filter.conditions.N.field', async () => {
      const dyn = (filter: object) => ({ name: 'g', object: 'contact', kind: 'dynamic', filter });
      await field(
        'POST',
        '/api/groups',
        dyn({ logic: 'and', conditions: [{ field: 'salary', op: 'eq', value: 1 }] }),
        'filter.conditions.0.field',
      );
      await field(
        'POST',
        '/api/groups',
        dyn({
          logic: 'or',
          conditions: [
            { field: 'surname', op: 'eq', value: 'x' },
            { logic: 'and', conditions: [{ field: 'x', op: 'eq', value: 1 }] },
          ],
        }),
        'filter.conditions.1.conditions.0.field',
      );
      await field(
        'POST',
        '/api/groups',
        dyn({ logic: 'and', conditions: [{ field: 'type', op: 'contains', value: 'c' }] }),
        'filter.conditions.0.op',
      );
      await field(
        'POST',
        '/api/groups',
        dyn({ logic: 'and', conditions: [{ field: 'birthday', op: 'gt', value: '2023-02-30' }] }),
        'filter.conditions.0.value',
      );
      await field('POST', '/api/groups', { name: 'g', object: 'contact', kind: 'dynamic' }, 'filter');
      const g = await create(admin, '/api/groups', dyn({ logic: 'and', conditions: [] }));
      await field(
        'PATCH',
        `/api/groups/${g.id}`,
        { filter: { logic: 'and', conditions: [{ field: 'nope', op: 'eq', value: 1 }] } },
        'filter.conditions.0.field',
      );
    });

    it('text with HTML and SQL is stored and returned verbatim', async () => {
      const html = '<script>alert(1)</script>';
      const sqlText = "'); drop table contacts;--";
      const c = await create<{ id: string }>(admin, '/api/contacts', {
        fullName: html,
        jobTitle: sqlText,
        notes: `${html}\n${sqlText}`,
      });
      const read = await admin.json<Record<string, string>>('GET', `/api/contacts/${c.id}`, undefined, 200);
      assert.equal(read.fullName, html);
      assert.equal(read.jobTitle, sqlText);
      assert.equal(read.notes, `${html}\n${sqlText}`);
      const found = await list<{ id: string }>(admin, `/api/contacts?q=${encodeURIComponent(sqlText)}`);
      assert.deepEqual(
        found.items.map((i) => i.id),
        [c.id],
      );
      const a = await create<{ title: string }>(admin, '/api/activities', { title: sqlText, location: html });
      assert.equal(a.title, sqlText);
      assert.ok((await list(admin, '/api/contacts')).total > 0, 'the contacts table is still there');
    });

    it('nothing is half-written: a contact create failing on its 2nd communication leaves no contact', async () => {
      const before = (await list(admin, '/api/contacts')).total;
      const res = await admin.request('POST', '/api/contacts', {
        fullName: 'Half Written',
        communications: [
          { kind: 'email', value: 'first@example.com' },
          { kind: 'email', value: 'broken' },
        ],
      });
      expectError(res, 400, 'TANDEM_ERR_VALIDATION', 'communications.1.value');
      assert.equal((await list(admin, '/api/contacts')).total, before);
      assert.equal((await list(admin, '/api/contacts?q=first@example.com')).total, 0);
    });

    it('nothing is half-written: a failed update leaves the record and its changeSeq unchanged', async () => {
      const c = await create<{ id: string; changeSeq: number }>(admin, '/api/contacts', {
        fullName: 'Stable Person',
        communications: [{ kind: 'email', value: 'stable@example.com' }],
      });
      const res = await admin.request('PATCH', `/api/contacts/${c.id}`, {
        fullName: 'Changed Person',
        communications: [
          { kind: 'email', value: 'new@example.com' },
          { kind: 'phone', value: 'nope' },
        ],
      });
      expectError(res, 400, 'TANDEM_ERR_VALIDATION', 'communications.1.value');
      const after = await admin.json<{ fullName: string; changeSeq: number; communications: { value: string }[] }>(
        'GET',
        `/api/contacts/${c.id}`,
        undefined,
        200,
      );
      assert.equal(after.fullName, 'Stable Person');
      assert.equal(after.changeSeq, c.changeSeq);
      assert.deepEqual(
        after.communications.map((x) => x.value),
        ['stable@example.com'],
      );
    });

    it('nothing is half-written: an activity update whose participants fail keeps title, participants and changeSeq', async () => {
      const p = await create(admin, '/api/contacts', { fullName: 'Kept Participant' });
      const a = await create<{ id: string; changeSeq: number }>(admin, '/api/activities', {
        title: 'Original title',
        participants: [{ contactId: p.id }],
      });
      const res = await admin.request('PATCH', `/api/activities/${a.id}`, {
        title: 'New title',
        participants: [{ contactId: MISSING_ID }],
      });
      expectError(res, 400, 'TANDEM_ERR_VALIDATION', 'participants.0.contactId');
      const after = await admin.json<{ title: string; changeSeq: number; participants: { contactId: string }[] }>(
        'GET',
        `/api/activities/${a.id}`,
        undefined,
        200,
      );
      assert.equal(after.title, 'Original title');
      assert.equal(after.changeSeq, a.changeSeq);
      assert.deepEqual(
        after.participants.map((x) => x.contactId),
        [p.id],
      );
    });

    it('nothing is half-written: a user create that fails leaves neither user nor employee contact', async () => {
      const users = (await list(admin, '/api/users')).total;
      const contacts = (await list(admin, '/api/contacts')).total;
      const res = await admin.request('POST', '/api/users', {
        login: 'ghost',
        password: 'ghost-password',
        roleIds: [MISSING_ID],
      });
      expectError(res, 400, 'TANDEM_ERR_VALIDATION', 'roleIds.0');
      assert.equal((await list(admin, '/api/users')).total, users);
      assert.equal((await list(admin, '/api/contacts')).total, contacts);
    });
  });
}
