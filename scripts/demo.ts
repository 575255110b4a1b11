/**
 * `npm run demo`: Tandem and the Microsoft 365 emulator side by side, set up so that a person can add a Microsoft
 * 365 mailbox with OAuth 2.0 sign-in (SPEC §6) without a Microsoft account:
 * - the emulator on 127.0.0.1:5080 with a tenant `demo.test`, a consented app registration whose redirect URI is
 *   Tandem's (OA-1) and which has the delegated permissions Tandem asks for (OA-2), and demo users with seeded
 *   contacts, meetings, tasks and mail;
 * - Tandem on http://localhost:3000 (data in ./data/demo) with an Exchange mail service that reaches the emulator
 *   through Graph, the provider domain `demo.test` (MS-9) and an ordinary user.
 * Restarting is safe: fixed ids, "already exists" answers are accepted, and the emulator keeps its state in a
 * snapshot next to Tandem's data. Ctrl-C stops both.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { delegatedScopes, OAUTH_REDIRECT_PATH } from '../src/server/mail/microsoft-365.ts';

const DATA_DIR = resolve('data/demo');
const EMULATOR = 'http://127.0.0.1:5080';
const TANDEM = 'http://localhost:3000';
const TANDEM_LOCAL = 'http://127.0.0.1:3000';
const ADMIN_PASSWORD = 'admin-password-1';

// Fixed identifiers, so a restart (or an emulator without its snapshot) recreates exactly the same directory and
// Tandem's stored mail service keeps pointing at a valid app registration.
const TENANT = { id: '4f6c0d2a-7b1e-4c55-9a8e-3d2f1b0c9e71', domain: 'demo.test' };
const APP = {
  clientId: '9d3a6f0e-2c41-4b8a-8e57-6a1f0b2c3d4e',
  clientSecret: 'demo-client-secret-do-not-use-in-production',
};
const DEMO_USERS = [
  { id: '1a2b3c4d-0001-4000-8000-00000000a001', email: 'anna@demo.test', displayName: 'Anna Petrova', seed: 11 },
  { id: '1a2b3c4d-0002-4000-8000-00000000b002', email: 'boris@demo.test', displayName: 'Boris Ivanov', seed: 22 },
];
const DEMO_PASSWORD = 'demo-password';
const TANDEM_USER = { login: 'anna', password: 'anna-password-1', displayName: 'Anna Petrova' };
const SERVICE_NAME = 'Microsoft 365 (demo emulator)';

const children: ChildProcess[] = [];
let stopping = false;

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`\n${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the demo.`);
    void stop(1);
  });
  children.push(child);
  return child;
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // SIGTERM lets the emulator write its snapshot and Tandem finish in-flight requests.
  await Promise.all(
    children
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map(
        (c) =>
          new Promise<void>((done) => {
            c.once('exit', () => done());
            c.kill('SIGTERM');
          }),
      ),
  );
  process.exit(code);
}

async function isUp(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

async function waitFor(url: string, what: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await isUp(url)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not start at ${url} within a minute`);
}

/** A JSON call; `accept` lists statuses that count as success besides 2xx (409: it already exists). */
async function call<T>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  accept: number[] = [],
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined && { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const body = (text ? JSON.parse(text) : undefined) as T;
  if (!res.ok && !accept.includes(res.status)) {
    throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status}: ${text.slice(0, 300)}`);
  }
  return { status: res.status, body };
}

/** The emulator's directory: tenant, app registration, users with seeded mailboxes (control API, DESIGN §5). */
async function setUpEmulator(): Promise<void> {
  const control = `${EMULATOR}/_emulator`;
  await call(`${control}/tenants`, { method: 'POST', body: TENANT }, [409]);
  const signInScopes = new Set(['offline_access', 'openid', 'profile']);
  await call(
    `${control}/apps`,
    {
      method: 'POST',
      body: {
        tenant: TENANT.id,
        displayName: 'Tandem CRM (demo)',
        redirectUris: [`${TANDEM}${OAUTH_REDIRECT_PATH}`],
        delegatedScopes: delegatedScopes({
          type: 'exchange',
          protocol: 'graph',
          address: 'outlook.office365.com',
        }).filter((s) => !signInScopes.has(s)),
        applicationRoles: [],
        consented: true,
        ...APP,
      },
    },
    [409],
  );
  for (const user of DEMO_USERS) {
    const created = await call(
      `${control}/users`,
      {
        method: 'POST',
        body: {
          tenant: TENANT.id,
          id: user.id,
          email: user.email,
          password: DEMO_PASSWORD,
          displayName: user.displayName,
          timeZone: 'Europe/Berlin',
        },
      },
      [409],
    );
    // Seed only a new mailbox: seeding again would add a second copy of everything.
    if (created.status === 201) {
      await call(`${control}/users/${encodeURIComponent(user.email)}/seed`, {
        method: 'POST',
        body: { seed: user.seed, contacts: 40, events: 25, tasks: 15, messages: 60 },
      });
    }
  }
}

/** Tandem's side, through its own API as the administrator (DESIGN §4). */
async function setUpTandem(): Promise<void> {
  const session = await fetch(`${TANDEM_LOCAL}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!session.ok) {
    throw new Error(
      `Cannot sign in to Tandem as admin (HTTP ${session.status}). ${DATA_DIR} was probably created with another ` +
        'administrator password; delete that folder and run the demo again.',
    );
  }
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const api = <T>(path: string, method = 'GET', body?: unknown, accept: number[] = []) =>
    call<T>(`${TANDEM_LOCAL}${path}`, { method, headers, ...(body !== undefined && { body }) }, accept);

  const service = {
    name: SERVICE_NAME,
    type: 'exchange',
    address: 'outlook.office365.com',
    downloadEmails: true,
    sendEmails: true,
    loginFormat: 'email',
    auth: 'oauth2',
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    tenant: TENANT.id,
    protocol: 'graph',
    authorityUrl: EMULATOR,
    graphUrl: EMULATOR,
  };
  const services = await api<{ items: { id: string; name: string }[] }>('/api/mail-services?limit=500');
  const existing = services.body.items.find((s) => s.name === SERVICE_NAME);
  const serviceId = existing
    ? (await api<{ id: string }>(`/api/mail-services/${existing.id}`, 'PUT', service)).body.id
    : (await api<{ id: string }>('/api/mail-services', 'POST', service)).body.id;

  const domains = await api<{ items: { id: string; domain: string; mailServiceId: string }[] }>(
    '/api/mail-provider-domains?limit=500',
  );
  const domain = domains.body.items.find((d) => d.domain === TENANT.domain);
  if (!domain) {
    await api('/api/mail-provider-domains', 'POST', { domain: TENANT.domain, mailServiceId: serviceId });
  } else if (domain.mailServiceId !== serviceId) {
    await api(`/api/mail-provider-domains/${domain.id}`, 'PUT', { domain: TENANT.domain, mailServiceId: serviceId });
  }

  const users = await api<{ items: { login: string }[] }>(`/api/users?q=${TANDEM_USER.login}`);
  if (!users.body.items.some((u) => u.login === TANDEM_USER.login)) {
    await api('/api/users', 'POST', TANDEM_USER);
  }
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const [url, what] of [
    [`${EMULATOR}/_emulator/stats`, 'port 5080'],
    [`${TANDEM_LOCAL}/api/health`, 'port 3000'],
  ] as const) {
    if (await isUp(url)) throw new Error(`Something already answers on ${what}; stop it first.`);
  }
  mkdirSync(DATA_DIR, { recursive: true });
  // As `npm start` does: build the UI when it is missing or older than its sources.
  const build = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('Building the web UI failed');

  start('The emulator', ['emulator/src/main.ts'], {
    EMULATOR_PORT: '5080',
    EMULATOR_HOST: '127.0.0.1',
    EMULATOR_SNAPSHOT: resolve(DATA_DIR, 'emulator-snapshot.json'),
  });
  await waitFor(`${EMULATOR}/_emulator/stats`, 'The emulator');
  await setUpEmulator();

  start('Tandem', ['src/server/main.ts', 'start'], {
    PORT: '3000',
    // Fastify binds "localhost" to both 127.0.0.1 and ::1, whichever the browser picks.
    HOST: 'localhost',
    DATA_DIR,
    PUBLIC_URL: TANDEM,
    // Only for the emulator on loopback; never set this in production.
    OAUTH_ALLOW_INSECURE_LOOPBACK: 'true',
    TANDEM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  await waitFor(`${TANDEM_LOCAL}/api/health`, 'Tandem');
  await setUpTandem();

  console.log(`
  Tandem demo is running. Press Ctrl-C to stop both servers.

  Tandem            ${TANDEM}   (use exactly this address: it is the registered redirect URI)
    administrator   admin / ${ADMIN_PASSWORD}
    user            ${TANDEM_USER.login} / ${TANDEM_USER.password}
  Microsoft 365     ${EMULATOR}   (emulator; tenant ${TENANT.domain}, id ${TENANT.id})
    mailboxes       ${DEMO_USERS.map((u) => u.email).join(', ')}  password: ${DEMO_PASSWORD}

  Try it: sign in to Tandem as ${TANDEM_USER.login}, open your profile → Email accounts → Add, enter
  anna@demo.test; the mail service "${SERVICE_NAME}" is picked by its domain. Sign in at the emulator's
  Microsoft-style page with anna@demo.test / ${DEMO_PASSWORD}; you come back to the mailbox settings.
  Data: ${DATA_DIR}
`);
}

main().catch(async (err: unknown) => {
  console.error(`\nDemo failed: ${(err as Error).message ?? err}`);
  await stop(1);
});
