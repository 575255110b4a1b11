import assert from 'node:assert/strict';
import { CORRELATION_PROPERTY_NAME, CORRELATION_PROPERTY_SET } from '../../src/server/connectors/port.ts';
import type { Db } from '../../src/server/db/database.ts';
import type { SyncLinksTable } from '../../src/server/db/schema.ts';
import type { OutlookContact, SyncHarness } from './sync-harness.ts';

/**
 * Looking at both sides of a contact sync from outside, for the randomized, crash and cursor-reset tests: every
 * mailbox contact with the correlation stamp Tandem put on it, the status rows, and waiting for runs. The mailbox is
 * read through `/v1.0/users/{upn}/…`, which is the same mailbox as Tandem's `/v1.0/me/…` but is not hit by the
 * faults those tests inject on `/v1.0/me/contact…`. Not a test file.
 */

/** The stamp's Graph id (DESIGN §3: `String {GUID} Name TandemId`). */
const STAMP_ID = `String {${CORRELATION_PROPERTY_SET}} Name ${CORRELATION_PROPERTY_NAME}`;
const STAMP_EXPAND = `singleValueExtendedProperties($filter=id eq '${STAMP_ID}')`;

export interface MailboxContact extends OutlookContact {
  department: string | null;
  /** The CRM id Tandem stamped on the item when it created it, or null (created in Outlook). */
  stamp: string | null;
}

export interface MailboxReader {
  /** Every contact of the mailbox (all contact folders), with its stamp. */
  contacts(): Promise<MailboxContact[]>;
  /** One contact as Outlook shows it now. */
  contact(id: string): Promise<MailboxContact>;
  folders(): Promise<{ id: string; displayName: string }[]>;
}

export function mailboxReader(s: SyncHarness): MailboxReader {
  const base = `${s.h.fx.url}/v1.0/users/${encodeURIComponent(s.email)}/`;
  let bearer: string | undefined;
  const get = async <T>(url: string): Promise<T> => {
    for (let attempt = 0; attempt < 6; attempt++) {
      bearer ??= (await s.h.fx.tokensFor(s.email)).access_token;
      const res = await fetch(url, { headers: { authorization: `Bearer ${bearer}`, prefer: 'IdType="ImmutableId"' } });
      if (res.status === 401) {
        bearer = undefined;
        continue;
      }
      // The emulator's per-mailbox concurrency limit (4) is shared with Tandem's requests.
      if (res.status === 429) {
        await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
        continue;
      }
      if (!res.ok) assert.fail(`GET ${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    }
    throw new Error(`GET ${url}: gave up`);
  };
  const all = async <T>(path: string): Promise<T[]> => {
    const out: T[] = [];
    let next: string | undefined = `${base}${path}`;
    while (next) {
      const page: { value: T[]; '@odata.nextLink'?: string } = await get(next);
      out.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return out;
  };
  type Raw = OutlookContact & {
    department: string | null;
    singleValueExtendedProperties?: { id: string; value: string }[];
  };
  const stamped = (c: Raw): MailboxContact => {
    const { singleValueExtendedProperties: props, ...rest } = c;
    const stamp = props?.find((p) => p.id.toLowerCase() === STAMP_ID.toLowerCase())?.value ?? null;
    return { ...rest, stamp };
  };
  const folders = () => all<{ id: string; displayName: string }>('contactFolders/delta');
  const query = `$top=500&$expand=${encodeURIComponent(STAMP_EXPAND)}`;
  return {
    folders,
    async contacts() {
      const lists = await Promise.all([
        all<Raw>(`contacts?${query}`),
        ...(await folders()).map((f) => all<Raw>(`contactFolders/${encodeURIComponent(f.id)}/contacts?${query}`)),
      ]);
      const byId = new Map(lists.flat().map((c) => [c.id, stamped(c)]));
      return [...byId.values()];
    },
    async contact(id) {
      return stamped(
        await get<Raw>(`${base}contacts/${encodeURIComponent(id)}?$expand=${encodeURIComponent(STAMP_EXPAND)}`),
      );
    },
  };
}

/** The status rows of a mailbox's contacts. */
export function contactLinks(db: Db, mailboxId: string): Promise<SyncLinksTable[]> {
  return db
    .selectFrom('sync_links')
    .selectAll()
    .where('mailbox_id', '=', mailboxId)
    .where('kind', '=', 'contacts')
    .execute();
}

/** Values that occur more than once, with their counts. */
export function repeated<T>(values: T[]): [T, number][] {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1);
}

/**
 * Problems with the status rows against both sides: one row per CRM contact and per mailbox item, nothing pending,
 * and every stamp names the CRM record its item is linked to.
 */
export function linkProblems(
  links: SyncLinksTable[],
  crmIds: string[],
  mailbox: Pick<MailboxContact, 'id' | 'stamp'>[],
): string[] {
  const problems: string[] = [];
  const byCrm = new Map(links.map((l) => [l.crm_id, l]));
  const byRemote = new Map(links.flatMap((l) => (l.remote_id ? [[l.remote_id, l] as const] : [])));
  for (const [id, n] of repeated(links.map((l) => l.remote_id))) problems.push(`${n} status rows for remote ${id}`);
  // 'echo' (a create not yet seen in a change listing) is a normal state between runs; an announced create that never
  // got its answer is not.
  for (const l of links.filter((l) => l.pending === 'create')) problems.push(`status row of ${l.crm_id} still pending`);
  const crm = new Set(crmIds);
  for (const id of crmIds) if (!byCrm.has(id)) problems.push(`CRM contact ${id} has no status row`);
  for (const l of links) if (!crm.has(l.crm_id)) problems.push(`status row for a missing CRM contact ${l.crm_id}`);
  const remote = new Set(mailbox.map((c) => c.id));
  for (const c of mailbox) if (!byRemote.has(c.id)) problems.push(`mailbox item ${c.id} has no status row`);
  for (const l of links) {
    if (l.remote_id && !remote.has(l.remote_id)) problems.push(`status row for a missing mailbox item ${l.remote_id}`);
  }
  for (const [stamp, n] of repeated(mailbox.flatMap((c) => (c.stamp ? [c.stamp] : [])))) {
    problems.push(`${n} mailbox items carry the stamp ${stamp}`);
  }
  for (const c of mailbox) {
    const link = byRemote.get(c.id);
    if (c.stamp && link && link.crm_id !== c.stamp) {
      problems.push(`mailbox item ${c.id} is stamped ${c.stamp} but linked to ${link.crm_id}`);
    }
  }
  return problems;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it returns something other than undefined, or fails after `ms` with `what`. */
export async function eventually<T>(what: string, ms: number, probe: () => Promise<T | undefined>, everyMs = 50) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The email of a contact that ends with `@<domain>`: the per-contact marker the bigger tests seed. */
export function markerIn(emails: string[], domain: string): string | null {
  return emails.find((e) => e.toLowerCase().endsWith(`@${domain}`))?.toLowerCase() ?? null;
}

/**
 * Problems with both sides against `expected` (marker email → job title), for tests that seed many contacts with a
 * unique email each: every expected contact once on each side with that job title and the same name on both, nothing
 * else carrying a marker, every other CRM contact (the users' own) exported exactly once, the same number of contacts
 * on both sides, and one status row per contact.
 */
export async function markedProblems(
  s: SyncHarness,
  db: Db,
  domain: string,
  expected: Map<string, string | null>,
  limit = 40,
): Promise<string[]> {
  const crm = await s.crmContacts();
  const mailbox = await mailboxReader(s).contacts();
  const problems: string[] = [];
  const crmMarked = crm.flatMap((c) => {
    const m = markerIn(
      c.communications.filter((x) => x.kind === 'email').map((x) => x.value),
      domain,
    );
    return m ? [[m, c] as const] : [];
  });
  const mailboxMarked = mailbox.flatMap((c) => {
    const m = markerIn(
      c.emailAddresses.map((e) => e.address),
      domain,
    );
    return m ? [[m, c] as const] : [];
  });
  for (const [m, n] of repeated(crmMarked.map(([m]) => m))) problems.push(`the CRM holds ${m} ${n} times`);
  for (const [m, n] of repeated(mailboxMarked.map(([m]) => m))) problems.push(`the mailbox holds ${m} ${n} times`);
  const crmBy = new Map(crmMarked);
  const mailboxBy = new Map(mailboxMarked);
  for (const [m, jobTitle] of expected) {
    const c = crmBy.get(m);
    const o = mailboxBy.get(m);
    if (!c) problems.push(`${m} is missing in the CRM`);
    if (!o) problems.push(`${m} is missing in the mailbox`);
    if (c && c.jobTitle !== jobTitle) problems.push(`${m}: the CRM's job title is ${c.jobTitle}, expected ${jobTitle}`);
    if (o && o.jobTitle !== jobTitle)
      problems.push(`${m}: the mailbox's job title is ${o.jobTitle}, expected ${jobTitle}`);
    if (c && o && c.fullName !== o.displayName) {
      problems.push(`${m}: "${c.fullName}" in the CRM, "${o.displayName}" in the mailbox`);
    }
  }
  for (const m of crmBy.keys()) if (!expected.has(m)) problems.push(`${m} should not be in the CRM`);
  for (const m of mailboxBy.keys()) if (!expected.has(m)) problems.push(`${m} should not be in the mailbox`);
  const marked = new Set(crmMarked.map(([, c]) => c.id));
  for (const c of crm.filter((x) => !marked.has(x.id))) {
    const copies = mailbox.filter((o) => o.stamp === c.id).length;
    if (copies !== 1) problems.push(`the CRM contact "${c.fullName}" is in the mailbox ${copies} times`);
  }
  if (mailbox.length !== crm.length)
    problems.push(`${crm.length} contacts in the CRM, ${mailbox.length} in the mailbox`);
  problems.push(
    ...linkProblems(
      await contactLinks(db, s.mailboxId),
      crm.map((c) => c.id),
      mailbox,
    ),
  );
  return problems.slice(0, limit);
}
