import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import type { RunView, SyncHarness } from './sync-harness.ts';
import { syncHarness } from './sync-harness.ts';
import { eventually, markedProblems } from './sync-observer.ts';

/**
 * CT-6 "no duplicate is ever created, also after … a lost sync state", in the middle of a run: the mailbox has enough
 * contacts for several delta pages (Tandem asks for 500 a page), the emulator holds one page request back for a few
 * seconds (a delay fault), "the user in Outlook" edits, deletes, moves and adds contacts meanwhile — on pages already
 * taken and on pages still to come — and then that very request is answered with an expired cursor (410 Gone, or
 * syncStateNotFound). The run must list everything again and still end with every contact once, the changes made
 * between the pages applied, and a `resync` line in the journal.
 */

const COUNT = 1600;
const DOMAIN = 'cursor.test';
const marker = (i: number) => `c-${String(i).padStart(5, '0')}@${DOMAIN}`;
/** A follow-up page of a delta round of contacts (not the round's first request, not the folder listing). */
const NEXT_PAGE = '/contacts\\/delta\\?.*\\$skiptoken=/';
/** How long the chosen page request is held back while Outlook changes. */
const HOLD_MS = 6000;

for (const dialect of await dialects()) {
  describe(`a cursor reset in the middle of a run (${dialect.name})`, () => {
    let database: TestDatabase;
    let s: SyncHarness;
    let archive: string;
    /** Outlook ids by index, and what each contact's job title should end as (absent: deleted). */
    const ids: string[] = [];
    const expected = new Map<string, string | null>();

    before(async () => {
      database = await dialect.open();
      s = await syncHarness(database);
      await s.settings({
        contacts: { import: true, importFolders: 'all', export: true, exportScope: 'all' },
        deletions: { toCrm: true, toExchange: true },
      });
      archive = (
        await s.outlook<{ id: string }>('POST', '/folders', {
          kind: 'contact',
          parent: 'contacts',
          displayName: 'Архив',
        })
      ).id;
      for (let i = 0; i < COUNT; i += 50) {
        const refs = await Promise.all(Array.from({ length: 50 }, (_, k) => add(i + k)));
        refs.forEach((id, k) => {
          ids[i + k] = id;
        });
      }
    });
    after(async () => {
      await s.h.fx.control.clearFaults();
      await s.close();
      await database.drop();
    });

    async function add(i: number): Promise<string> {
      const { id } = await s.outlookContact({
        givenName: 'Курсор',
        surname: `Контакт ${i}`,
        jobTitle: `title ${i}`,
        emailAddresses: [{ name: marker(i), address: marker(i) }],
      });
      expected.set(marker(i), `title ${i}`);
      return id;
    }
    const edit = async (i: number, jobTitle: string) => {
      await s.outlook('PATCH', `/items/${encodeURIComponent(ids[i] as string)}`, {
        kind: 'contact',
        fields: { jobTitle },
      });
      expected.set(marker(i), jobTitle);
    };
    const remove = async (i: number) => {
      await s.outlook('DELETE', `/items/${encodeURIComponent(ids[i] as string)}?kind=contact`);
      expected.delete(marker(i));
    };
    const move = async (i: number) => {
      await s.outlook('POST', `/items/${encodeURIComponent(ids[i] as string)}/move`, {
        kind: 'contact',
        folder: archive,
      });
    };
    const noFaultsLeft = async () => {
      const { items } = (await (await fetch(`${s.h.fx.url}/_emulator/faults`)).json()) as { items: unknown[] };
      return items.length === 0 ? true : undefined;
    };

    /**
     * Starts a run, waits until the `skip`+1-th follow-up page request is being held, makes the `meanwhile` changes,
     * then lets that request fail with an expired cursor; returns the run once it ended.
     */
    async function resetMidRun(skip: number, how: '410' | 'syncStateNotFound', meanwhile: () => Promise<void>) {
      const { control } = s.h.fx;
      for (let k = 0; k < skip; k++)
        await control.addFault({ match: { method: 'GET', path: NEXT_PAGE }, delayMs: 0, count: 1 });
      await control.addFault({ match: { method: 'GET', path: NEXT_PAGE }, delayMs: HOLD_MS, count: 1 });
      const running = s.sync();
      // Every rule has fired once its count is used up: the chosen page request is now held back.
      await eventually('the page request to be held back', 60_000, noFaultsLeft, 10);
      const held = Date.now();
      await meanwhile();
      await control.addFault({ match: { method: 'GET', path: NEXT_PAGE }, invalidateDelta: how, count: 1 });
      const took = Date.now() - held;
      const run = await running;
      // The expiry must have hit the held request (the changes fitted into the hold), not a later one.
      assert.ok(took < HOLD_MS, `the changes took too long (${took} ms) to land between the pages`);
      assert.equal(await noFaultsLeft(), true, 'the expired-cursor answer was never given');
      return run;
    }

    async function resyncLines(run: RunView) {
      const page = await s.owner.json<{ items: { action: string; message: string | null }[] }>(
        'GET',
        `/api/mailboxes/${s.mailboxId}/journal?runId=${run.id}&action=resync`,
        undefined,
        200,
      );
      return page.items;
    }

    it('410 Gone on page 3 of the first listing, with Outlook changes made between the pages', async () => {
      const run = await resetMidRun(1, '410', async () => {
        // Pages 1–2 (taken before the reset): edits, deletions and moves; pages 3–4 (not yet seen): edits and
        // deletions; and new contacts.
        for (let i = 0; i < 10; i++) await edit(i, `between pages ${i}`);
        for (let i = 10; i < 15; i++) await remove(i);
        for (let i = 600; i < 605; i++) await move(i);
        for (let i = 1500; i < 1510; i++) await edit(i, `between pages ${i}`);
        for (let i = 1510; i < 1515; i++) await remove(i);
        for (let i = COUNT; i < COUNT + 10; i++) ids[i] = await add(i);
      });
      assert.equal(run.state, 'succeeded', JSON.stringify(run));
      const lines = await resyncLines(run);
      console.log(
        `# ${dialect.name}, 410: ${JSON.stringify(run.counts)}; journal: ${lines.map((l) => l.message).join(' | ')}`,
      );
      assert.ok(lines.length >= 1, 'a resync line in the journal');
      assert.deepEqual(await markedProblems(s, database.db, DOMAIN, expected), []);
    });

    it('syncStateNotFound on page 2 of an incremental round, with changes on both sides made between the pages', async () => {
      // Enough changes for a round of three pages.
      for (let i = 100; i < 1300; i += 40) {
        await Promise.all(Array.from({ length: 40 }, (_, k) => edit(i + k, `round ${i + k}`)));
      }
      // And a few CRM edits waiting for the export stage.
      const crm = await s.crmContacts();
      const crmEdited = crm
        .filter((c) => c.communications.some((x) => x.value === marker(1400) || x.value === marker(1401)))
        .map((c) => c.id);
      assert.equal(crmEdited.length, 2);
      for (const id of crmEdited) await s.owner.json('PATCH', `/api/contacts/${id}`, { jobTitle: 'from the CRM' }, 200);
      expected.set(marker(1400), 'from the CRM');
      expected.set(marker(1401), 'from the CRM');

      const run = await resetMidRun(0, 'syncStateNotFound', async () => {
        for (let i = 150; i < 160; i++) await edit(i, `between pages ${i}`);
        for (let i = 1250; i < 1260; i++) await edit(i, `between pages ${i}`);
        for (let i = 20; i < 25; i++) await remove(i);
        for (let i = 1260; i < 1265; i++) await remove(i);
        for (let i = 700; i < 703; i++) await move(i);
        for (let i = COUNT + 10; i < COUNT + 20; i++) ids[i] = await add(i);
      });
      assert.equal(run.state, 'succeeded', JSON.stringify(run));
      const lines = await resyncLines(run);
      console.log(
        `# ${dialect.name}, syncStateNotFound: ${JSON.stringify(run.counts)}; journal: ${lines.map((l) => l.message).join(' | ')}`,
      );
      assert.ok(lines.length >= 1, 'a resync line in the journal');
      assert.deepEqual(await markedProblems(s, database.db, DOMAIN, expected), []);
      // A run after it has nothing left to do.
      const quiet = await s.sync();
      assert.equal(quiet.state, 'succeeded');
      assert.deepEqual(
        [quiet.counts.created, quiet.counts.updated, quiet.counts.deleted],
        [0, 0, 0],
        JSON.stringify(quiet),
      );
    });
  });
}
