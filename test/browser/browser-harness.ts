import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, type TestContext } from 'node:test';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.ts';

/** Debian's Chromium; the browser tier never downloads a browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve('.tmp/screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * True when the browser tier can run. Locally a missing Chromium skips it with a loud line;
 * in CI (CI=true) a skipped tier is a failure.
 */
export function browserAvailable(t: TestContext): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium)`;
  if (process.env.CI === 'true') assert.fail(`browser tier cannot run under CI=true: ${reason}`);
  console.log(`SKIPPED browser tier: ${reason}`);
  t.skip(reason);
  return false;
}

/** The server serves dist/web; build it when missing so the tier also runs on a fresh clone. */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(resolve('dist/web/index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A Chromium with a fresh profile (its own cookies), one page at the given viewport. */
export async function launchBrowser(width = 1280, height = 800): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'tandem-chromium-'));
  // launchPersistentContext is how Playwright takes --user-data-dir: a fresh, throw-away profile.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width, height },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form and waits for the main navigation. */
export async function signIn(page: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('sign-in-login').fill(login);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('nav-contacts').waitFor();
}

/** Polls until `check` returns true (Playwright's expect is not part of playwright-core). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Saves a full-page screenshot under .tmp/screenshots/ for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Mantine pauses toasts while the pointer rests on one; move it away so they can close.
  await page.mouse.move(1, 799);
  // Let toasts and transitions settle so the picture shows the page, not an animation.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** Calls the API with the page's session cookie and CSRF token (setup steps a user would do elsewhere). */
export async function apiCall<T>(
  page: Page,
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const session = await page.request.get(`${baseUrl}/api/session`);
  assert.equal(session.status(), 200, 'apiCall needs a signed-in page');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok(), `${method} ${path} → ${response.status()} ${await response.text()}`);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/** Text of an element as a person sees it; an empty string when it has none. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent())?.trim() ?? '';
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * Starts the app for this file's browser tests (after making sure the UI is built) and stops it after them;
 * returns a getter, undefined until the server is up. `options` go to startTestServer (e.g. env for the emulator).
 */
export function serveAppForFile(options?: Parameters<typeof startTestServer>[0]): () => TestServer | undefined {
  let server: TestServer | undefined;
  before(async () => {
    await ensureWebBuild();
    server = await startTestServer(options);
  });
  after(async () => {
    await server?.close();
  });
  return () => server;
}
