import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ControlClient } from '../../emulator/src/control/control-client.ts';
import { buildEmulator, type Emulator } from '../../emulator/src/server.ts';
import { startTestServer } from '../helpers/server.ts';
import {
  apiCall,
  browserAvailable,
  ensureWebBuild,
  eventually,
  launchBrowser,
  screenshot,
  signIn,
  textOf,
} from './browser-harness.ts';

const REDIRECT_PATH = '/0/rest/Office365OAuthAuthenticator/ProcessAuthenticationCode';

let tandem: Awaited<ReturnType<typeof startTestServer>> | undefined;
let emulator: Emulator | undefined;
let control: ControlClient;
let emulatorUrl = '';
let tenant: { id: string; domain: string };
let registration: { clientId: string; clientSecret: string };

before(async () => {
  await ensureWebBuild();
  tandem = await startTestServer({ env: { OAUTH_ALLOW_INSECURE_LOOPBACK: 'true' } });
  emulator = await buildEmulator();
  await emulator.app.listen({ port: 0, host: '127.0.0.1' });
  const address = emulator.app.server.address();
  emulatorUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  control = new ControlClient(emulatorUrl);
  tenant = await control.createTenant('contoso.test');
  registration = await control.createApp({
    tenant: tenant.id,
    displayName: 'Tandem CRM',
    // OA-1: the app's redirect URI is Tandem's, exactly as the service form shows it.
    redirectUris: [`${tandem.url}${REDIRECT_PATH}`],
    delegatedScopes: [
      'User.Read',
      'Mail.ReadWrite',
      'Mail.Send',
      'Contacts.ReadWrite',
      'Calendars.ReadWrite',
      'Tasks.ReadWrite',
    ],
    consented: true,
  });
  for (const [local, name] of [
    ['alex', 'Alex Wilber'],
    ['megan', 'Megan Bowen'],
    ['maria', 'Maria Ivanova'],
  ]) {
    await control.createUser({
      tenant: tenant.id,
      email: `${local}@contoso.test`,
      password: `${local}-pw`,
      displayName: name,
    });
  }
});
after(async () => {
  await tandem?.close();
  await emulator?.app.close();
});

/** At the emulator's sign-in page (Entra's element ids), signs in; accepts the consent page if one is shown. */
async function signInAtMicrosoft(page: Page, email: string, password: string, shot?: string): Promise<void> {
  await page.waitForURL((u) => u.toString().startsWith(emulatorUrl));
  await page.locator('#i0116').fill(email);
  await page.locator('#i0118').fill(password);
  if (shot) await screenshot(page, shot);
  await page.locator('#idSIButton9').click();
  await page
    .waitForURL((u) => !u.toString().startsWith(emulatorUrl) || u.toString().includes('consent'), {
      timeout: 15_000,
    })
    .catch(() => undefined);
  if (await page.locator('#idBtn_Accept').count()) await page.locator('#idBtn_Accept').click();
}

/** Profile → «Добавить» → address → «Далее» → the detected provider → «Войти через Microsoft». */
async function startNewAccount(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/profile`);
  await page.getByTestId('mailbox-add').click();
  await page.getByTestId('new-account-email').fill(email);
  await page.getByTestId('new-account-next').click();
  await page.getByTestId('new-account-detected').waitFor();
  await page.getByTestId('new-account-oauth').click();
}

test('browser tier: OA-1, OA-3, MB-1 a user connects a Microsoft 365 mailbox through the sign-in page', async (t) => {
  if (!browserAvailable(t) || !tandem) return;
  const { url } = tandem;

  const admin = await launchBrowser();
  t.after(() => admin.close());
  await signIn(admin.page, url, tandem.adminLogin, tandem.adminPassword);
  // The administrator registers the emulator's app as a provider (MS-7, MS-13) and its domain (MS-9).
  const service = await apiCall<{ id: string; redirectUri: string }>(admin.page, url, 'POST', '/api/mail-services', {
    name: 'Contoso 365',
    type: 'exchange',
    address: 'outlook.office365.com',
    loginFormat: 'email',
    auth: 'oauth2',
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    tenant: tenant.id,
    protocol: 'graph',
    authorityUrl: emulatorUrl,
    graphUrl: emulatorUrl,
  });
  assert.equal(service.redirectUri, `${url}${REDIRECT_PATH}`);
  await apiCall(admin.page, url, 'POST', '/api/mail-provider-domains', {
    domain: tenant.domain,
    mailServiceId: service.id,
  });
  for (const [login, language] of [
    ['anna', 'en'],
    ['boris', 'ru'],
  ]) {
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
    'in English: sign in at Microsoft, come back to the settings with the folders of the mailbox',
    async () => {
      const browser = await launchBrowser(1280, 800);
      t.after(() => browser.close());
      const { page } = browser;
      await signIn(page, url, 'anna', 'anna-password-1');
      await startNewAccount(page, url, 'alex@contoso.test');
      await signInAtMicrosoft(page, 'alex@contoso.test', 'alex-pw', 'oauth-emulator-sign-in-en-1280');
      await page.waitForURL(/\/mailboxes\/[^/]+\/settings\?connected=1$/);
      await page.getByTestId('settings-connected').waitFor();
      assert.match(await textOf(page.getByTestId('settings-connected')), /alex@contoso\.test is connected/);
      // MB-2: the folder pickers are filled from the mailbox on the server.
      await page.getByTestId('mail-folders-selected').click();
      await eventually(async () => (await page.getByTestId('folder-option').count()) > 0, 'mail folders listed');
      assert.match(await textOf(page.getByTestId('mail-folders-tree')), /Inbox/);
      await screenshot(page, 'oauth-connected-settings-en-1280');
      await page.getByTestId('mail-folders-tree').getByText('Inbox', { exact: true }).click();
      const answered = page.waitForResponse(
        (r) => r.url().includes('/sync-settings') && r.request().method() === 'PUT',
      );
      await page.getByTestId('settings-save').click();
      assert.equal((await answered).status(), 200);

      // The mailbox is listed as connected; its health shows the token.
      await page.goto(`${url}/mailboxes`);
      const row = page.getByTestId('mailbox-row');
      await row.waitFor();
      assert.equal(
        await row.getByTestId('mailbox-state').filter({ visible: true }).getAttribute('data-state'),
        'connected',
      );
      await row.getByTestId('mailbox-health').click();
      await page.getByTestId('health-test').click();
      await page.getByTestId('health-last-result').waitFor();
      assert.match(await textOf(page.getByTestId('health-last-result')), /Connected/);
      assert.doesNotMatch(await textOf(page.getByTestId('health-token')), /No token/);
      await screenshot(page, 'oauth-health-en-1280');
    },
  );

  await t.test('signing in with another account than the address is refused and explained', async () => {
    const browser = await launchBrowser(1280, 800);
    t.after(() => browser.close());
    const { page } = browser;
    await signIn(page, url, 'anna', 'anna-password-1');
    await startNewAccount(page, url, 'megan@contoso.test');
    await signInAtMicrosoft(page, 'maria@contoso.test', 'maria-pw');
    await page.waitForURL(/\/mailboxes\/oauth-result\?error=mailboxMismatch$/);
    assert.match(await textOf(page.getByTestId('oauth-result')), /different Microsoft account/);
    await screenshot(page, 'oauth-result-mismatch-en-1280');
    const mine = await apiCall<{ items: Array<{ email: string }> }>(page, url, 'GET', '/api/mailboxes');
    assert.deepEqual(
      mine.items.map((m) => m.email),
      ['alex@contoso.test'],
    );
  });

  await t.test('in Russian at 400 px: «Войти через Microsoft», then a revoked grant asks «Войти снова»', async () => {
    const browser = await launchBrowser(400, 800);
    t.after(() => browser.close());
    const { page } = browser;
    // Short-lived access tokens: every use refreshes, so a revoked grant shows at the next use (OA-3).
    await control.setConfig({ accessTokenLifetimeSec: 60 });
    await signIn(page, url, 'boris', 'boris-password-1');
    await page.goto(`${url}/profile`);
    await page.getByTestId('mailbox-add').click();
    await page.getByTestId('new-account-email').fill('maria@contoso.test');
    await page.getByTestId('new-account-next').click();
    await page.getByTestId('new-account-oauth').waitFor();
    assert.equal(await textOf(page.getByTestId('new-account-oauth')), 'Войти через Microsoft');
    await screenshot(page, 'oauth-new-account-ru-400');
    await page.getByTestId('new-account-oauth').click();
    await signInAtMicrosoft(page, 'maria@contoso.test', 'maria-pw', 'oauth-emulator-sign-in-ru-400');
    await page.waitForURL(/\/settings\?connected=1$/);
    await page.getByTestId('settings-connected').waitFor();
    assert.match(await textOf(page.getByTestId('settings-connected')), /подключён/);
    await screenshot(page, 'oauth-connected-settings-ru-400');

    // OA-3: the grant is revoked at Microsoft and the access token runs out; the next use marks the mailbox.
    const [mailbox] = (await apiCall<{ items: Array<{ id: string }> }>(page, url, 'GET', '/api/mailboxes')).items;
    assert.ok(mailbox);
    await control.revoke('maria@contoso.test');
    await page.goto(`${url}/mailboxes/${mailbox.id}/health`);
    await page.getByTestId('health-test').click();
    await page.getByTestId('health-last-result').waitFor();
    await page.goto(`${url}/contacts`);
    const banner = page.getByTestId('needs-sign-in-banner');
    await eventually(async () => (await banner.count()) === 1, 'the «Требуется вход» banner', 15_000);
    assert.match(await textOf(banner), /Требуется вход/);
    await screenshot(page, 'oauth-needs-sign-in-ru-400');
    await page.getByTestId('banner-sign-in').click();
    await signInAtMicrosoft(page, 'maria@contoso.test', 'maria-pw');
    await page.waitForURL(new RegExp(`/mailboxes/${mailbox.id}/settings\\?connected=1$`));
    await page.getByTestId('settings-connected').waitFor();
    assert.equal(await page.getByTestId('needs-sign-in-banner').count(), 0);
  });
});
