/**
 * Setup for `contact-sync.bench.ts` (not a benchmark itself): the Microsoft 365 emulator in a child process, Tandem
 * in this process on a fresh database with a mailbox connected through the real OAuth sign-in, and the "floor" — the
 * same delta pages fetched through the same Graph connector and bulk-inserted with no sync logic.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { FastifyInstance } from 'fastify';
import { ControlClient } from '../emulator/src/control/control-client.ts';
import { LATIN_LOCALES } from '../emulator/src/seed/people-locales-latin.ts';
import { NON_LATIN_LOCALES } from '../emulator/src/seed/people-locales-non-latin.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import type { ContactFields } from '../src/server/connectors/contact-fields.ts';
import { createGraphMailbox } from '../src/server/connectors/graph/graph-mailbox.ts';
import { createMailboxLimiter, GRAPH_LIMITS } from '../src/server/connectors/mailbox-limiter.ts';
import type { RemoteMailbox } from '../src/server/connectors/port.ts';
import { searchText } from '../src/server/crm/common/list-query.ts';
import { userService } from '../src/server/crm/users/user.service.ts';
import { insertRows } from '../src/server/db/bulk-insert.ts';
import type { Db } from '../src/server/db/database.ts';
import { orderedId } from '../src/server/db/ordered-id.ts';
import type { AddressesTable, CommunicationsTable, ContactsTable } from '../src/server/db/schema.ts';
import { delegatedScopes, OAUTH_REDIRECT_PATH } from '../src/server/mail/microsoft-365.ts';
import { createVault, generateVaultKey } from '../src/server/mail/vault/secret-vault.ts';
import { ADMIN_PASSWORD, type Client, createUser, signIn } from '../test/helpers/app.ts';
import type { TestDatabase } from '../test/helpers/databases.ts';
import { connectedMailboxId, PUBLIC_URL, signInNew } from '../test/oauth/sign-in-chain.ts';

/** What Tandem asks for when it signs a user in to Microsoft 365 over Graph (OA-2). */
const SCOPES = delegatedScopes({ type: 'exchange', protocol: 'graph', address: 'outlook.office365.com' });
const SIGN_IN_SCOPES = ['offline_access', 'openid', 'profile'];

// ---------------------------------------------------------------- measuring

v8.setFlagsFromString('--expose-gc');
/** A full collection before a measured phase, so its RSS starts from live data only. */
export const gc = vm.runInNewContext('gc') as () => void;

/**
 * Samples this process's RSS every `everyMs` while a phase runs; `stop()` returns the peak and the start, in MB, and
 * the CPU seconds the process spent meanwhile (user + system; the emulator's and PostgreSQL's are not in it).
 */
export function rssSampler(everyMs = 20): { stop(): { peakRssMb: number; startRssMb: number; cpuSeconds: number } } {
  gc();
  gc();
  const start = process.memoryUsage.rss();
  const cpu = process.cpuUsage();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      const used = process.cpuUsage(cpu);
      return {
        peakRssMb: Math.round(peak / 1048576),
        startRssMb: Math.round(start / 1048576),
        cpuSeconds: Math.round((used.user + used.system) / 1e4) / 100,
      };
    },
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

// ---------------------------------------------------------------- the emulator, in its own process

export interface EmulatorProcess {
  url: string;
  control: ControlClient;
  tenant: { id: string; domain: string };
  app: { clientId: string; clientSecret: string };
  /**
   * Requests (method + route pattern → count; control calls are not counted) and 429 answers since the last
   * `resetStats`.
   */
  stats(): Promise<{ requests: Record<string, number>; served429: number }>;
  resetStats(): Promise<void>;
  /** A new mailbox user, signed in, with `contacts` seeded contacts (deterministic: the same for every user). */
  addUser(n: number, contacts: number): Promise<string>;
  /** A delegated access token for the user, as Tandem would hold after its sign-in. */
  token(email: string): Promise<string>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}

/** `emulator/src/main.ts` in a child process (its own heap and CPU), with one tenant and a consented app. */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'emulator/src/main.ts'], {
    cwd: `${import.meta.dirname}/..`,
    env: { ...process.env, EMULATOR_PORT: String(port), EMULATOR_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening: ${out}`)));
  });
  child.stdout?.resume();
  // The emulator must not outlive the bench when it ends without close() (an uncaught error, Ctrl-C, SIGTERM).
  const stopChild = () => child.kill();
  process.once('exit', stopChild);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      child.kill();
      process.kill(process.pid, signal);
    });
  }
  const url = `http://127.0.0.1:${port}`;
  const control = new ControlClient(url);
  const tenant = await control.createTenant('contoso.test');
  const redirectUri = `${PUBLIC_URL}${OAUTH_REDIRECT_PATH}`;
  const app = await control.createApp({
    tenant: tenant.id,
    displayName: 'Tandem CRM',
    redirectUris: [redirectUri],
    delegatedScopes: SCOPES.filter((s) => !SIGN_IN_SCOPES.includes(s)),
    consented: true,
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /_emulator${path}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    url,
    control,
    tenant,
    app,
    async stats() {
      const { requests, counters } = await control.stats();
      return { requests, served429: counters.served429 ?? 0 };
    },
    async resetStats() {
      await call('DELETE', '/stats');
    },
    async addUser(n, contacts) {
      const email = `owner${n}@${tenant.domain}`;
      await control.createUser({ tenant: tenant.id, email, password: `owner${n}-pw`, displayName: `Owner ${n}` });
      await control.signIn(email);
      await call('POST', `/users/${encodeURIComponent(email)}/seed`, { seed: 1, contacts });
      return email;
    },
    async token(email) {
      const body = (await control.delegatedTokens({
        tenant: tenant.id,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        redirectUri,
        email,
        scope: SCOPES.join(' '),
      })) as { access_token: string };
      return body.access_token;
    },
    async close() {
      process.off('exit', stopChild);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, delay(5000)]);
    },
  };
}

/**
 * Graph requests (`/v1.0/…` routes; a `$batch` counts once per inner request, as Graph's limits count it, plus once
 * for itself), identity requests (token refreshes) apart, and the 429 answers among them.
 */
export function graphRequests(stats: { requests: Record<string, number>; served429: number }) {
  let graph = 0;
  let identity = 0;
  for (const [route, n] of Object.entries(stats.requests)) {
    if (route.includes(' /v1.0/')) graph += n;
    else identity += n;
  }
  return { graph, identity, served429: stats.served429, byRoute: stats.requests };
}

/** Company names of the emulator's seed; every other one becomes a CRM account, so some contacts match one. */
export function seedCompanies(): string[] {
  return [...Object.values(NON_LATIN_LOCALES), ...Object.values(LATIN_LOCALES)].flatMap((l) => l.companies);
}

// ---------------------------------------------------------------- Tandem with a connected mailbox

export interface Tandem {
  app: FastifyInstance;
  owner: Client;
  ownerId: string;
  mailboxId: string;
  /**
   * Requests a contact sync through the API and polls it every POLL_MS until it ends; returns the run, the wall time
   * until the end was seen, and the run's own time from being queued to finishing.
   */
  sync(): Promise<{ run: RunView; seconds: number; runSeconds: number }>;
  close(): Promise<void>;
}

export interface RunView {
  id: string;
  state: string;
  counts: { created: number; updated: number; deleted: number; skipped: number; failed: number };
  conflicts: number;
  error: { code: string; message: string } | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * How often the bench asks for the run's state: five times as often as the UI (run-follower.ts, once a second). Each
 * poll is a request with its session and rights checks, on the same two cores as the run it measures: at every 50 ms
 * the polls alone took about 1 s of PostgreSQL time per import. The wall time is over-stated by up to POLL_MS.
 */
const POLL_MS = 200;

/**
 * Tandem on `database` (nothing logged), its first administrator, a mail service for the emulator's app, an ordinary
 * user who connects the emulator mailbox `email` through the OAuth sign-in, and accounts named like `accounts`.
 */
export async function startTandem(
  database: TestDatabase,
  emulator: EmulatorProcess,
  email: string,
  accounts: string[],
): Promise<Tandem> {
  await userService.ensureAdministrator(database.db, ADMIN_PASSWORD);
  const app = await buildApp({
    config: loadConfig({
      LOG_LEVEL: 'silent',
      OAUTH_ALLOW_INSECURE_LOOPBACK: 'true',
      PUBLIC_URL,
      LOGIN_RATE_LIMIT: '1000',
    }),
    database,
    version: 'bench',
    logger: false,
    vault: createVault(generateVaultKey()),
  });
  const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  const service = await admin.json<{ id: string }>(
    'POST',
    '/api/mail-services',
    {
      name: 'Contoso 365',
      type: 'exchange',
      address: 'outlook.office365.com',
      downloadEmails: true,
      sendEmails: true,
      loginFormat: 'email',
      auth: 'oauth2',
      clientId: emulator.app.clientId,
      clientSecret: emulator.app.clientSecret,
      tenant: emulator.tenant.id,
      protocol: 'graph',
      authorityUrl: emulator.url,
      graphUrl: emulator.url,
    },
    201,
  );
  const owner = await createUser(admin, app, `owner${randomUUID().slice(0, 8)}`);
  for (const name of accounts) await owner.json('POST', '/api/accounts', { name }, 201);
  // The browser's redirect chain: Tandem's start → the emulator's authorize (pre-signed-in) → Tandem's callback.
  const mailboxId = connectedMailboxId(await signInNew(owner, email, service.id));

  return {
    app,
    owner,
    ownerId: owner.userId,
    mailboxId,
    async sync() {
      const started = performance.now();
      const { runId } = await owner.json<{ runId: string }>(
        'POST',
        `/api/mailboxes/${mailboxId}/sync`,
        { kind: 'contacts' },
        202,
      );
      for (;;) {
        const run = await owner.json<RunView>('GET', `/api/mailboxes/${mailboxId}/sync-runs/${runId}`, undefined, 200);
        if (!['queued', 'running'].includes(run.state)) {
          const runSeconds = (Date.parse(run.finishedAt ?? '') - Date.parse(run.queuedAt)) / 1000;
          return { run, seconds: (performance.now() - started) / 1000, runSeconds };
        }
        if (performance.now() - started > 600_000)
          throw new Error(`run ${runId} did not finish: ${JSON.stringify(run)}`);
        await delay(POLL_MS);
      }
    },
    close: () => app.close(),
  };
}

// ---------------------------------------------------------------- the floor

/**
 * The mailbox as the sync's connector reads it (mail-connections opens it the same way: default delta page size,
 * the same `$select` and `$expand`, the same limiter), with a fixed access token.
 */
export function graphMailbox(emulator: EmulatorProcess, token: string): RemoteMailbox {
  return createGraphMailbox({
    graphUrl: emulator.url,
    getAccessToken: async () => token,
    limiter: createMailboxLimiter(GRAPH_LIMITS),
    allowInsecureLoopback: true,
  });
}

/** Every contact of every contact folder as the connector maps it (a full delta round), by remote id. */
export async function readAllRemote(remote: RemoteMailbox): Promise<Map<string, ContactFields>> {
  const out = new Map<string, ContactFields>();
  for (const folder of await remote.listFolders('contacts')) {
    let cursor: string | null = null;
    for (;;) {
      const page = await remote.contacts.changes(folder.id, cursor);
      for (const c of page.changes) if (c.type === 'upsert') out.set(c.item.id, c.item.fields);
      if (page.complete) break;
      cursor = page.cursor;
    }
  }
  return out;
}

const ADDRESS_SLOTS = [
  ['businessAddress', 'work'],
  ['homeAddress', 'home'],
  ['otherAddress', 'other'],
] as const;

/**
 * The floor of an initial import: list the contact folders, fetch and parse every delta page through the same
 * connector, and insert each page's contacts, communications and addresses with plain multi-row inserts in one
 * transaction per page. No sync logic: no status rows, planning, journal, account lookup, validation or read-back.
 */
export async function floorImport(
  db: Db,
  remote: RemoteMailbox,
  ownerId: string,
): Promise<{ items: number; pages: number }> {
  let items = 0;
  let pages = 0;
  let seq = 0;
  const now = new Date().toISOString();
  for (const folder of await remote.listFolders('contacts')) {
    let cursor: string | null = null;
    for (;;) {
      const page = await remote.contacts.changes(folder.id, cursor);
      pages++;
      const contacts: ContactsTable[] = [];
      const comms: CommunicationsTable[] = [];
      const addrs: AddressesTable[] = [];
      for (const change of page.changes) {
        if (change.type !== 'upsert') continue;
        const f = change.item.fields;
        const id = orderedId();
        const fullName = f.displayName ?? [f.givenName, f.middleName, f.surname].filter(Boolean).join(' ');
        const channels: CommunicationsTable[] = [];
        const channel = (kind: 'email' | 'phone' | 'web', type: string, value: string) =>
          channels.push({
            id: orderedId(),
            record_kind: 'contact',
            record_id: id,
            kind,
            type,
            value,
            value_lower: value.toLowerCase(),
            position: channels.length,
          });
        for (const v of f.emails) channel('email', 'work', v);
        for (const v of f.businessPhones) channel('phone', 'work', v);
        for (const v of f.homePhones) channel('phone', 'home', v);
        if (f.mobilePhone) channel('phone', 'mobile', f.mobilePhone);
        if (f.webPage) channel('web', 'work', f.webPage);
        comms.push(...channels);
        for (const [key, type] of ADDRESS_SLOTS) {
          const a = f[key];
          if (a) addrs.push({ id: orderedId(), record_kind: 'contact', record_id: id, type, ...a, position: 0 });
        }
        contacts.push({
          id,
          given_name: f.givenName,
          middle_name: f.middleName,
          surname: f.surname,
          full_name: fullName,
          job_title: f.jobTitle,
          department: f.department,
          birthday: f.birthday,
          type_id: null,
          account_id: null,
          owner_id: ownerId,
          notes: f.notes,
          // As a new contact's row has it (name, job, department, every channel value): its FTS index costs the same.
          search_text: searchText([fullName, f.jobTitle, f.department, ...channels.map((c) => c.value)]),
          change_seq: ++seq,
          created_by: ownerId,
          created_at: now,
          modified_by: ownerId,
          modified_at: now,
        });
      }
      // The same bulk insert as Tandem's (an array per column on PostgreSQL, multi-row VALUES on SQLite), so the
      // floor is the cheapest way to store these rows and the ratio shows the sync's own cost.
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, 'contacts', contacts);
        await insertRows(trx, 'communications', comms);
        await insertRows(trx, 'addresses', addrs);
      });
      items += contacts.length;
      if (page.complete) break;
      cursor = page.cursor;
    }
  }
  return { items, pages };
}
