import assert from 'node:assert/strict';
import { test } from 'node:test';
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

test('browser tier: an ordinary user sees no Administration and no private records of others', async (t) => {
  const server = serverOf();
  if (!browserAvailable(t) || !server) return;
  const { url, adminLogin, adminPassword } = server;

  // Setup as the administrator: contacts private by default, one private contact, one ordinary user.
  const admin = await launchBrowser();
  t.after(() => admin.close());
  await signIn(admin.page, url, adminLogin, adminPassword);
  const defaults = await apiCall<{ items: Array<{ object: string; everyoneCanRead: boolean }> }>(
    admin.page,
    url,
    'GET',
    '/api/record-rights/defaults',
  );
  await apiCall(admin.page, url, 'PUT', '/api/record-rights/defaults', {
    items: defaults.items.map((row) =>
      row.object === 'contact'
        ? { ...row, everyoneCanRead: false, everyoneCanEdit: false, everyoneCanDelete: false }
        : row,
    ),
  });
  const secret = await apiCall<{ id: string }>(admin.page, url, 'POST', '/api/contacts', {
    givenName: 'Secret',
    surname: 'Person',
  });
  await apiCall(admin.page, url, 'POST', '/api/users', {
    login: 'olga',
    password: 'olga-password-1',
    displayName: 'Olga Ordinary',
    language: 'en',
    timeZone: 'Europe/Moscow',
    roleIds: [],
  });

  const user = await launchBrowser(400, 800);
  t.after(() => user.close());
  const { page } = user;

  await t.test('the sign-in page switches its language before anyone signs in', async () => {
    await page.goto(`${url}/`);
    await page.getByTestId('sign-in-language').getByText('RU').click();
    assert.equal(await textOf(page.getByTestId('sign-in-submit')), 'Войти');
    await screenshot(page, 'sign-in-ru-400');
    await page.getByTestId('sign-in-language').getByText('EN').click();
    assert.equal(await textOf(page.getByTestId('sign-in-submit')), 'Sign in');
  });

  await t.test('the navigation has no Administration', async () => {
    await signIn(page, url, 'olga', 'olga-password-1');
    await page.getByTestId('burger').click();
    await page.getByTestId('nav-profile').waitFor();
    assert.equal(await page.getByTestId('nav-admin').count(), 0);
    await screenshot(page, 'navigation-ordinary-user-400');
    await page.getByTestId('burger').click();
  });

  await t.test('opening the Administration URL shows the no-access page', async () => {
    await page.goto(`${url}/admin`);
    await page.getByTestId('no-access').waitFor();
    assert.equal(await page.getByTestId('admin-page').count(), 0);
    await screenshot(page, 'no-access-400');
  });

  await t.test("another user's private contact shows not found or no access", async () => {
    await page.goto(`${url}/contacts/${secret.id}`);
    await page.getByTestId('record-not-found').waitFor();
    assert.doesNotMatch(await textOf(page.locator('body')), /Secret Person/);
    await screenshot(page, 'record-not-found-400');
  });

  await t.test('the private contact is not in the contact list either', async () => {
    await page.goto(`${url}/contacts`);
    await page.getByTestId('list-table').waitFor();
    // Wait until the list has answered: rows or the empty state.
    await eventually(
      async () => (await page.getByTestId('list-row').count()) + (await page.getByTestId('list-empty').count()) > 0,
      'the contact list loaded',
    );
    assert.doesNotMatch(await textOf(page.getByTestId('contact-list')), /Secret Person/);
  });
});
