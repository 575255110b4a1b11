import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Migrator } from 'kysely';
import { userService } from '../../src/server/crm/users/user.service.ts';
import type { Db } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/database.ts';
import { migrationProvider } from '../../src/server/db/migrations/index.ts';
import type { SyncJournalTable } from '../../src/server/db/schema.ts';
import type { Link } from '../../src/server/sync/sync-types.ts';
import { syncJournalService } from '../../src/server/sync-state/sync-journal.service.ts';
import { createSyncStore } from '../../src/server/sync-state/sync-store.service.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/** The sync engine's storage port on SQLite and PostgreSQL (DESIGN §3: status rows, listing rounds, savepoints). */

type F = { name: string; company: string | null };

async function mailboxRow(db: Db, n = 1): Promise<string> {
  await userService.ensureAdministrator(db, 'admin-password-1');
  const owner = await userService.findForLogin(db, 'admin');
  assert.ok(owner);
  const now = new Date().toISOString();
  const serviceId = randomUUID();
  await db
    .insertInto('mail_services')
    .values({
      id: serviceId,
      name: `Contoso ${n}`,
      type: 'exchange',
      address: 'outlook.office365.com',
      download_emails: 1,
      send_emails: 1,
      login_format: 'email',
      auth: 'oauth2',
      client_id: null,
      client_secret_enc: null,
      tenant: 'common',
      protocol: 'graph',
      authority_url: 'https://login.microsoftonline.com',
      graph_url: 'https://graph.microsoft.com',
      imap_host: null,
      imap_port: null,
      imap_security: null,
      smtp_host: null,
      smtp_port: null,
      smtp_security: null,
      created_at: now,
      modified_at: now,
    })
    .execute();
  const id = randomUUID();
  await db
    .insertInto('mailboxes')
    .values({
      id,
      email: `anna${n}@contoso.example`,
      email_lower: `anna${n}@contoso.example`,
      mail_service_id: serviceId,
      owner_id: owner.id,
      login: null,
      password_enc: null,
      state: 'connected',
      access_token_enc: null,
      refresh_token_enc: null,
      token_expires_at: null,
      remote_user_id: null,
      last_test_at: null,
      last_test_result: null,
      sync_settings: null,
      created_at: now,
      modified_at: now,
    })
    .execute();
  return id;
}

function link(n: number, fields: F, crm: F = fields): Link<F> {
  return {
    crmId: `crm-${n}`,
    remoteId: `remote-${n}`,
    folderId: 'contacts',
    remoteVersion: 'v1',
    crmSeq: n,
    base: fields,
    crmBase: crm,
    pending: null,
  };
}

for (const dialect of await dialects()) {
  describe(`sync store on ${dialect.name}`, () => {
    let database: TestDatabase;
    let mailboxId: string;

    before(async () => {
      database = await dialect.open();
      mailboxId = await mailboxRow(database.db);
    });
    after(async () => database.drop());

    const store = (mailbox = mailboxId) =>
      createSyncStore<F>({
        db: database.db,
        mailboxId: mailbox,
        kind: 'contacts',
        runId: null,
        writer: () => {
          const none = async (): Promise<never> => {
            throw new Error('no CRM writes here');
          };
          return { create: none, update: none, delete: none };
        },
      });

    test('a status row keeps both sides whether or not they differ (CT-6)', async () => {
      const same = link(1, { name: 'Анна', company: 'Ромашка' });
      const differs = link(2, { name: 'Zoë 🙂', company: 'Unknown Ltd' }, { name: 'Zoë 🙂', company: null });
      await store().transaction((tx) => tx.saveLinks([same, differs]));
      const read = await store().linksByCrm(['crm-1', 'crm-2']);
      assert.deepEqual(read.get('crm-1'), same);
      assert.deepEqual(read.get('crm-2'), differs);
    });

    test('a status row stores the remote side without its empty fields, and reads it back whole (CT-6)', async () => {
      const plain = store();
      const blankStore = createSyncStore<F>({
        db: database.db,
        mailboxId,
        kind: 'contacts',
        runId: null,
        writer: () => ({}) as never,
        blank: () => ({ name: '', company: null }),
      });
      const hedgehog = link(5, { name: 'Ёж', company: null }, { name: 'Ёж', company: 'Ромашка' });
      await blankStore.transaction((tx) => tx.saveLinks([hedgehog]));
      const row = await database.db
        .selectFrom('sync_links')
        .select(['base', 'crm_base'])
        .where('crm_id', '=', 'crm-5')
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(row.base ?? ''), { name: 'Ёж' });
      assert.deepEqual(JSON.parse(row.crm_base ?? ''), [['company', 'Ромашка']]);
      assert.deepEqual((await blankStore.linksByCrm(['crm-5'])).get('crm-5'), hedgehog);
      assert.notDeepEqual((await plain.linksByCrm(['crm-5'])).get('crm-5'), hedgehog, 'the empty map is what fills in');
    });

    test('rows written in a savepoint that was rolled back are still marked seen by the round (CT-6)', async () => {
      // The end of a full listing treats every row not seen in the round as gone from the server: a row whose
      // rewrite was undone must still be marked, or it would be offered for deletion.
      const s = store();
      await s.transaction((tx) => tx.saveLinks([link(3, { name: 'Three', company: null })]));
      await s.transaction(async (tx) => {
        await tx.saveLinks([link(4, { name: 'Four', company: null })], 'round-1');
        await assert.rejects(
          tx.isolated(async () => {
            await tx.saveLink(link(3, { name: 'Three, renamed', company: null }), 'round-1');
            throw new Error('the item failed');
          }),
        );
        await tx.markSeen(['remote-3', 'remote-4'], 'round-1');
      });
      const unseen = await s.transaction((tx) => tx.unseenInFolder('contacts', 'round-1'));
      assert.deepEqual(
        unseen.map((l) => l.remoteId).filter((id) => id === 'remote-3' || id === 'remote-4'),
        [],
      );
      assert.equal((await s.linksByCrm(['crm-3'])).get('crm-3')?.base?.name, 'Three', 'the failed rewrite is undone');
    });

    test("a mailbox's first import finds the status rows it wrote itself, by either id (CT-6)", async () => {
      // With no rows when the run first looks, lookups skip the database for ids the run has not written; the ones
      // it has written must still be found (an item listed twice in one round is linked once).
      const s = store(await mailboxRow(database.db, 2));
      assert.equal((await s.linksByRemote(['remote-7'])).size, 0);
      await s.transaction((tx) => tx.saveLinks([link(7, { name: 'Seven', company: null })]));
      assert.equal((await s.linksByRemote(['remote-7', 'remote-8'])).get('remote-7')?.crmId, 'crm-7');
      assert.equal((await s.linksByCrm(['crm-7'])).get('crm-7')?.remoteId, 'remote-7');
      assert.equal((await s.linksByCrm(['crm-8'])).size, 0);
      assert.deepEqual([...(await s.linkedCrmIds(['crm-7', 'crm-8', 'crm-1']))], ['crm-7']);
      assert.deepEqual([...(await store().linkedCrmIds(['crm-1', 'crm-2', 'crm-9']))].sort(), ['crm-1', 'crm-2']);
      // Rows of ids the run has not written go in with a plain insert; a row it has written is updated.
      const renamed = link(7, { name: 'Seven, renamed', company: null });
      await s.transaction((tx) => tx.saveLinks([renamed, link(8, { name: 'Eight', company: null })]));
      assert.deepEqual((await s.linksByCrm(['crm-7'])).get('crm-7'), renamed);
      assert.equal((await s.linksByRemote(['remote-8'])).get('remote-8')?.crmId, 'crm-8');
    });

    test('journal lines older than the retention go, in every mailbox; newer ones stay, newest first', async () => {
      const other = await mailboxRow(database.db, 3);
      const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
      const now = new Date().toISOString();
      await database.db
        .insertInto('sync_journal')
        .values(
          [mailboxId, other].flatMap((mailbox, i) => [
            journalLine(`old-${i}`, mailbox, old, 1),
            journalLine(`new-${i}`, mailbox, now, 2),
            journalLine(`newer-${i}`, mailbox, now, 3),
          ]),
        )
        .execute();
      const kept = new Date(Date.now() - 30 * 86_400_000).toISOString();
      assert.equal(await syncJournalService.prune(database.db, kept), 2);
      for (const [i, mailbox] of [mailboxId, other].entries()) {
        const { items, total } = await syncJournalService.list(database.db, mailbox, {}, 50, 0);
        assert.equal(total, 2);
        assert.deepEqual(
          items.map((l) => l.id),
          [`newer-${i}`, `new-${i}`],
        );
      }
    });
  });

  describe(`migration 007 on ${dialect.name}`, () => {
    test('status rows and journal lines written before it read the same after it, and after undoing it', async () => {
      const database = await dialect.open();
      try {
        const { db } = database;
        const migrator = new Migrator({ db, provider: migrationProvider });
        const down = await migrator.migrateTo('006-journal-messages');
        assert.equal(down.error, undefined);
        const mailbox = await mailboxRow(db, 4);
        const fields = { name: 'Ёлка 🎄', company: 'Ромашка' };
        // As 006 stored them: content hashes beside the content.
        await db
          .insertInto('sync_links')
          .values({
            ...{ mailbox_id: mailbox, kind: 'contacts', crm_id: 'crm-1', remote_id: 'remote-1', folder_id: 'f' },
            ...{ remote_version: 'v1', crm_seq: 5, base: JSON.stringify(fields), crm_base: '[]', pending: null },
            ...{ base_hash: 'h', crm_hash: 'h', seen_round: null, updated_at: new Date().toISOString() },
          } as never)
          .execute();
        await db
          .insertInto('sync_journal')
          .values(journalLine('line-1', mailbox, new Date().toISOString(), 1))
          .execute();

        assert.deepEqual(await migrateToLatest(db), ['007-lean-sync-rows']);
        const s = createSyncStore<F>({
          db,
          mailboxId: mailbox,
          kind: 'contacts',
          runId: null,
          writer: () => ({}) as never,
        });
        const read = (await s.linksByCrm(['crm-1'])).get('crm-1');
        assert.deepEqual(read, { ...link(1, fields), remoteVersion: 'v1', crmSeq: 5, folderId: 'f' });
        const journal = async () =>
          (await syncJournalService.list(db, mailbox, {}, 10, 0)).items.map((l) => l.itemName);
        assert.deepEqual(await journal(), ['Item line-1']);

        const undone = await migrator.migrateDown();
        assert.equal(undone.error, undefined);
        assert.deepEqual(await journal(), ['Item line-1']);
        assert.deepEqual(await migrateToLatest(db), ['007-lean-sync-rows']);
        assert.deepEqual(await journal(), ['Item line-1']);
      } finally {
        await database.drop();
      }
    });
  });
}

function journalLine(id: string, mailboxId: string, at: string, seq: number): SyncJournalTable {
  return {
    id,
    mailbox_id: mailboxId,
    kind: 'contacts',
    run_id: null,
    at,
    seq,
    action: 'create',
    side: 'crm',
    result: 'ok',
    rule: null,
    crm_id: null,
    remote_id: null,
    item_name: `Item ${id}`,
    message: null,
    message_code: null,
    message_args: null,
  };
}
