import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { OAUTH_REDIRECT_PATH } from '../../src/server/mail/microsoft-365.ts';
import type { Client } from '../helpers/app.ts';

/**
 * The browser's OAuth redirect chain walked by hand (fetch with `redirect: 'manual'`; the session cookie travels
 * with `inject`), for the OAuth harness and the contact-sync bench. No emulator or app code is loaded here.
 */

export const PUBLIC_URL = 'http://localhost:3000';

/** The Location of a 302, asserting the status. */
export function locationOf(res: LightMyRequestResponse | Response): string {
  const status = 'statusCode' in res ? res.statusCode : res.status;
  const location = 'statusCode' in res ? res.headers.location : res.headers.get('location');
  assert.equal(status, 302, `expected a redirect, got ${status}`);
  assert.ok(typeof location === 'string' && location, 'a Location header');
  return location;
}

/** Tandem's start route → the identity provider's authorize URL. */
export async function startSignIn(client: Client, url: string): Promise<URL> {
  return new URL(locationOf(await client.request('GET', url)));
}

/** The emulator's authorize endpoint for a pre-signed-in, consented user → the callback path with code and state. */
export async function authorize(authorizeUrl: URL): Promise<string> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  const back = new URL(locationOf(res));
  assert.equal(`${back.origin}${back.pathname}`, `${PUBLIC_URL}${OAUTH_REDIRECT_PATH}`);
  return `${back.pathname}${back.search}`;
}

/** Tandem's callback → where it sends the browser (path and query). */
export async function callback(client: Client, path: string): Promise<URL> {
  return new URL(locationOf(await client.request('GET', path)), PUBLIC_URL);
}

/** The whole chain for a new mailbox; returns Tandem's final redirect. */
export async function signInNew(client: Client, email: string, serviceId: string): Promise<URL> {
  const authorizeUrl = await startSignIn(
    client,
    `/api/mailboxes/oauth/start?email=${encodeURIComponent(email)}&mailServiceId=${serviceId}`,
  );
  return callback(client, await authorize(authorizeUrl));
}

/** The mailbox id in `/mailboxes/<id>/settings?connected=1`, asserting that shape. */
export function connectedMailboxId(finalUrl: URL): string {
  const m = /^\/mailboxes\/([^/]+)\/settings$/.exec(finalUrl.pathname);
  assert.ok(m?.[1], `expected the settings page, got ${finalUrl.href}`);
  assert.equal(finalUrl.searchParams.get('connected'), '1');
  return m[1];
}

/** The error code in `/mailboxes/oauth-result?error=<code>`, asserting that shape. */
export function resultError(finalUrl: URL): string | null {
  assert.equal(finalUrl.pathname, '/mailboxes/oauth-result', finalUrl.href);
  return finalUrl.searchParams.get('error');
}
