import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Client } from '../helpers/app.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import {
  connectedMailboxId,
  type OAuthHarness,
  type OAuthHarnessOptions,
  oauthHarness,
  signInNew,
} from '../oauth/oauth-harness.ts';

/**
 * Tandem (in-process) and the Microsoft 365 emulator with one connected mailbox, for sync scenarios (DESIGN §6
 * tier 4): the mailbox's owner drives Tandem through the API, "the user in Outlook" changes the mailbox through the
 * emulator's control API, and both sides are read back the way a person would look at them. Not a test file.
 */

/**
 * The correlation property every item Tandem creates in a mailbox carries (DESIGN §3), spelled out here rather than
 * imported, so that a wrong constant in the product cannot make the test agree with it.
 */
export const TANDEM_ID_PROPERTY = 'String {4f1d6c2e-7a3b-4e59-9c1a-5d2b8e0f7a61} Name TandemId';
const TANDEM_ID_EXPAND = `singleValueExtendedProperties($filter=id eq '${TANDEM_ID_PROPERTY}')`;

export interface RunView {
  id: string;
  state: string;
  trigger: string;
  counts: { created: number; updated: number; deleted: number; skipped: number; failed: number };
  conflicts: number;
  error: { code: string; message: string } | null;
}

export interface OutlookContact {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  middleName: string | null;
  companyName: string | null;
  jobTitle: string | null;
  department: string | null;
  emailAddresses: { address: string }[];
  businessPhones: string[];
  mobilePhone: string | null;
  parentFolderId: string;
  personalNotes: string;
  birthday: string | null;
  /** The CRM id in the correlation property, or null when the item does not carry it. */
  tandemId: string | null;
}

export interface ApiContact {
  id: string;
  fullName: string;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  department: string | null;
  type: string | null;
  accountId: string | null;
  accountName: string | null;
  ownerId: string | null;
  birthday: string | null;
  notes: string | null;
  communications: { kind: string; type: string; value: string }[];
  addresses: { type: string; city: string | null }[];
}

export interface JournalLine {
  runId: string | null;
  action: string;
  side: string | null;
  result: string;
  rule: string | null;
  crmId: string | null;
  remoteId: string | null;
  itemName: string | null;
  message: string | null;
}

export interface ConflictView {
  crmId: string;
  itemName: string | null;
  policy: string;
  resolution: 'crm' | 'remote' | 'merged';
  fields: string[];
  crmVersion: Record<string, unknown>;
  remoteVersion: Record<string, unknown>;
  result: Record<string, unknown>;
}

/** A fault rule of the emulator's control API (emulator/README.md "Throttling, faults, counters"). */
export interface FaultRule {
  match: { method?: string; path?: string };
  respond?: { status: number; headers?: Record<string, string>; body?: unknown };
  delayMs?: number;
  invalidateDelta?: '410' | 'syncStateNotFound';
  probability?: number;
  count?: number;
}

export interface SyncHarness {
  h: OAuthHarness;
  database: TestDatabase;
  owner: Client;
  mailboxId: string;
  email: string;
  /** "The user in Outlook": the emulator's control API for this mailbox. */
  outlook<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Creates a contact in a folder ("contacts" = the default Contacts folder) as the user in Outlook. */
  outlookContact(fields: Record<string, unknown>, folder?: string): Promise<{ id: string }>;
  /** Changes, moves and deletes a contact as the user in Outlook. */
  editOutlookContact(id: string, fields: Record<string, unknown>): Promise<void>;
  moveOutlookContact(id: string, folder: string): Promise<void>;
  deleteOutlookContact(id: string): Promise<void>;
  /** Creates a contact folder as the user in Outlook; returns its id. */
  outlookFolder(displayName: string, parent?: string): Promise<string>;
  /** GET on the mailbox through Graph (`/v1.0/me/<path>`) with the owner's token. */
  graph<T>(path: string): Promise<T>;
  /** Every contact in the mailbox (all folders), read through Graph with the correlation property. */
  mailboxContacts(): Promise<OutlookContact[]>;
  contactFolders(): Promise<{ id: string; displayName: string }[]>;
  /** Adds a fault rule to the emulator; returns its id. */
  fault(rule: FaultRule): Promise<string>;
  clearFaults(): Promise<void>;
  settings(patch: Record<string, unknown>): Promise<void>;
  /** Asks for a contact run (CT-5) without waiting. */
  requestSync(): Promise<{ runId: string; created: boolean }>;
  /** Waits for a run to leave the queued and running states. */
  waitRun(runId: string): Promise<RunView>;
  /** Runs a contact sync through the API (CT-5) and waits for its end. */
  sync(): Promise<RunView>;
  /** Journal lines, newest first, filtered like the API (`{rule: 'CT-7', runId}`). */
  journal(filter?: Record<string, string>): Promise<JournalLine[]>;
  conflicts(): Promise<ConflictView[]>;
  pendingDeletions(): Promise<{ total: number; items: { side: string; crmId: string; itemName: string | null }[] }>;
  /** Confirms the deletions the guard held back and waits for the run that applies them. */
  confirmDeletions(): Promise<RunView>;
  cancelDeletions(): Promise<number>;
  /** The owner's contacts through the API. */
  crmContacts(): Promise<ApiContact[]>;
  /** The one CRM contact of that full name (fails when there are none or several). */
  crmContact(fullName: string): Promise<ApiContact>;
  /** Creates a CRM contact through the API, as the owner or as `as`. */
  createCrmContact(input: Record<string, unknown>, as?: Client): Promise<ApiContact>;
  /** Sets the administrator's "everyone can read" default of an object (contacts, accounts). */
  everyoneCanRead(object: 'contact' | 'account', read: boolean): Promise<void>;
  /** Another Tandem user with a connected mailbox of their own, in the same emulator. */
  connectMailbox(local: string, name: string): Promise<{ owner: Client; mailboxId: string; email: string }>;
  close(): Promise<void>;
}

async function connect(h: OAuthHarness, local: string, name: string) {
  const { email } = await h.fx.addUser(local, name);
  const owner = await h.user(local);
  const mailboxId = connectedMailboxId(await signInNew(owner, email, h.serviceId));
  return { owner, mailboxId, email };
}

/** `options` may bring the vault and the sync runtime (e.g. one with fast retries) instead of the defaults. */
export async function syncHarness(
  database: TestDatabase,
  local = 'anna',
  name = 'Anna Petrova',
  options: OAuthHarnessOptions = {},
): Promise<SyncHarness> {
  const h = await oauthHarness(database, options);
  const { owner, mailboxId, email } = await connect(h, local, name);
  const token = async () => (await h.fx.tokensFor(email)).access_token;
  let bearer = await token();

  const graph = async <T>(path: string): Promise<T> => {
    for (let attempt = 0; attempt < 2; attempt++) {
      // Immutable ids, as Tandem asks for them and as the control API answers with them.
      const headers = { authorization: `Bearer ${bearer}`, prefer: 'IdType="ImmutableId"' };
      const res = await fetch(`${h.fx.url}/v1.0/me/${path}`, { headers });
      if (res.status === 401) {
        bearer = await token();
        continue;
      }
      const text = await res.text();
      assert.ok(res.ok, `GET ${path}: ${res.status} ${text}`);
      return JSON.parse(text) as T;
    }
    throw new Error(`GET ${path}: unauthorised`);
  };
  const all = async <T>(path: string): Promise<T[]> => {
    const out: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: { value: T[]; '@odata.nextLink'?: string } = await graph(next);
      out.push(...page.value);
      next = page['@odata.nextLink']?.replace(/^.*\/v1\.0\/me\//, '');
    }
    return out;
  };
  /** Every contact folder below the default Contacts folder, nested ones included (that folder itself is /contacts). */
  const contactFolders = () => all<{ id: string; displayName: string }>('contactFolders/delta');

  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${h.fx.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const outlook = <T>(method: string, path: string, body?: unknown) =>
    control<T>(method, `/users/${email}${path}`, body);

  const api = (path: string) => `/api/mailboxes/${mailboxId}${path}`;
  const requestSync = () =>
    owner.json<{ runId: string; created: boolean }>('POST', api('/sync'), { kind: 'contacts' }, 202);
  const waitRun = async (runId: string) => {
    const deadline = Date.now() + 240_000;
    for (;;) {
      const run = await owner.json<RunView>('GET', api(`/sync-runs/${runId}`), undefined, 200);
      if (!['queued', 'running'].includes(run.state)) return run;
      assert.ok(Date.now() < deadline, `run ${runId} did not finish: ${JSON.stringify(run)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const crmContacts = async () => {
    const out: ApiContact[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await owner.json<{ items: ApiContact[]; total: number }>(
        'GET',
        `/api/contacts?limit=500&offset=${offset}&sort=fullName`,
        undefined,
        200,
      );
      out.push(...page.items);
      if (out.length >= page.total || page.items.length === 0) return out;
    }
  };

  return {
    h,
    database,
    owner,
    mailboxId,
    email,
    outlook,
    outlookContact: (fields, folder = 'contacts') => outlook('POST', '/items', { kind: 'contact', folder, fields }),
    async editOutlookContact(id, fields) {
      await outlook('PATCH', `/items/${encodeURIComponent(id)}`, { kind: 'contact', fields });
    },
    async moveOutlookContact(id, folder) {
      await outlook('POST', `/items/${encodeURIComponent(id)}/move`, { kind: 'contact', folder });
    },
    async deleteOutlookContact(id) {
      await outlook('DELETE', `/items/${encodeURIComponent(id)}?kind=contact`);
    },
    async outlookFolder(displayName, parent = 'contacts') {
      return (await outlook<{ id: string }>('POST', '/folders', { kind: 'contact', parent, displayName })).id;
    },
    graph,
    async mailboxContacts() {
      const query = `$top=500&$expand=${encodeURIComponent(TANDEM_ID_EXPAND)}`;
      type Raw = Omit<OutlookContact, 'tandemId'> & { singleValueExtendedProperties?: { id: string; value: string }[] };
      const folders = await contactFolders();
      const lists = await Promise.all(folders.map((f) => all<Raw>(`contactFolders/${f.id}/contacts?${query}`)));
      const byId = new Map(lists.flat().map((c) => [c.id, c]));
      for (const c of await all<Raw>(`contacts?${query}`)) byId.set(c.id, c);
      return [...byId.values()].map(({ singleValueExtendedProperties: props, ...c }) => ({
        ...c,
        tandemId: props?.find((p) => p.id.toLowerCase() === TANDEM_ID_PROPERTY.toLowerCase())?.value ?? null,
      }));
    },
    contactFolders,
    async fault(rule) {
      return (await control<{ id: string }>('POST', '/faults', rule)).id;
    },
    async clearFaults() {
      await control('DELETE', '/faults');
    },
    async settings(patch) {
      await owner.json('PUT', api('/sync-settings'), patch, 200);
    },
    requestSync,
    waitRun,
    async sync() {
      return waitRun((await requestSync()).runId);
    },
    async journal(filter = {}) {
      const query = new URLSearchParams({ limit: '500', ...filter });
      return (await owner.json<{ items: JournalLine[] }>('GET', api(`/journal?${query}`), undefined, 200)).items;
    },
    async conflicts() {
      return (await owner.json<{ items: ConflictView[] }>('GET', api('/conflicts?limit=500'), undefined, 200)).items;
    },
    pendingDeletions: () => owner.json('GET', api('/pending-deletions?kind=contacts'), undefined, 200),
    async confirmDeletions() {
      const { runId } = await owner.json<{ runId: string }>(
        'POST',
        api('/pending-deletions/confirm'),
        { kind: 'contacts' },
        202,
      );
      return waitRun(runId);
    },
    async cancelDeletions() {
      const res = await owner.json<{ cancelled: number }>(
        'POST',
        api('/pending-deletions/cancel'),
        { kind: 'contacts' },
        200,
      );
      return res.cancelled;
    },
    crmContacts,
    async crmContact(fullName) {
      const found = (await crmContacts()).filter((c) => c.fullName === fullName);
      assert.equal(found.length, 1, `CRM contacts named ${fullName}: ${found.length}`);
      return found[0] as ApiContact;
    },
    createCrmContact: (input, as = owner) => as.json<ApiContact>('POST', '/api/contacts', input, 201),
    async everyoneCanRead(object, read) {
      const items = [{ object, everyoneCanRead: read, everyoneCanEdit: false, everyoneCanDelete: false }];
      await h.admin.json('PUT', '/api/record-rights/defaults', { items }, 200);
    },
    connectMailbox: (other, otherName) => connect(h, other, otherName),
    close: () => h.close(),
  };
}

/**
 * A fresh database and harness for the tests of the enclosing `describe` (opened before them, dropped after), so
 * that each suite starts from an empty CRM and an empty mailbox. Returns a getter for the harness.
 */
export function harnessPerSuite(dialect: { open(): Promise<TestDatabase> }): () => SyncHarness {
  let s: SyncHarness | undefined;
  let database: TestDatabase | undefined;
  before(async () => {
    database = await dialect.open();
    s = await syncHarness(database);
  });
  after(async () => {
    await s?.close();
    await database?.drop();
  });
  return () => {
    assert.ok(s, 'the harness is opened before the tests');
    return s;
  };
}

/** A contact made in Outlook and taken into the CRM by a run: its mailbox id and its CRM record. */
export async function linkedContact(s: SyncHarness, fields: Record<string, unknown>, folder?: string) {
  const item = await s.outlookContact(fields, folder);
  const run = await s.sync();
  assert.equal(run.state, 'succeeded', JSON.stringify(run));
  const fullName = [fields.givenName, fields.surname].filter(Boolean).join(' ');
  return { itemId: item.id, contact: await s.crmContact(fullName) };
}

/** The one mailbox contact of that display name (fails when there are none or several). */
export async function mailboxContact(s: SyncHarness, displayName: string): Promise<OutlookContact> {
  const found = (await s.mailboxContacts()).filter((c) => c.displayName === displayName);
  assert.equal(found.length, 1, `mailbox contacts named ${displayName}: ${found.length}`);
  return found[0] as OutlookContact;
}

/** How many times each value occurs more than once (empty when every value is unique). */
export function duplicates(values: (string | null)[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return Object.fromEntries([...counts].filter(([, n]) => n > 1));
}

/** Waits until the clock has moved on by `ms`: the mailbox dates its writes in whole seconds (like Graph). */
export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
