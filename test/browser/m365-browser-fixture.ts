import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type EmulatorFixture, startEmulator } from '../connectors/emulator-fixture.ts';
import { apiCall, eventually, type TestServer } from './browser-harness.ts';

/**
 * The Microsoft 365 emulator wired to a browser-tier Tandem server (DESIGN §6 tier 5): one consented app registered
 * with the server's redirect URI (OA-1), a mail service for it, "the user in Outlook" (the emulator's control API)
 * and connecting a user's mailbox through Tandem's OAuth start URL. Not a test file.
 */

const REDIRECT_PATH = '/0/rest/Office365OAuthAuthenticator/ProcessAuthenticationCode';

export interface M365Browser {
  fx: EmulatorFixture;
  serviceId: string;
  /** "The user in Outlook": the control API acting on one mailbox. */
  outlook<T>(email: string, method: string, path: string, body?: unknown): Promise<T>;
  /** Creates a contact in the mailbox's default Contacts folder. */
  outlookContact(email: string, fields: Record<string, unknown>): Promise<{ id: string }>;
  /**
   * Connects the signed-in user's mailbox the way «Войти через Microsoft» does: Tandem's start URL, the emulator's
   * authorize (the user is pre-signed-in there, so no sign-in page), Tandem's callback; returns the mailbox id.
   */
  connectMailbox(page: Page, email: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the emulator for `server` and adds its mail service as the administrator signed in on `adminPage`. */
export async function m365ForServer(server: TestServer, adminPage: Page): Promise<M365Browser> {
  const fx = await startEmulator({ redirectUri: `${server.url}${REDIRECT_PATH}` });
  const service = await apiCall<{ id: string }>(adminPage, server.url, 'POST', '/api/mail-services', {
    name: 'Contoso 365',
    type: 'exchange',
    address: 'outlook.office365.com',
    loginFormat: 'email',
    auth: 'oauth2',
    clientId: fx.app.clientId,
    clientSecret: fx.app.clientSecret,
    tenant: fx.tenant.id,
    protocol: 'graph',
    authorityUrl: fx.url,
    graphUrl: fx.url,
  });
  const outlook = async <T>(email: string, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${fx.url}/_emulator/users/${encodeURIComponent(email)}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    fx,
    serviceId: service.id,
    outlook,
    outlookContact: (email, fields) =>
      outlook<{ id: string }>(email, 'POST', '/items', { kind: 'contact', folder: 'contacts', fields }),
    async connectMailbox(page, email) {
      const query = new URLSearchParams({ email, mailServiceId: service.id });
      await page.goto(`${server.url}/api/mailboxes/oauth/start?${query.toString()}`);
      await page.waitForURL(/\/mailboxes\/[^/]+\/settings\?connected=1$/);
      const id = /\/mailboxes\/([^/]+)\/settings/.exec(page.url())?.[1];
      assert.ok(id);
      return id;
    },
    close: () => fx.close(),
  };
}

/** Contacts → «Действия» → «Синхронизировать контакты», once the user's mailboxes have loaded (a submenu then). */
export async function openContactSyncMenu(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/contacts`);
  await page.getByTestId('contact-list').waitFor();
  await page.getByTestId('actions-menu').click();
  const command = page.getByTestId('sync-contacts');
  await eventually(async () => (await command.getAttribute('data-sub-menu-item')) !== null, 'mailboxes loaded');
  await command.click();
  await page.getByTestId('sync-run').first().waitFor();
}

/** The rows of the contact list as shown. */
export async function contactRows(page: Page): Promise<string[]> {
  return page.getByTestId('contact-list').getByTestId('list-row').allInnerTexts();
}

/** Picks an option of a Mantine Select by its visible label. */
export async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}
