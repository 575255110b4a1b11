import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiCall,
  browserAvailable,
  eventually,
  launchBrowser,
  SCREENSHOT_DIR,
  screenshot,
  serveAppForFile,
  signIn,
  textOf,
} from './browser-harness.ts';
import { chooseOption, contactRows, m365ForServer, openContactSyncMenu } from './m365-browser-fixture.ts';

/**
 * The contact sync in the UI (CT-5, CT-7, MB-5, DESIGN §3 mass-deletion guard) against the Microsoft 365 emulator:
 * a user runs the sync from Contacts → «Действия», follows it in a toast, finds the contacts in the list, the skipped
 * one in the journal and a conflict with both versions; another user is asked before 60 contacts are deleted, keeps
 * them once and lets them go the next time.
 */

// The emulator's identity endpoints are plain http on loopback.
const serverOf = serveAppForFile({ env: { OAUTH_ALLOW_INSECURE_LOOPBACK: 'true' } });

test('browser tier: contact sync from the Actions menu, its journal and the mass-deletion guard', async (t) => {
  const server = serverOf();
  if (!browserAvailable(t) || !server) return;
  const { url, adminLogin, adminPassword } = server;

  // Setup as the administrator: the emulator's app as an OAuth mail service (MS-7, MS-13) and two users.
  const admin = await launchBrowser();
  t.after(() => admin.close());
  await signIn(admin.page, url, adminLogin, adminPassword);
  const m365 = await m365ForServer(server, admin.page);
  t.after(() => m365.close());
  for (const [login, language] of [
    ['olga', 'ru'],
    ['pavel', 'en'],
  ] as const) {
    await apiCall(admin.page, url, 'POST', '/api/users', {
      login,
      password: `${login}-password-1`,
      displayName: login,
      language,
      timeZone: 'Europe/Moscow',
      roleIds: [],
    });
  }

  await t.test(
    'CT-5, CT-7 in Russian: «Запустить синхронизацию» imports the contacts; the journal shows the skipped one',
    async () => {
      const { email } = await m365.fx.addUser('olga', 'Ольга Смирнова');
      const irina = await m365.outlookContact(email, {
        givenName: 'Ирина',
        surname: 'Котова',
        jobTitle: 'Бухгалтер',
        homeAddress: { street: 'Тверская 1', city: 'Москва' },
      });
      await m365.outlookContact(email, { givenName: 'Пётр', surname: 'Лебедев' });
      await m365.outlookContact(email, {
        givenName: 'Anna',
        surname: 'Berg',
        emailAddresses: [{ address: 'anna@fabrikam.test' }],
      });
      // CT-7: no name field at all, only an address.
      await m365.outlookContact(email, { emailAddresses: [{ address: 'nobody@fabrikam.test' }], jobTitle: 'Unknown' });

      const browser = await launchBrowser(1280, 800);
      t.after(() => browser.close());
      const { page } = browser;
      await signIn(page, url, 'olga', 'olga-password-1');
      const mailboxId = await m365.connectMailbox(page, email);

      await openContactSyncMenu(page, url);
      assert.equal((await contactRows(page)).filter((row) => /Котова|Лебедев|Berg/.test(row)).length, 0);
      assert.equal(await textOf(page.getByTestId('sync-contacts')), 'Синхронизировать контакты');
      const run = page.getByTestId('sync-run');
      assert.equal(await textOf(run), 'Запустить синхронизацию');
      assert.equal(await run.getAttribute('data-disabled'), null, 'the command is enabled for contacts');
      assert.equal(await page.getByTestId('sync-run-hint').count(), 0, 'no "arrives later" hint for contacts');
      // The harness's screenshot moves the pointer away, which would close the hover submenu.
      await page.screenshot({ path: `${SCREENSHOT_DIR}/sync-ui-actions-menu-ru-1280.png` });
      // Outlook answers slowly for a moment, so the run is seen while it goes.
      await m365.fx.control.addFault({ match: { path: '/v1.0/' }, delayMs: 1200, count: 3 });
      await run.click();

      // The toast follows the run: progress first, then the result with the counts.
      const notice = page.getByTestId('sync-run-notice');
      await notice.waitFor();
      await eventually(async () => (await notice.getAttribute('data-state')) === 'running', 'the run is running');
      assert.match(
        await textOf(notice),
        /^Синхронизация… создано \d+, обновлено \d+, удалено \d+, пропущено \d+, ошибок \d+$/,
      );
      await page.screenshot({ path: `${SCREENSHOT_DIR}/sync-ui-notification-running-ru-1280.png` });
      await m365.fx.control.clearFaults();
      await eventually(
        async () => (await notice.getAttribute('data-state')) === 'succeeded',
        'the run succeeded',
        30_000,
      );
      assert.equal(await notice.getByTestId('run-count-created').getAttribute('data-value'), '3');
      assert.equal(await notice.getByTestId('run-count-skipped').getAttribute('data-value'), '1');
      assert.match(await textOf(notice.getByTestId('run-count-created')), /^Создано\s*3$/);
      assert.match(
        await textOf(page.locator('.mantine-Notification-root').filter({ has: notice })),
        /Синхронизация завершена/,
      );
      await screenshot(page, 'sync-ui-notification-ru-1280');

      // The list shows the imported contacts without reloading the page; the nameless one is not among them.
      await eventually(async () => {
        const rows = await contactRows(page);
        return ['Ирина Котова', 'Пётр Лебедев', 'Anna Berg'].every((name) => rows.some((row) => row.includes(name)));
      }, 'the imported contacts in the list');
      assert.equal((await contactRows(page)).filter((row) => row.includes('nobody@fabrikam.test')).length, 0);

      // The toast's link opens the journal of that run.
      await notice.getByTestId('sync-run-journal').click();
      await page.waitForURL(new RegExp(`/mailboxes/${mailboxId}/journal\\?runId=`));
      await page.getByTestId('journal-table').waitFor();
      assert.match(await textOf(page.getByTestId('page-title')), /^Журнал синхронизации olga@contoso\.test$/);
      assert.match(await textOf(page.getByTestId('journal-filter-run')), /^Запуск /);
      const lines = page.getByTestId('journal-line');
      const skipped = lines.filter({ has: page.getByTestId('journal-rule').getByText('CT-7', { exact: true }) });
      assert.equal(await skipped.count(), 1);
      assert.equal(await textOf(skipped.getByTestId('journal-item')), 'nobody@fabrikam.test');
      assert.equal(await textOf(skipped.getByTestId('journal-result')), 'Пропущено');
      assert.equal(await textOf(skipped.getByTestId('journal-side')), 'В CRM');
      assert.match(await textOf(skipped.getByTestId('journal-message')), /нет имени/);
      const created = lines.filter({ has: page.locator('[data-testid="journal-result"]', { hasText: 'Выполнено' }) });
      assert.ok((await created.count()) >= 3, 'the three imported contacts are journaled');
      await screenshot(page, 'sync-ui-journal-ru-1280');

      // Filtering by result «Пропущено» leaves only the nameless contact.
      await chooseOption(page, 'journal-filter-result', 'Пропущено');
      await page.waitForURL(/result=skipped/);
      await eventually(async () => (await lines.count()) === 1, 'one skipped line');
      assert.equal(await lines.first().getAttribute('data-rule'), 'CT-7');
      assert.equal(await textOf(lines.first().getByTestId('journal-item')), 'nobody@fabrikam.test');
      await screenshot(page, 'sync-ui-journal-skipped-ru-1280');

      // And «Выполнено» shows the others, not it.
      await chooseOption(page, 'journal-filter-result', 'Выполнено');
      await eventually(async () => (await lines.count()) >= 3, 'the done lines');
      assert.equal(await lines.filter({ hasText: 'nobody@fabrikam.test' }).count(), 0);

      // Conflicts: none yet, said in words.
      await page.getByTestId('journal-tab-conflicts').click();
      assert.match(await textOf(page.getByTestId('conflicts-empty')), /Конфликтов нет/);

      // Ирина changes job and city in the CRM and, differently, in Outlook: the next run («Синхронизировать сейчас»
      // on the journal page) meets a conflict, and the tab shows both versions side by side.
      const found = await apiCall<{ items: { id: string; fullName: string }[] }>(
        page,
        url,
        'GET',
        '/api/contacts?q=Котова',
      );
      const crmIrina = found.items.find((c) => c.fullName === 'Ирина Котова');
      assert.ok(crmIrina);
      await apiCall(page, url, 'PATCH', `/api/contacts/${crmIrina.id}`, {
        jobTitle: 'Главный бухгалтер',
        addresses: [{ type: 'home', street: 'Тверская 1', city: 'Химки', region: '', country: 'Россия', zip: '' }],
      });
      await m365.outlook(email, 'PATCH', `/items/${irina.id}`, {
        kind: 'contact',
        fields: { jobTitle: 'Финансовый директор', homeAddress: { street: 'Невский 2', city: 'Санкт-Петербург' } },
      });
      // The open tab reloads when the run ends: the conflict appears without reloading the page.
      await page.getByTestId('journal-sync-now').click();
      const conflict = page.getByTestId('conflict');
      await conflict.waitFor({ timeout: 30_000 });
      assert.equal(await textOf(conflict.getByTestId('conflict-name')), 'Ирина Котова');
      const resolution = await textOf(conflict.getByTestId('conflict-resolution'));
      assert.ok(['Победила CRM', 'Победил Exchange', 'Объединено'].includes(resolution), resolution);
      const cells = async (field: string) =>
        conflict.locator(`[data-testid="conflict-field"][data-field="${field}"] td`).allInnerTexts();
      const job = await cells('jobTitle');
      assert.deepEqual(job.slice(0, 4), ['Должность', 'Бухгалтер', 'Главный бухгалтер', 'Финансовый директор']);
      const home = await cells('homeAddress');
      assert.deepEqual(home.slice(0, 4), [
        'Домашний адрес',
        'Тверская 1, Москва',
        'Тверская 1, Химки, Россия',
        'Невский 2, Санкт-Петербург',
      ]);
      // The result column holds the winner's values.
      const winner = resolution === 'Победила CRM' ? 2 : 3;
      assert.equal(job[4], job[winner]);
      assert.equal(home[4], home[winner]);
      await screenshot(page, 'sync-ui-conflicts-ru-1280');

      // The same journal at 400 px: the table scrolls sideways inside the page, the page itself does not.
      const narrow = await launchBrowser(400, 800);
      t.after(() => narrow.close());
      await signIn(narrow.page, url, 'olga', 'olga-password-1');
      await narrow.page.goto(`${url}/mailboxes/${mailboxId}/journal`);
      await narrow.page.getByTestId('journal-table').waitFor();
      const pageWidth = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(pageWidth <= 400, `the page is ${pageWidth}px wide at a 400px viewport`);
      await screenshot(narrow.page, 'sync-ui-journal-ru-400');
      await narrow.page.getByTestId('journal-table').scrollIntoViewIfNeeded();
      await screenshot(narrow.page, 'sync-ui-journal-table-ru-400');
      await narrow.page.getByTestId('journal-tab-conflicts').click();
      await narrow.page.getByTestId('conflict').waitFor();
      await screenshot(narrow.page, 'sync-ui-conflicts-ru-400');
      assert.ok((await narrow.page.evaluate(() => document.documentElement.scrollWidth)) <= 400);
      // MB-5: the health page shows the last contact run and leads to the journal.
      await narrow.page.goto(`${url}/mailboxes/${mailboxId}/health`);
      const health = narrow.page.getByTestId('health-contacts-sync');
      await health.getByTestId('run-summary').waitFor();
      assert.equal(await health.getByTestId('run-state').getAttribute('data-state'), 'succeeded');
      await health.scrollIntoViewIfNeeded();
      await screenshot(narrow.page, 'sync-ui-health-ru-400');
    },
  );

  const pavel = { email: '', mailboxId: '' };
  await t.test('DESIGN §3: deleting 60 contacts in Outlook stops the run; «Cancel» keeps them in the CRM', async () => {
    const { email } = await m365.fx.addUser('pavel', 'Pavel Orlov');
    pavel.email = email;
    const ids: string[] = [];
    for (let i = 1; i <= 60; i++) {
      const { id } = await m365.outlookContact(email, {
        givenName: `Guest${String(i).padStart(2, '0')}`,
        surname: 'Guardtest',
      });
      ids.push(id);
    }

    const browser = await launchBrowser(1280, 800);
    t.after(() => browser.close());
    const { page } = browser;
    await signIn(page, url, 'pavel', 'pavel-password-1');
    const mailboxId = await m365.connectMailbox(page, email);
    pavel.mailboxId = mailboxId;
    // Contacts import by default (CT-1); nothing to change, the settings page only runs the sync.
    await page.goto(`${url}/mailboxes/${mailboxId}/settings?tab=contacts`);
    const panel = page.getByTestId('contacts-sync');
    await panel.getByTestId('contacts-sync-none').waitFor();
    await panel.getByTestId('contacts-sync-now').click();
    const summary = panel.getByTestId('run-summary');
    await eventually(async () => (await summary.getAttribute('data-state')) === 'succeeded', 'first run', 60_000);
    assert.equal(await summary.getByTestId('run-count-created').getAttribute('data-value'), '60');
    await screenshot(page, 'sync-ui-settings-contacts-1280');

    // The user deletes all 60 in Outlook; the next run, started from Contacts → Actions, would delete them all in
    // the CRM, so it stops and asks: the toast leads to the question.
    for (const id of ids) await m365.outlook(email, 'DELETE', `/items/${id}?kind=contact`);
    await openContactSyncMenu(page, url);
    await page.getByTestId('sync-run').click();
    const notice = page.getByTestId('sync-run-notice');
    await eventually(
      async () => (await notice.getAttribute('data-state')) === 'needsConfirmation',
      'the second run waits for confirmation',
      60_000,
    );
    assert.match(
      await textOf(page.locator('.mantine-Notification-root').filter({ has: notice })),
      /waits for your confirmation/,
    );
    await screenshot(page, 'sync-ui-notification-needs-confirmation-1280');
    await notice.getByTestId('sync-run-review').click();
    await page.waitForURL(new RegExp(`/mailboxes/${mailboxId}/settings\\?tab=contacts$`));
    await eventually(async () => (await summary.getAttribute('data-state')) === 'needsConfirmation', 'the last run');
    const banner = page.getByTestId('deletion-guard');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-count'), '60');
    assert.equal(
      await textOf(banner.getByTestId('deletion-guard-text')),
      'Synchronization wants to delete 60 contacts in the CRM.',
    );
    await banner.getByTestId('deletion-guard-toggle').click();
    await eventually(async () => (await banner.getByTestId('deletion-guard-item').count()) === 60, 'the 60 listed');
    assert.equal(await textOf(banner.getByTestId('deletion-guard-item').first()), 'Guest01 Guardtest');
    await screenshot(page, 'sync-ui-guard-banner-1280');

    // «Delete» asks once more; closing that question deletes nothing.
    await banner.getByTestId('deletion-guard-delete').click();
    await page.getByTestId('confirm-delete').waitFor();
    await screenshot(page, 'sync-ui-guard-confirm-1280');
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-delete').waitFor({ state: 'detached' });

    // The journal shows the same banner, and at 400 px it fits.
    const narrow = await launchBrowser(400, 800);
    t.after(() => narrow.close());
    await signIn(narrow.page, url, 'pavel', 'pavel-password-1');
    await narrow.page.goto(`${url}/mailboxes/${mailboxId}/journal`);
    await narrow.page.getByTestId('deletion-guard').waitFor();
    assert.equal(await narrow.page.getByTestId('deletion-guard').getAttribute('data-count'), '60');
    // The journal says why: one «Защита от удаления» line of the run that stopped.
    assert.equal(await narrow.page.locator('[data-testid="journal-line"][data-action="guard"]').count(), 1);
    const pageWidth = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 400, `the page is ${pageWidth}px wide at a 400px viewport`);
    await screenshot(narrow.page, 'sync-ui-guard-journal-400');
    await narrow.page.goto(`${url}/mailboxes/${mailboxId}/settings?tab=contacts`);
    await narrow.page.getByTestId('contacts-sync').getByTestId('run-summary').waitFor();
    await narrow.page.getByTestId('deletion-guard-toggle').click();
    await narrow.page.getByTestId('deletion-guard-list').waitFor();
    assert.ok((await narrow.page.evaluate(() => document.documentElement.scrollWidth)) <= 400);
    await screenshot(narrow.page, 'sync-ui-guard-settings-400');

    // «Cancel»: the banner goes, nothing is deleted.
    await banner.getByTestId('deletion-guard-cancel').click();
    await banner.waitFor({ state: 'detached' });
    const pending = await apiCall<{ total: number }>(
      page,
      url,
      'GET',
      `/api/mailboxes/${mailboxId}/pending-deletions?kind=contacts`,
    );
    assert.equal(pending.total, 0);
    const kept = await apiCall<{ total: number }>(page, url, 'GET', '/api/contacts?q=Guardtest&limit=100');
    assert.equal(kept.total, 60);
    await screenshot(page, 'sync-ui-guard-cancelled-1280');
    await page.goto(`${url}/contacts?q=Guardtest`);
    await eventually(async () => (await contactRows(page)).length === 50, 'the first page of 60 kept contacts');

    // A later run has nothing left to ask about.
    await page.goto(`${url}/mailboxes/${mailboxId}/settings?tab=contacts`);
    await page.getByTestId('contacts-sync-now').click();
    await eventually(
      async () =>
        (await page.getByTestId('contacts-sync').getByTestId('run-summary').getAttribute('data-state')) === 'succeeded',
      'a quiet third run',
      60_000,
    );
    assert.equal(await page.getByTestId('deletion-guard').count(), 0);
  });

  await t.test(
    'DESIGN §3: the next time the owner answers «Delete» (asked twice) and a run deletes the 60',
    async () => {
      const { email, mailboxId } = pavel;
      assert.ok(mailboxId, 'runs after the «Cancel» test');
      const ids: string[] = [];
      for (let i = 1; i <= 60; i++) {
        const { id } = await m365.outlookContact(email, {
          givenName: `Temp${String(i).padStart(2, '0')}`,
          surname: 'Leaving',
        });
        ids.push(id);
      }
      const browser = await launchBrowser(1280, 800);
      t.after(() => browser.close());
      const { page } = browser;
      await signIn(page, url, 'pavel', 'pavel-password-1');
      await page.goto(`${url}/mailboxes/${mailboxId}/journal`);
      const runRows = page.getByTestId('sync-run-row');
      await runRows.first().waitFor();
      const before = await runRows.count();
      const latest = async (state: string, what: string, count: number) =>
        eventually(
          async () => (await runRows.count()) === count && (await runRows.first().getAttribute('data-state')) === state,
          what,
          60_000,
        );
      await page.getByTestId('journal-sync-now').click();
      await latest('succeeded', 'the 60 imported', before + 1);
      assert.equal(await runRows.first().getByTestId('run-count-created').getAttribute('data-value'), '60');

      for (const id of ids) await m365.outlook(email, 'DELETE', `/items/${id}?kind=contact`);
      await page.getByTestId('journal-sync-now').click();
      await latest('needsConfirmation', 'the run that asks', before + 2);
      const banner = page.getByTestId('deletion-guard');
      await banner.waitFor();
      assert.equal(await banner.getAttribute('data-count'), '60');
      await banner.getByTestId('deletion-guard-delete').click();
      await page.getByTestId('confirm-delete').click();
      // A run with the owner's confirmation applies them; the banner goes when it ends.
      await banner.waitFor({ state: 'detached', timeout: 60_000 });
      await latest('succeeded', 'the confirmed run', before + 3);
      const confirmed = runRows.first();
      assert.equal(await confirmed.getByTestId('run-count-deleted').getAttribute('data-value'), '60');
      assert.match(await textOf(confirmed), /Confirmed deletions/);
      const left = await apiCall<{ total: number }>(page, url, 'GET', '/api/contacts?q=Leaving&limit=100');
      assert.equal(left.total, 0);
      const kept = await apiCall<{ total: number }>(page, url, 'GET', '/api/contacts?q=Guardtest&limit=100');
      assert.equal(kept.total, 60, 'the contacts kept last time stay');

      // The journal of that run: 60 deletions in the CRM, by CT-6.
      await confirmed.click();
      await chooseOption(page, 'journal-filter-action', 'Delete');
      await eventually(async () => (await textOf(page.getByTestId('journal-total'))) === 'Total: 60', '60 deletions');
      const first = page.getByTestId('journal-line').first();
      assert.equal(await textOf(first.getByTestId('journal-side')), 'In CRM');
      assert.equal(await first.getAttribute('data-rule'), 'CT-6');
      await page.getByTestId('journal-pages').waitFor();
      await screenshot(page, 'sync-ui-journal-deleted-1280');
    },
  );
});
