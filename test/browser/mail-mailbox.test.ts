import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  apiCall,
  browserAvailable,
  eventually,
  launchBrowser,
  screenshot,
  serveAppForFile,
  signIn,
  textOf,
} from './browser-harness.ts';

const serverOf = serveAppForFile();

interface SyncSettings {
  mail: { download: boolean; folders: unknown; since: string };
  contacts: { auto: boolean; import: boolean; importFolders: unknown; export: boolean; exportScope: unknown };
  activities: { auto: boolean; importFrom: string; export: boolean; exportScope: unknown };
}

/** Opens Actions → «Синхронизировать …» once the user's mailboxes have loaded (the command is a submenu then). */
async function openSyncMenu(page: Page, kind: 'contacts' | 'activities'): Promise<void> {
  await page.getByTestId('actions-menu').click();
  const command = page.getByTestId(`sync-${kind}`);
  await eventually(async () => (await command.getAttribute('data-sub-menu-item')) !== null, 'mailboxes loaded');
  await command.click();
}

/** Saves the settings page and waits for the server's answer to come back. */
async function saveSettings(page: Page): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().includes('/sync-settings') && r.request().method() === 'PUT');
  await page.getByTestId('settings-save').click();
  await answered;
}

test('browser tier: a user connects a mailbox and sets up its synchronization', async (t) => {
  const server = serverOf();
  if (!browserAvailable(t) || !server) return;
  const { url, adminLogin, adminPassword } = server;

  // Setup as the administrator: two Exchange services (nothing listens on port 1 of loopback, so a
  // connection test fails at once), a provider domain, an ordinary user, a contact group and an activity group.
  const admin = await launchBrowser();
  t.after(() => admin.close());
  await signIn(admin.page, url, adminLogin, adminPassword);
  const corp = await apiCall<{ id: string }>(admin.page, url, 'POST', '/api/mail-services', {
    type: 'exchange',
    address: '127.0.0.1:1',
    name: 'Corp Exchange',
    loginFormat: 'manual',
    auth: 'basic',
  });
  await apiCall(admin.page, url, 'POST', '/api/mail-services', {
    type: 'exchange',
    address: '127.0.0.2:1',
    name: 'Branch Exchange',
    loginFormat: 'mailboxName',
    auth: 'basic',
  });
  await apiCall(admin.page, url, 'POST', '/api/mail-provider-domains', {
    domain: 'corp.example',
    mailServiceId: corp.id,
  });
  await apiCall(admin.page, url, 'POST', '/api/users', {
    login: 'irina',
    password: 'irina-password-1',
    displayName: 'Irina User',
    language: 'en',
    timeZone: 'Europe/Moscow',
    roleIds: [],
  });

  const browser = await launchBrowser(1280, 800);
  t.after(() => browser.close());
  const { page } = browser;
  await signIn(page, url, 'irina', 'irina-password-1');
  await apiCall(page, url, 'POST', '/api/groups', { name: 'Key partners', object: 'contact', kind: 'static' });
  await apiCall(page, url, 'POST', '/api/groups', { name: 'Board meetings', object: 'activity', kind: 'static' });

  await t.test('MB-1, MS-9, MS-5: the dialog from the profile detects the provider by the domain', async () => {
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('mailbox-list-empty').waitFor();
    await page.getByTestId('mailbox-add').click();
    await page.getByTestId('new-account-email').fill('Irina@CORP.example');
    await page.getByTestId('new-account-next').click();
    await page.getByTestId('new-account-credentials-step').waitFor();
    assert.equal(await textOf(page.getByTestId('new-account-service-name')), 'Corp Exchange');
    await page.getByTestId('new-account-detected').waitFor();
    // MS-5: «Формировать имя вручную» asks for the user name.
    await page.getByTestId('new-account-login').waitFor();
    await screenshot(page, 'new-account-detected-1280');
  });

  await t.test('MS-5: a provider that uses the mailbox name asks for the password only', async () => {
    await page.getByTestId('new-account-change-provider').click();
    await page.getByTestId('provider-option').filter({ hasText: 'Branch Exchange' }).click();
    await page.getByTestId('new-account-choose-next').click();
    assert.equal(await page.getByTestId('new-account-login').count(), 0);
    assert.equal(await textOf(page.getByTestId('new-account-implied-login')), 'User name: Irina');
    await page.getByTestId('new-account-change-provider').click();
    await page.getByTestId('provider-option').filter({ hasText: 'Corp Exchange' }).click();
    await page.getByTestId('new-account-choose-next').click();
  });

  await t.test('MB-3: a failed connection test is told in words and nothing is saved', async () => {
    await page.getByTestId('new-account-login').fill('CORP\\irina');
    await page.getByTestId('new-account-password').fill('mailbox-password');
    await page.getByTestId('new-account-save').click();
    await page.getByTestId('new-account-failure').waitFor();
    const words = await textOf(page.getByTestId('new-account-failure'));
    assert.match(words, /could not be reached|was not found|secure connection/);
    assert.doesNotMatch(words, /TANDEM_ERR/);
    await screenshot(page, 'new-account-test-failed-1280');
    await page.keyboard.press('Escape');
    const mine = await apiCall<{ items: unknown[] }>(page, url, 'GET', '/api/mailboxes');
    assert.equal(mine.items.length, 0);
  });

  let mailboxId = '';
  await t.test('the mailbox list shows address, provider and state', async () => {
    // The connection test cannot pass without a mail server; the mailbox is saved untested, as `?skipTest` allows.
    const created = await apiCall<{ id: string }>(page, url, 'POST', '/api/mailboxes?skipTest=true', {
      email: 'irina@corp.example',
      mailServiceId: corp.id,
      login: 'CORP\\irina',
      password: 'mailbox-password',
    });
    mailboxId = created.id;
    await page.goto(`${url}/mailboxes`);
    const row = page.getByTestId('mailbox-row');
    await row.waitFor();
    const text = await textOf(row);
    assert.match(text, /irina@corp\.example/);
    assert.match(text, /Corp Exchange/);
    assert.equal(await row.getByTestId('mailbox-state').filter({ visible: true }).getAttribute('data-state'), 'new');
    await screenshot(page, 'mailboxes-page-1280');
  });

  await t.test('MS-8, MB-2: the comm panel ⋯ menu opens the settings and the mailbox list', async () => {
    await page.goto(`${url}/contacts`);
    await page.getByTestId('comm-open').click();
    await page.getByTestId('comm-mailbox').waitFor();
    await page.getByTestId('comm-menu').click();
    await page.getByTestId('comm-new-account').waitFor();
    await screenshot(page, 'comm-panel-menu-1280');
    // «Перейти к настройке почтовых ящиков» → the mailbox list, whose «Добавить» opens the same dialog.
    await page.getByTestId('comm-mailboxes').click();
    await page.waitForURL(`${url}/mailboxes`);
    await page.getByTestId('mailboxes-page').getByTestId('mailbox-add').click();
    await page.getByTestId('new-account-email').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('new-account-email').waitFor({ state: 'detached' });
    await page.getByTestId('comm-menu').click();
    await page.getByTestId('comm-edit-settings').click();
    await page.waitForURL(`${url}/mailboxes/${mailboxId}/settings`);
    await page.getByTestId('settings-mail').waitFor();
    await page.getByTestId('comm-collapse').click();
  });

  await t.test('MB-2, ML-5: the «Почта» tab saves', async () => {
    await page.getByTestId('mail-download').click();
    await saveSettings(page);
    const settings = await apiCall<SyncSettings>(page, url, 'GET', `/api/mailboxes/${mailboxId}/sync-settings`);
    assert.equal(settings.mail.download, false);
    await screenshot(page, 'settings-mail-1280');
  });

  await t.test('AC-7, AC-5: the «Встречи и задачи» tab saves, with export from chosen groups', async () => {
    await page.getByTestId('settings-tab-activities').click();
    await page.getByTestId('activities-auto').click();
    await page.getByTestId('activities-export').click();
    await page.getByTestId('activities-export-selected').click();
    await page.getByTestId('activities-export-groups').getByText('Board meetings').click();
    await saveSettings(page);
    const settings = await apiCall<SyncSettings>(page, url, 'GET', `/api/mailboxes/${mailboxId}/sync-settings`);
    assert.equal(settings.activities.auto, true);
    assert.equal(settings.activities.export, true);
    assert.equal((settings.activities.exportScope as { groupIds: string[] }).groupIds.length, 1);
    await screenshot(page, 'settings-activities-1280');
  });

  await t.test('CT-3: the «Контакты» tab saves export by contact type', async () => {
    await page.getByTestId('settings-tab-contacts').click();
    await page.getByTestId('contacts-export').click();
    await page.getByTestId('contacts-export-selected').click();
    await page.getByTestId('contacts-export-type-employee').click();
    await page.getByTestId('contacts-export-from-groups').click();
    await page.getByTestId('contacts-export-groups').getByText('Key partners').click();
    await saveSettings(page);
    const settings = await apiCall<SyncSettings>(page, url, 'GET', `/api/mailboxes/${mailboxId}/sync-settings`);
    assert.equal(settings.contacts.export, true);
    const scope = settings.contacts.exportScope as { types: string[]; groupIds: string[] };
    assert.deepEqual(scope.types, ['employee']);
    assert.equal(scope.groupIds.length, 1);
    await screenshot(page, 'settings-contacts-1280');
  });

  await t.test('CT-1: choosing folders but none is refused next to the field', async () => {
    await page.getByTestId('contacts-folders-selected').click();
    await saveSettings(page);
    await eventually(
      async () => (await textOf(page.getByTestId('contacts-folders'))).includes('Required'),
      'error next to the folder choice',
    );
    const settings = await apiCall<SyncSettings>(page, url, 'GET', `/api/mailboxes/${mailboxId}/sync-settings`);
    assert.equal(settings.contacts.importFolders, 'all');
    await screenshot(page, 'settings-contacts-error-1280');
    await page.getByTestId('contacts-folders-all').click();
  });

  await t.test('MB-2: Contacts and Activities → Actions → «Настроить <email>» open the right tab', async () => {
    await page.goto(`${url}/contacts`);
    await openSyncMenu(page, 'contacts');
    const configure = page.getByTestId('sync-configure');
    await configure.waitFor();
    assert.equal(await textOf(configure), 'Set up irina@corp.example');
    // CT-5: contacts can be run now; AC-8 (activities) arrives with their sync and stays disabled with a hint.
    const run = page.getByTestId('sync-run');
    assert.equal(await run.getAttribute('data-disabled'), null, 'contacts run is enabled');
    assert.equal(await page.getByTestId('sync-run-hint').count(), 0);
    await page.screenshot({ path: '.tmp/screenshots/contacts-actions-configure-1280.png' });
    await configure.click();
    await page.waitForURL(/\/settings\?tab=contacts$/);
    await page.getByTestId('settings-contacts').waitFor();

    await page.goto(`${url}/activities`);
    await openSyncMenu(page, 'activities');
    const activitiesRun = page.getByTestId('sync-run');
    await activitiesRun.waitFor();
    assert.ok(
      (await activitiesRun.getAttribute('data-disabled')) !== null || (await activitiesRun.isDisabled()),
      'activities run is disabled',
    );
    await page.getByTestId('sync-run-hint').waitFor();
    await page.getByTestId('sync-configure').click();
    await page.getByTestId('settings-activities').waitFor();
  });

  await t.test('MB-5: the health page tests the connection and shows the result', async () => {
    await page.goto(`${url}/mailboxes/${mailboxId}/health`);
    await page.getByTestId('health-last-test').waitFor();
    assert.match(await textOf(page.getByTestId('health-last-test')), /Never tested/);
    await page.getByTestId('health-test').click();
    await page.getByTestId('health-last-result').waitFor();
    assert.match(await textOf(page.getByTestId('health-last-result')), /could not be reached|was not found/);
    assert.equal(
      await page.getByTestId('health-state').getByTestId('mailbox-state').getAttribute('data-state'),
      'error',
    );
    await screenshot(page, 'mailbox-health-1280');
  });

  await t.test('a freshly connected mailbox is greeted; failed sign-ins are explained', async () => {
    await page.goto(`${url}/mailboxes/${mailboxId}/settings?connected=1`);
    await page.getByTestId('settings-connected').waitFor();
    await page.goto(`${url}/mailboxes/oauth-result?error=expiredState`);
    await page.getByTestId('oauth-result').waitFor();
    assert.match(await textOf(page.getByTestId('oauth-result')), /longer than 10 minutes/);
    await page.getByTestId('oauth-retry').waitFor();
    await screenshot(page, 'oauth-result-1280');
  });

  await t.test('the settings page in Russian at 400 px', async () => {
    const narrow = await launchBrowser(400, 800);
    t.after(() => narrow.close());
    await signIn(narrow.page, url, 'irina', 'irina-password-1');
    await apiCall(narrow.page, url, 'PATCH', '/api/profile', { language: 'ru' });
    await narrow.page.goto(`${url}/mailboxes/${mailboxId}/settings?tab=contacts`);
    await narrow.page.getByTestId('settings-contacts').waitFor();
    assert.equal(await textOf(narrow.page.getByTestId('settings-tab-mail')), 'Почта');
    assert.equal(await textOf(narrow.page.getByTestId('settings-tab-activities')), 'Встречи и задачи');
    assert.equal(await textOf(narrow.page.getByTestId('settings-tab-contacts')), 'Контакты');
    assert.match(
      await textOf(narrow.page.getByTestId('settings-contacts')),
      /Переносить контакты из выбранных категорий и групп/,
    );
    await screenshot(narrow.page, 'settings-contacts-ru-400');
    await narrow.page.getByTestId('settings-tab-activities').click();
    await screenshot(narrow.page, 'settings-activities-ru-400');
    await narrow.page.goto(`${url}/profile`);
    await narrow.page.getByTestId('mailbox-row').waitFor();
    await narrow.page.getByTestId('mailbox-row').scrollIntoViewIfNeeded();
    await screenshot(narrow.page, 'profile-mailboxes-ru-400');
    await narrow.page.getByTestId('mailbox-add').click();
    await narrow.page.getByTestId('new-account-email').waitFor();
    await screenshot(narrow.page, 'new-account-ru-400');
    await apiCall(narrow.page, url, 'PATCH', '/api/profile', { language: 'en' });
  });

  await t.test('MB-4: deleting the mailbox asks first and removes it', async () => {
    await page.goto(`${url}/profile`);
    await page.getByTestId('mailbox-delete').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('mailbox-list-empty').waitFor();
  });
});
