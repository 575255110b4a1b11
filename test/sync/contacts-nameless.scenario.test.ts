import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startSyncRuntime } from '../../src/server/jobs/sync-runtime.ts';
import type { Client } from '../helpers/app.ts';
import { dialects } from '../helpers/databases.ts';
import { harnessPerSuite, type RunView } from './sync-harness.ts';

/**
 * CT-7: a mailbox contact without any name is skipped with its reason in the journal while the rest of the run goes
 * on; CT-5: asking for a run while one is pending returns that run; CT-4: the scheduler queues runs for the mailboxes
 * that sync automatically, and only for them. Through the API against the emulator, on both databases.
 */

/** A mailbox's runs, newest first, as its owner sees them. */
const runsOf = async (owner: Client, mailboxId: string) =>
  (await owner.json<{ items: RunView[] }>('GET', `/api/mailboxes/${mailboxId}/sync-runs`, undefined, 200)).items;

for (const dialect of await dialects()) {
  describe(`contact runs: nameless contacts, run requests, schedule (${dialect.name})`, () => {
    describe('nameless contacts', () => {
      const harness = harnessPerSuite(dialect);

      it('CT-7: a contact with only an email or only a company is skipped and journaled; the others are imported', async () => {
        const s = harness();
        await s.outlookContact({ emailAddresses: [{ address: 'nobody@example.ru' }] });
        await s.outlookContact({ companyName: 'ООО «Безымянная»', businessPhones: ['+7 495 000-00-00'] });
        await s.outlookContact({ givenName: 'Named', surname: 'Before' });
        await s.outlookContact({ displayName: 'Только Отображаемое' });
        await s.outlookContact({ surname: 'Фамилиев' });

        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        assert.equal(run.counts.skipped, 2);
        assert.equal(run.counts.created, 3);
        const names = (await s.crmContacts()).map((c) => c.fullName);
        for (const name of ['Named Before', 'Только Отображаемое', 'Фамилиев']) assert.ok(names.includes(name), name);

        const lines = await s.journal({ runId: run.id, rule: 'CT-7' });
        assert.equal(lines.length, 2, JSON.stringify(lines));
        assert.ok(lines.every((l) => l.action === 'skip' && l.result === 'skipped' && l.message));
        assert.deepEqual(lines.map((l) => l.itemName).sort(), ['nobody@example.ru', 'ООО «Безымянная»']);
      });

      it('CT-7: a skipped contact is not retried by a run that finds it unchanged, and is imported once it gets a name', async () => {
        const s = harness();
        const item = await s.outlookContact({ emailAddresses: [{ address: 'later@example.ru' }] });
        assert.equal((await s.sync()).counts.skipped, 1);
        const quiet = await s.sync();
        assert.equal(quiet.counts.skipped, 0);
        assert.equal((await s.journal({ runId: quiet.id, rule: 'CT-7' })).length, 0);

        await s.editOutlookContact(item.id, { givenName: 'Поздний', surname: 'Именной' });
        const named = await s.sync();
        assert.equal(named.counts.created, 1);
        const contact = await s.crmContact('Поздний Именной');
        assert.ok(contact.communications.some((c) => c.value === 'later@example.ru'));
      });
    });

    describe('run requests (CT-5)', () => {
      const harness = harnessPerSuite(dialect);

      it('CT-5: asking again while a run is pending returns that run (created: false); once it ends, a new one is made', async () => {
        const s = harness();
        // Hold the run's first Graph request long enough for the second ask to find it pending.
        await s.fault({ match: { path: '/v1.0/me/' }, delayMs: 1500, count: 1 });
        const first = await s.requestSync();
        assert.equal(first.created, true);
        const second = await s.requestSync();
        assert.deepEqual(second, { ...second, runId: first.runId, created: false });
        assert.equal((await s.waitRun(first.runId)).state, 'succeeded');

        const third = await s.requestSync();
        assert.equal(third.created, true);
        assert.notEqual(third.runId, first.runId);
        assert.equal((await s.waitRun(third.runId)).state, 'succeeded');
      });
    });

    describe('the scheduler (CT-4)', () => {
      const harness = harnessPerSuite(dialect);

      it('CT-4: a tick queues a run for the mailbox with automatic contact sync, not for one without', async () => {
        const s = harness();
        await s.settings({ contacts: { auto: true } });
        await s.outlookContact({ givenName: 'Авто', surname: 'Синхронов' });
        const other = await s.connectMailbox('boris', 'Boris Manual');
        const runtime = startSyncRuntime({
          db: s.database.db,
          vault: s.h.vault,
          config: { oauthAllowInsecureLoopback: true, redisUrl: undefined, syncIntervalMinutes: 15 },
          logger: { info: () => {}, warn: () => {}, error: () => {} },
          scheduler: false,
        });
        try {
          await runtime.tick();
          const [scheduled, ...more] = await runsOf(s.owner, s.mailboxId);
          assert.equal(more.length, 0);
          assert.equal(scheduled?.trigger, 'schedule');
          assert.deepEqual(await runsOf(other.owner, other.mailboxId), []);
          assert.equal((await s.waitRun(scheduled?.id ?? '')).state, 'succeeded');
          await s.crmContact('Авто Синхронов');

          // Within the interval a second tick asks for nothing more.
          await runtime.tick();
          assert.equal((await runsOf(s.owner, s.mailboxId)).length, 1);
          assert.deepEqual(await runsOf(other.owner, other.mailboxId), []);
        } finally {
          await runtime.close();
        }
      });
    });
  });
}
