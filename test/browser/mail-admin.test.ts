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

const REDIRECT_PATH = '/0/rest/Office365OAuthAuthenticator/ProcessAuthenticationCode';

/** Picks an option of a Mantine Select. */
async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('browser tier: an administrator manages mail providers and their domains', async (t) => {
  const server = serverOf();
  if (!browserAvailable(t) || !server) return;
  const { url, adminLogin, adminPassword } = server;
  const browser = await launchBrowser(1280, 800);
  t.after(() => browser.close());
  const { page } = browser;
  await signIn(page, url, adminLogin, adminPassword);

  await t.test(
    'MS-3, MS-6, MS-7, OA-1, OA-2: adds an Exchange service with OAuth 2.0 and sees the redirect URI',
    async () => {
      await page.goto(`${url}/admin/mail-services`);
      await page.getByTestId('admin-mail-services').waitFor();
      await page.getByTestId('service-new').click();
      await page.getByTestId('mail-service-form').waitFor();
      // MS-3: a URL is not a service address; the server names the field.
      await page.getByTestId('service-address').fill('https://outlook.office365.com/owa');
      // MS-6: the name follows the address until one is typed.
      assert.equal(await page.getByTestId('service-name').inputValue(), 'https://outlook.office365.com/owa');
      await choose(page, 'service-auth', 'OAuth 2.0');
      // The server says which redirect URI and scopes these settings mean (asked as the form changes).
      await eventually(
        async () => (await page.getByTestId('service-redirect-uri').inputValue()) === `${url}${REDIRECT_PATH}`,
        'redirect URI shown',
      );
      // OA-2: the permissions to grant are shown next to the client id (EWS until the host is Microsoft 365).
      await eventually(
        async () => /EWS\.AccessAsUser\.All/.test(await textOf(page.getByTestId('service-scopes'))),
        'EWS scope shown',
      );
      await page.getByTestId('service-client-id').fill('269d98e4922fb3895e9ae2108cbb5064');
      await page.getByTestId('service-client-secret').fill('very-secret-value');
      await page.getByTestId('service-save').click();
      await eventually(
        async () => (await page.getByTestId('service-address').getAttribute('aria-invalid')) === 'true',
        'address marked invalid',
      );
      assert.match(await textOf(page.getByTestId('mail-service-form')), /without http/);
      await screenshot(page, 'mail-service-invalid-address-1280');

      await page.getByTestId('service-address').fill('outlook.office365.com');
      assert.equal(await page.getByTestId('service-name').inputValue(), 'outlook.office365.com');
      // MS-13: a Microsoft 365 host goes through Graph, so the Graph permissions are listed.
      await eventually(
        async () => /Mail\.ReadWrite/.test(await textOf(page.getByTestId('service-scopes'))),
        'Graph scopes shown',
      );
      await page.getByTestId('service-name').fill('Microsoft 365');
      await screenshot(page, 'mail-service-form-oauth-1280');
      await page.getByTestId('service-save').click();
      await page.getByTestId('mail-service-form').waitFor({ state: 'detached' });
      await eventually(
        async () => (await page.getByTestId('service-row').allInnerTexts()).some((r) => r.includes('Microsoft 365')),
        'service listed',
      );
    },
  );

  await t.test('MS-11: the saved secret shows as "set" with a "change" control; the server URI is shown', async () => {
    await page.getByTestId('service-row').filter({ hasText: 'Microsoft 365' }).getByTestId('service-edit').click();
    await page.getByTestId('mail-service-form').waitFor();
    await page.getByTestId('service-secret-state').waitFor();
    assert.equal(await page.getByTestId('service-client-secret').count(), 0);
    assert.equal(await page.getByTestId('service-redirect-uri').inputValue(), `${url}${REDIRECT_PATH}`);
    await page.getByTestId('copy-redirect-uri').waitFor();
    await page.getByTestId('service-secret-change').click();
    await page.getByTestId('service-client-secret').waitFor();
    await screenshot(page, 'mail-service-edit-secret-1280');
    await page.keyboard.press('Escape');
    await page.getByTestId('mail-service-form').waitFor({ state: 'detached' });
  });

  await t.test('MS-12: an IMAP/SMTP service fills ports from the security choice and keeps a typed port', async () => {
    await page.getByTestId('service-new').click();
    await page.getByTestId('service-type').getByText('IMAP/SMTP').click();
    await page.getByTestId('service-address').fill('mail.example.org');
    assert.equal(await page.getByTestId('service-imap-port').inputValue(), '993');
    assert.equal(await page.getByTestId('service-smtp-port').inputValue(), '465');
    await choose(page, 'service-imap-security', 'STARTTLS');
    assert.equal(await page.getByTestId('service-imap-port').inputValue(), '143');
    await choose(page, 'service-smtp-security', 'STARTTLS');
    assert.equal(await page.getByTestId('service-smtp-port').inputValue(), '587');
    await page.getByTestId('service-imap-host').fill('imap.example.org');
    await page.getByTestId('service-smtp-host').fill('smtp.example.org');
    await page.getByTestId('service-smtp-port').fill('2525');
    // MS-4: at least one of download/send.
    await page.getByTestId('service-download').click();
    await page.getByTestId('service-send').click();
    assert.ok(await page.getByTestId('service-save').isDisabled());
    await page.getByTestId('service-send').click();
    await screenshot(page, 'mail-service-form-imap-1280');
    await page.getByTestId('service-save').click();
    await page.getByTestId('mail-service-form').waitFor({ state: 'detached' });
    const services = await apiCall<{ items: Array<{ name: string; smtp: { port: number } | null }> }>(
      page,
      url,
      'GET',
      '/api/mail-services',
    );
    const imap = services.items.find((s) => s.name === 'mail.example.org');
    assert.equal(imap?.smtp?.port, 2525);
  });

  await t.test('MS-9: adds a provider domain', async () => {
    await page.getByTestId('admin-tab-mail-domains').click();
    await page.getByTestId('domain-new').click();
    await page.getByTestId('domain-name').fill('Contoso.ONMICROSOFT.com');
    await choose(page, 'domain-service', 'Microsoft 365');
    await page.getByTestId('domain-save').click();
    await page.getByTestId('domain-form').waitFor({ state: 'hidden' });
    await eventually(
      async () => (await textOf(page.getByTestId('admin-mail-domains'))).includes('contoso.onmicrosoft.com'),
      'domain listed lowercased',
    );
    await screenshot(page, 'mail-domains-1280');
  });

  await t.test('MS-10: deleting a provider used by a mailbox shows the count', async () => {
    const services = await apiCall<{ items: Array<{ id: string; name: string }> }>(
      page,
      url,
      'GET',
      '/api/mail-services',
    );
    const imap = services.items.find((s) => s.name === 'mail.example.org');
    assert.ok(imap);
    await apiCall(page, url, 'POST', '/api/mailboxes?skipTest=true', {
      email: 'admin@example.org',
      mailServiceId: imap.id,
      password: 'mailbox-password',
    });
    await page.getByTestId('admin-tab-mail-services').click();
    const row = page.getByTestId('service-row').filter({ hasText: 'mail.example.org' });
    await row.getByTestId('service-delete').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('service-delete-error').waitFor();
    assert.match(await textOf(page.getByTestId('service-delete-error')), /mailboxes using it: 1\b/);
    await screenshot(page, 'mail-service-in-use-1280');
    assert.equal(await page.getByTestId('service-row').filter({ hasText: 'mail.example.org' }).count(), 1);
  });

  await t.test(
    'MS-8: from the comm panel, «Новая учетная запись» → «Добавить провайдер» opens the same form',
    async () => {
      await page.goto(`${url}/contacts`);
      await page.getByTestId('comm-open').click();
      await page.getByTestId('comm-menu').click();
      await page.getByTestId('comm-new-account').click();
      await page.getByTestId('new-account-email').fill('admin@fabrikam.example');
      await page.getByTestId('new-account-next').click();
      await page.getByTestId('new-account-choose-step').waitFor();
      await page.getByTestId('new-account-add-provider').click();
      await page.getByTestId('mail-service-form').waitFor();
      await page.getByTestId('service-address').fill('mail.fabrikam.example');
      await page.getByTestId('service-name').fill('Fabrikam Exchange');
      await screenshot(page, 'new-account-add-provider-1280');
      await page.getByTestId('service-save').click();
      // Back in the chooser, with the new provider chosen.
      await page.getByTestId('new-account-choose-step').waitFor();
      const chosen = page.getByTestId('provider-option').filter({ hasText: 'Fabrikam Exchange' });
      assert.equal(await chosen.getAttribute('data-checked'), 'true');
      await page.getByTestId('new-account-choose-next').click();
      assert.equal(await textOf(page.getByTestId('new-account-service-name')), 'Fabrikam Exchange');
      await page.keyboard.press('Escape');
      await page.getByTestId('comm-collapse').click();
    },
  );

  await t.test('the administration tabs in Russian at 400 px', async () => {
    const narrow = await launchBrowser(400, 800);
    t.after(() => narrow.close());
    await signIn(narrow.page, url, adminLogin, adminPassword);
    await apiCall(narrow.page, url, 'PATCH', '/api/profile', { language: 'ru' });
    await narrow.page.goto(`${url}/admin/mail-services`);
    await narrow.page.getByTestId('admin-mail-services').waitFor();
    assert.equal(await textOf(narrow.page.getByTestId('admin-tab-mail-services')), 'Почтовые провайдеры');
    assert.equal(await textOf(narrow.page.getByTestId('admin-tab-mail-domains')), 'Домены почтовых провайдеров');
    await screenshot(narrow.page, 'mail-services-ru-400');
    await narrow.page
      .getByTestId('service-row')
      .filter({ hasText: 'Microsoft 365' })
      .getByTestId('service-edit')
      .click();
    await narrow.page.getByTestId('mail-service-form').waitFor();
    const form = await textOf(narrow.page.getByTestId('mail-service-form'));
    for (const label of ['Адрес почтового сервиса', 'Название сервиса', 'Метод аутентификации', 'Секрет клиента']) {
      assert.ok(form.includes(label), `form shows «${label}»`);
    }
    await screenshot(narrow.page, 'mail-service-form-ru-400');
    await apiCall(narrow.page, url, 'PATCH', '/api/profile', { language: 'en' });
  });
});

test('browser tier: MS-1 an ordinary user sees no mail provider administration', async (t) => {
  const server = serverOf();
  if (!browserAvailable(t) || !server) return;
  const { url, adminLogin, adminPassword } = server;
  const admin = await launchBrowser();
  t.after(() => admin.close());
  await signIn(admin.page, url, adminLogin, adminPassword);
  await apiCall(admin.page, url, 'POST', '/api/users', {
    login: 'petr',
    password: 'petr-password-1',
    displayName: 'Petr Plain',
    language: 'en',
    timeZone: 'Europe/Moscow',
    roleIds: [],
  });

  const user = await launchBrowser();
  t.after(() => user.close());
  const { page } = user;
  await signIn(page, url, 'petr', 'petr-password-1');
  assert.equal(await page.getByTestId('nav-admin').count(), 0);
  await page.goto(`${url}/admin/mail-services`);
  await page.getByTestId('no-access').waitFor();
  assert.equal(await page.getByTestId('admin-mail-services').count(), 0);

  // The new-account dialog lists providers to choose from but offers no «Добавить провайдер».
  await page.goto(`${url}/profile`);
  await page.getByTestId('mailbox-add').click();
  await page.getByTestId('new-account-email').fill('petr@unknown-domain.example');
  await page.getByTestId('new-account-next').click();
  await page.getByTestId('new-account-choose-step').waitFor();
  assert.ok((await page.getByTestId('provider-option').count()) >= 1, 'providers are offered');
  assert.equal(await page.getByTestId('new-account-add-provider').count(), 0);
  await screenshot(page, 'new-account-choose-ordinary-1280');
});
