import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  apiCall,
  type Browser,
  browserAvailable,
  eventually,
  launchBrowser,
  screenshot,
  serveAppForFile,
  signIn,
  textOf,
} from './browser-harness.ts';

const serverOf = serveAppForFile();

/** Row texts of the record list currently shown. */
async function rowTexts(page: Page): Promise<string[]> {
  return page.getByTestId('list-row').allInnerTexts();
}

/** Picks an option of a Mantine Select after typing into it. */
async function choose(page: Page, input: ReturnType<Page['getByTestId']>, typed: string, option: string) {
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

test('browser tier: an administrator works with contacts, groups, calendar and languages', async (t) => {
  const server = serverOf();
  if (!browserAvailable(t) || !server) return;
  const { url, adminLogin, adminPassword } = server;
  const browser: Browser = await launchBrowser(1280, 800);
  const { page } = browser;
  t.after(() => browser.close());

  await t.test('anonymous visitors land on the sign-in page; the admin signs in', async () => {
    await page.goto(`${url}/contacts`);
    await page.getByTestId('sign-in-form').waitFor();
    await screenshot(page, 'sign-in-1280');
    await signIn(page, url, adminLogin, adminPassword);
    await page.getByTestId('nav-admin').waitFor();
  });

  await t.test('creates an account', async () => {
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('new-record').click();
    await page.getByTestId('field-name').fill('Acme Engineering Ltd');
    await page.getByTestId('save-record').click();
    // The form lives at /accounts/new, so wait for the saved record's own address.
    await page.waitForURL(/\/accounts\/(?!new$)[^/]+$/);
    assert.ok(!page.url().endsWith('/new'));
    await eventually(
      async () => (await textOf(page.getByTestId('page-title'))) === 'Acme Engineering Ltd',
      'account title',
    );
  });

  let contactUrl = '';
  await t.test('creates a contact with two emails and the account', async () => {
    await page.goto(`${url}/contacts/new`);
    await page.getByTestId('field-givenName').fill('Ivan');
    await page.getByTestId('field-surname').fill('Petrov');
    await page.getByTestId('field-jobTitle').fill('Senior Engineer');
    await choose(page, page.getByTestId('field-account'), 'Acme', 'Acme Engineering Ltd');
    await page.getByTestId('add-email').click();
    await page.getByTestId('add-email').click();
    await page.getByTestId('communication-value').nth(0).fill('ivan.petrov@acme.test');
    await page.getByTestId('communication-value').nth(1).fill('ivan@home.test');
    await page.getByTestId('save-record').click();
    await page.waitForURL(/\/contacts\/(?!new$)[^/]+$/);
    contactUrl = page.url();
    await page.reload();
    await page.getByTestId('contact-form').waitFor();
    const emails = await page
      .getByTestId('communication-value')
      .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    assert.deepEqual(emails.sort(), ['ivan.petrov@acme.test', 'ivan@home.test']);
    assert.equal(await page.getByTestId('field-account').inputValue(), 'Acme Engineering Ltd');
    await screenshot(page, 'contact-record-1280');
  });

  await t.test('a validation error is shown next to its field', async () => {
    await page.goto(`${url}/contacts/new`);
    await page.getByTestId('field-givenName').fill('Broken');
    await page.getByTestId('add-email').click();
    await page.getByTestId('communication-value').fill('not-an-email');
    await page.getByTestId('save-record').click();
    // Mantine links the error text to the input through aria-describedby.
    await eventually(
      async () => (await page.getByTestId('communication-value').getAttribute('aria-invalid')) === 'true',
      'email field marked invalid',
    );
    assert.ok(page.url().endsWith('/contacts/new'), 'an invalid contact is not created');
  });

  await t.test('finds the contact by search', async () => {
    await page.goto(`${url}/contacts`);
    await page.getByTestId('list-search').fill('Petrov');
    await eventually(async () => {
      const rows = await rowTexts(page);
      return rows.length === 1 && rows[0]?.includes('Ivan Petrov') === true;
    }, 'one row with Ivan Petrov');
    assert.match((await rowTexts(page))[0] ?? '', /Acme Engineering Ltd/);
    await page.getByTestId('actions-menu').click();
    const sync = page.getByTestId('sync-contacts');
    assert.ok((await sync.getAttribute('data-disabled')) !== null || (await sync.isDisabled()), 'sync is disabled');
    await page.getByTestId('sync-hint').waitFor();
    await screenshot(page, 'contacts-actions-1280');
    await page.keyboard.press('Escape');
  });

  await t.test('creates a static group and adds the selected contact', async () => {
    await page.getByTestId('group-new').click();
    await page.getByTestId('group-new-static').click();
    await page.getByTestId('group-name').fill('VIP clients');
    await page.getByTestId('group-save').click();
    await page.getByTestId('group-form').waitFor({ state: 'hidden' });
    // The new group is selected and still empty.
    await eventually(async () => (await page.getByTestId('list-empty').count()) === 1, 'empty static group');
    await page.getByTestId('group-all').click();
    await page.getByTestId('list-search').fill('Petrov');
    await eventually(async () => (await rowTexts(page)).length === 1, 'search result');
    await page.getByTestId('list-row').first().getByTestId('row-select').check();
    await page.getByTestId('add-to-group').click();
    await page.getByTestId('add-to-group-item').filter({ hasText: 'VIP clients' }).click();
    await page.getByTestId('group-item').filter({ hasText: 'VIP clients' }).click();
    await page.getByTestId('list-search').fill('');
    await eventually(async () => {
      const rows = await rowTexts(page);
      return rows.length === 1 && rows[0]?.includes('Ivan Petrov') === true;
    }, 'Ivan Petrov in the static group');
  });

  await t.test('creates a dynamic group "job title contains Engineer" and sees the contact in it', async () => {
    await page.getByTestId('group-new').click();
    await page.getByTestId('group-new-dynamic').click();
    await page.getByTestId('group-name').fill('Engineers');
    await page.getByTestId('filter-add-condition').click();
    await choose(page, page.getByTestId('filter-field'), '', 'Job title');
    await page.getByTestId('filter-value').fill('Engineer');
    await screenshot(page, 'dynamic-group-editor-1280');
    await page.getByTestId('group-save').click();
    await page.getByTestId('group-form').waitFor({ state: 'hidden' });
    await eventually(async () => {
      const rows = await rowTexts(page);
      return rows.length === 1 && rows[0]?.includes('Ivan Petrov') === true;
    }, 'Ivan Petrov in the dynamic group');
    await screenshot(page, 'contacts-list-1280');
  });

  await t.test('the week calendar shows an activity marked "show in calendar"', async () => {
    const start = new Date();
    start.setUTCHours(Math.min(start.getUTCHours(), 20), 0, 0, 0);
    const due = new Date(start.getTime() + 60 * 60 * 1000);
    await apiCall(page, url, 'POST', '/api/activities', {
      title: 'Quarterly review',
      category: 'meeting',
      start: start.toISOString(),
      due: due.toISOString(),
      showInCalendar: true,
      notes: '<p>Agenda <script>alert(1)</script><b>bold</b></p>',
    });
    await apiCall(page, url, 'POST', '/api/activities', {
      title: 'Hidden task',
      category: 'task',
      start: start.toISOString(),
      showInCalendar: false,
    });
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('calendar-item').filter({ hasText: 'Quarterly review' }).waitFor();
    assert.equal(await page.getByTestId('calendar-item').filter({ hasText: 'Hidden task' }).count(), 0);
    await screenshot(page, 'calendar-1280');
    await page.getByTestId('comm-open').click();
    await page.getByTestId('comm-panel').waitFor();
    await screenshot(page, 'comm-panel-1280');
    await page.getByTestId('comm-collapse').click();
    await page.getByTestId('comm-panel').waitFor({ state: 'detached' });
    // Notes are HTML: the page shows their text, never runs or renders the markup.
    await page.getByTestId('calendar-item').filter({ hasText: 'Quarterly review' }).getByRole('link').click();
    const notes = await page.getByTestId('field-notes').inputValue();
    assert.match(notes, /Agenda/);
    assert.doesNotMatch(notes, /<b>|<p>/);
    await screenshot(page, 'activity-record-1280');
    await page.getByTestId('nav-activities').click();
    await page.getByTestId('list-row').first().waitFor();
    await screenshot(page, 'activities-list-1280');
  });

  await t.test('switching the profile to Russian translates the pages', async () => {
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('email-accounts').waitFor();
    await page.getByTestId('profile-language').getByText('Русский').click();
    await page.getByTestId('profile-save').click();
    await eventually(async () => (await textOf(page.getByTestId('nav-contacts'))) === 'Контакты', 'Russian nav');
    assert.match(await textOf(page.getByTestId('profile-page')), /Учетные записи почты/);
    // Words the component library adds itself (announced by screen readers) follow the language too.
    assert.ok((await page.getByRole('button', { name: 'Показать или скрыть пароль' }).count()) > 0);
    await screenshot(page, 'profile-ru-1280');

    await page.getByTestId('nav-contacts').click();
    await eventually(async () => (await textOf(page.getByTestId('page-title'))) === 'Контакты', 'Контакты title');
    assert.equal(await textOf(page.getByTestId('actions-menu')), 'Действия');
    assert.equal(await textOf(page.getByTestId('nav-accounts')), 'Контрагенты');
    assert.equal(await textOf(page.getByTestId('nav-activities')), 'Активности');
    await screenshot(page, 'contacts-list-ru-1280');

    await page.goto(contactUrl);
    await page.getByTestId('contact-form').waitFor();
    const record = await textOf(page.getByTestId('contact-record'));
    for (const label of ['Ответственный', 'Средства связи', 'Фамилия', 'Права доступа']) {
      assert.ok(record.includes(label), `record page shows «${label}»`);
    }
    await screenshot(page, 'contact-record-ru-1280');
    await page.getByTestId('tab-access').click();
    await page.getByTestId('grants-tab').waitFor();
    await screenshot(page, 'contact-access-rights-ru-1280');

    // Validation messages come in the user's language (the API names the rule, the UI words it).
    await page.goto(`${url}/contacts/new`);
    await page.getByTestId('field-givenName').fill('Сломанный');
    await page.getByTestId('add-email').click();
    await page.getByTestId('communication-value').fill('не-адрес');
    await page.getByTestId('save-record').click();
    await page.getByText('Это не адрес электронной почты').waitFor();
    await screenshot(page, 'contact-validation-ru-1280');

    await page.getByTestId('nav-admin').click();
    await eventually(
      async () => (await textOf(page.getByTestId('page-title'))) === 'Администрирование',
      'Администрирование title',
    );
    assert.equal(await textOf(page.getByTestId('admin-tab-users')), 'Пользователи');
    await page.getByTestId('user-row').first().waitFor();
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-login').fill('maria');
    await page.getByTestId('user-display-name').fill('Мария Иванова');
    await page.getByTestId('user-password').fill('maria-password-1');
    await screenshot(page, 'admin-user-form-ru-1280');
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-row').filter({ hasText: 'Мария Иванова' }).waitFor();
    await screenshot(page, 'admin-users-ru-1280');
    await page.getByTestId('admin-tab-roles').click();
    await page.getByTestId('role-row').first().waitFor();
    assert.match(await textOf(page.getByTestId('admin-roles')), /Доступ к рабочему месту/);
    await page.getByTestId('admin-tab-rights').click();
    await page.getByTestId('rights-save').waitFor();
    await screenshot(page, 'admin-rights-ru-1280');
  });

  await t.test('narrow window (400px): burger navigation, scrolling tables, drawer panels', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    await page.goto(`${url}/contacts`);
    await page.getByTestId('list-table').waitFor();
    // The collapsed navbar is moved off-screen rather than removed.
    const navBox = await page.getByTestId('nav-contacts').boundingBox();
    assert.ok(!navBox || navBox.x + navBox.width <= 0, 'navigation is collapsed behind the burger');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page itself does not scroll sideways (overflow ${overflow}px)`);
    await screenshot(page, 'contacts-list-ru-400');
    await page.getByTestId('burger').click();
    await page.getByTestId('nav-contacts').waitFor();
    await screenshot(page, 'navigation-ru-400');
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('week-grid').waitFor();
    await screenshot(page, 'calendar-ru-400');
    await page.getByTestId('comm-drawer-open').click();
    await page.getByTestId('comm-panel').waitFor();
    await screenshot(page, 'comm-drawer-ru-400');
    await page.keyboard.press('Escape');
    await page.goto(contactUrl);
    await page.getByTestId('contact-form').waitFor();
    await screenshot(page, 'contact-record-ru-400');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
