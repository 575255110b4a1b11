import assert from 'node:assert/strict';
import type { Client } from '../helpers/app.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { connectedMailboxId, type OAuthHarness, oauthHarness, signInNew } from '../oauth/oauth-harness.ts';

/**
 * Tandem (in-process) and the Microsoft 365 emulator with one connected mailbox, for sync scenarios (DESIGN §6
 * tier 4): the mailbox's owner drives Tandem through the API, "the user in Outlook" changes the mailbox through the
 * emulator's control API, and both sides are read back the way a person would look at them. Not a test file.
 */

export interface RunView {
  id: string;
  state: string;
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
  emailAddresses: { address: string }[];
  businessPhones: string[];
  mobilePhone: string | null;
  parentFolderId: string;
  personalNotes: string;
  birthday: string | null;
}

export interface ApiContact {
  id: string;
  fullName: string;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  accountId: string | null;
  birthday: string | null;
  notes: string | null;
  communications: { kind: string; type: string; value: string }[];
  addresses: { type: string; city: string | null }[];
}

export interface SyncHarness {
  h: OAuthHarness;
  owner: Client;
  mailboxId: string;
  email: string;
  /** "The user in Outlook": the emulator's control API for this mailbox. */
  outlook<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Creates a contact in a folder ("contacts" = the default Contacts folder) as the user in Outlook. */
  outlookContact(fields: Record<string, unknown>, folder?: string): Promise<{ id: string }>;
  /** Every contact in the mailbox (all folders), read through Graph. */
  mailboxContacts(): Promise<OutlookContact[]>;
  contactFolders(): Promise<{ id: string; displayName: string }[]>;
  settings(patch: Record<string, unknown>): Promise<void>;
  /** Runs a contact sync through the API (CT-5) and waits for its end. */
  sync(): Promise<RunView>;
  /** The owner's contacts through the API. */
  crmContacts(): Promise<ApiContact[]>;
  close(): Promise<void>;
}

export async function syncHarness(database: TestDatabase, local = 'anna', name = 'Anna Petrova'): Promise<SyncHarness> {
  const h = await oauthHarness(database);
  const { email } = await h.fx.addUser(local, name);
  const owner = await h.user(local);
  const mailboxId = connectedMailboxId(await signInNew(owner, email, h.serviceId));
  const token = async () => (await h.fx.tokensFor(email)).access_token;
  let bearer = await token();

  const graph = async <T>(path: string): Promise<T> => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await fetch(`${h.fx.url}/v1.0/me/${path}`, { headers: { authorization: `Bearer ${bearer}` } });
      if (res.status === 401) {
        bearer = await token();
        continue;
      }
      assert.ok(res.ok, `GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
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

  const outlook = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${h.fx.url}/_emulator/users/${email}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  return {
    h,
    owner,
    mailboxId,
    email,
    outlook,
    outlookContact: (fields, folder = 'contacts') => outlook('POST', '/items', { kind: 'contact', folder, fields }),
    async mailboxContacts() {
      const folders = await contactFolders();
      const lists = await Promise.all(
        folders.map((f) => all<OutlookContact>(`contactFolders/${f.id}/contacts?$top=500`)),
      );
      const byId = new Map(lists.flat().map((c) => [c.id, c]));
      for (const c of await all<OutlookContact>('contacts?$top=500')) byId.set(c.id, c);
      return [...byId.values()];
    },
    contactFolders,
    async settings(patch) {
      await owner.json('PUT', `/api/mailboxes/${mailboxId}/sync-settings`, patch, 200);
    },
    async sync() {
      const { runId } = await owner.json<{ runId: string }>(
        'POST',
        `/api/mailboxes/${mailboxId}/sync`,
        { kind: 'contacts' },
        202,
      );
      const deadline = Date.now() + 120_000;
      for (;;) {
        const run = await owner.json<RunView>('GET', `/api/mailboxes/${mailboxId}/sync-runs/${runId}`, undefined, 200);
        if (!['queued', 'running'].includes(run.state)) return run;
        assert.ok(Date.now() < deadline, `run ${runId} did not finish: ${JSON.stringify(run)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async crmContacts() {
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
    },
    close: () => h.close(),
  };
}
