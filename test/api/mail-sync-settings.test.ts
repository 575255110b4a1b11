import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, MISSING_ID } from './api-support.ts';

/** MB-2: a mailbox's sync settings through the API (DESIGN §4 shape), on every dialect. */

interface Settings {
  mail: { download: boolean; folders: 'all' | string[]; since: string };
  contacts: { auto: boolean; import: boolean; importFolders: unknown; export: boolean; exportScope: unknown };
  activities: { importFrom: string; exportScope: unknown; calendars: unknown; taskFolders: unknown };
  conflictPolicy: string;
  deletions: { toCrm: boolean; toExchange: boolean };
}

for (const dialect of await dialects()) {
  describe(`mailbox sync settings (${dialect.name})`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let bob: Client;
    let url: string;
    let contactGroup: string;
    let activityGroup: string;

    before(async () => {
      db = await dialect.open();
      app = await testApp(db, {}, { testConnection: async () => ({ ok: true, code: 'ok', message: 'Connected.' }) });
      const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      bob = await createUser(admin, app, 'bob');
      const svc = await create(admin, '/api/mail-services', { type: 'exchange', address: 'exch.example.com' });
      const box = await create(bob, '/api/mailboxes', {
        email: 'bob@example.com',
        mailServiceId: svc.id,
        password: 'p',
      });
      url = `/api/mailboxes/${box.id}/sync-settings`;
      contactGroup = (await create(bob, '/api/groups', { name: 'VIP', object: 'contact', kind: 'static' })).id;
      activityGroup = (await create(bob, '/api/groups', { name: 'Deals', object: 'activity', kind: 'static' })).id;
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    const put = (body: unknown) => bob.request('PUT', url, body);

    it('MB-2: a new mailbox has the documented defaults (30 days back, everything imported, nothing exported)', async () => {
      const s = await bob.json<Settings>('GET', url, undefined, 200);
      const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
      assert.deepEqual(s, {
        mail: { download: true, folders: 'all', since: monthAgo },
        contacts: { auto: false, import: true, importFolders: 'all', export: false, exportScope: 'all' },
        activities: {
          auto: false,
          importFrom: monthAgo,
          importMeetings: true,
          calendars: 'all',
          importTasks: true,
          taskFolders: 'all',
          export: false,
          exportScope: 'all',
        },
        conflictPolicy: 'lastWriterWins',
        deletions: { toCrm: true, toExchange: true },
      });
    });

    it('MB-2: PUT stores what is sent, keeps the rest, and GET returns it', async () => {
      const saved = await bob.json<Settings>(
        'PUT',
        url,
        {
          mail: { folders: ['inbox-id', 'sent-id'], since: '2026-01-01' },
          contacts: { auto: true, export: true, exportScope: { types: ['customer'], groupIds: [contactGroup] } },
          activities: { exportScope: { groupIds: [activityGroup] }, calendars: ['cal-1'] },
          conflictPolicy: 'exchangeWins',
          deletions: { toExchange: false },
        },
        200,
      );
      assert.deepEqual(saved.mail.folders, ['inbox-id', 'sent-id']);
      assert.equal(saved.mail.download, true, 'a field not sent keeps its value');
      assert.deepEqual(saved.contacts.exportScope, { types: ['customer'], groupIds: [contactGroup] });
      assert.deepEqual(saved.deletions, { toCrm: true, toExchange: false });
      assert.deepEqual(await bob.json('GET', url), saved);
      const back = await bob.json<Settings>(
        'PUT',
        url,
        { mail: { folders: 'all' }, contacts: { exportScope: 'all' } },
        200,
      );
      assert.deepEqual(
        [back.mail.folders, back.contacts.exportScope, back.conflictPolicy],
        ['all', 'all', 'exchangeWins'],
      );
    });

    it('MB-2: unknown fields, wrong types, dates and enums are refused by field name', async () => {
      const cases: [unknown, string, string][] = [
        [{ calendar: {} }, 'calendar', 'unknownField'],
        [{ mail: { download: true, extra: 1 } }, 'mail.extra', 'unknownField'],
        [{ mail: { download: 'yes' } }, 'mail.download', 'type'],
        [{ mail: 'all' }, 'mail', 'type'],
        [{ mail: { since: '2026-13-01' } }, 'mail.since', 'date'],
        [{ mail: { since: '01.02.2026' } }, 'mail.since', 'date'],
        [{ activities: { importFrom: '2026-02-29' } }, 'activities.importFrom', 'date'],
        [{ conflictPolicy: 'newestWins' }, 'conflictPolicy', 'oneOf'],
        [{ deletions: { toCrm: 1 } }, 'deletions.toCrm', 'type'],
      ];
      for (const [body, field, rule] of cases) {
        const err = expectError(await put(body), 400, 'TANDEM_ERR_VALIDATION', field);
        assert.equal(err.details?.rule, rule, JSON.stringify(body));
      }
    });

    it('MB-2: folder lists are "all" or non-empty lists of ids', async () => {
      const cases: [unknown, string][] = [
        [{ mail: { folders: [] } }, 'mail.folders'],
        [{ mail: { folders: 'inbox' } }, 'mail.folders'],
        [{ contacts: { importFolders: [''] } }, 'contacts.importFolders.0'],
        [{ activities: { calendars: [42] } }, 'activities.calendars.0'],
        [{ activities: { taskFolders: null } }, 'activities.taskFolders'],
      ];
      for (const [body, field] of cases) expectError(await put(body), 400, 'TANDEM_ERR_VALIDATION', field);
    });

    it('MB-2: export scopes name existing contact types and groups of the right object', async () => {
      const unchanged = await bob.json('GET', url);
      const cases: [unknown, string, string][] = [
        [{ contacts: { exportScope: { types: ['alien'] } } }, 'contacts.exportScope.types.0', 'oneOf'],
        [{ contacts: { exportScope: { groupIds: [MISSING_ID] } } }, 'contacts.exportScope.groupIds.0', 'notFound'],
        [{ contacts: { exportScope: { groupIds: [activityGroup] } } }, 'contacts.exportScope.groupIds.0', 'notFound'],
        [
          { activities: { exportScope: { groupIds: [contactGroup] } } },
          'activities.exportScope.groupIds.0',
          'notFound',
        ],
        [{ contacts: { exportScope: { types: [], groupIds: [] } } }, 'contacts.exportScope', 'atLeastOne'],
        [{ activities: { exportScope: { types: ['customer'] } } }, 'activities.exportScope.types', 'unknownField'],
      ];
      for (const [body, field, rule] of cases) {
        const err = expectError(await put(body), 400, 'TANDEM_ERR_VALIDATION', field);
        assert.equal(err.details?.rule, rule, JSON.stringify(body));
      }
      assert.deepEqual(await bob.json('GET', url), unchanged, 'a refused update changes nothing');
    });
  });
}
