import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { orderedId } from '../../db/ordered-id.ts';
import { valueIn } from '../../db/value-in.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { lastChangeSeq, nextChangeSeqs } from '../common/change-seq.ts';
import {
  type Address,
  type Communication,
  insertChannelsMany,
  storedAddress,
  validateCommunications,
} from '../common/channels.ts';
import { groupService } from '../groups/group.service.ts';
import { accessCondition, loadDefaults } from '../rights/access-rule.ts';
import { contactOf, contactStore } from './contact.store.ts';
import type { Contact, ContactInput } from './contact.types.ts';
import { newContactRow } from './contact-row.ts';

/**
 * What the contact sync needs of the contacts module beyond the API's single-record calls: reading many contacts at
 * once as a user may read them, the export feed (CT-3: readable contacts changed after a position, and whether the
 * export settings take each), and creating a page of imported contacts in one go (the initial import's speed).
 */

/** «Переносить все контакты» or by types and/or groups (CT-3). */
export type ExportScope = 'all' | { types: string[]; groupIds: string[] };

/** A contact just created, as a read would return it but for its owner's name (the sync does not need it). */
export type CreatedContact = Omit<Contact, 'ownerName'>;

type Channels = { communications: Communication[]; addresses: Address[] };

export type FeedEntry =
  | { type: 'upsert'; contact: Contact; inScope: boolean }
  | { type: 'deleted'; id: string; seq: number };

async function readCondition(db: Db, actor: Actor): Promise<Expression<SqlBool>[]> {
  const cond = accessCondition(actor, 'contact', 'read', await loadDefaults(db, 'contact'));
  return cond ? [cond] : [];
}

/** Readable contacts, only those with the given ids when `within` is set (see CrmReader.findMatches). */
async function candidateCondition(db: Db, actor: Actor, within?: readonly string[]) {
  const read = await readCondition(db, actor);
  return within ? [...read, valueIn(db, 'contacts.id', within)] : read;
}

/** The export scope as a condition on `contacts`; groups that no longer exist are left out. */
async function scopeCondition(db: Db, actor: Actor, scope: ExportScope): Promise<Expression<SqlBool>> {
  if (scope === 'all') return sql<SqlBool>`1 = 1`;
  const parts: Expression<SqlBool>[] = [];
  if (scope.types.length > 0) parts.push(sql<SqlBool>`contacts.type_id in (${sql.join(scope.types)})`);
  for (const groupId of scope.groupIds) {
    try {
      parts.push(await groupService.membershipCondition(db, actor, 'contact', groupId));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

export const contactSyncService = {
  /** The contacts with these ids that the actor may read. */
  async readMany(db: Db, actor: Actor, ids: string[]): Promise<Contact[]> {
    if (ids.length === 0) return [];
    return contactStore.findMany(db, ids, await readCondition(db, actor));
  },

  /** Ids of all contacts, whoever may read them, changed after `seq`, in seq order (see CrmReader.changedIds). */
  async changedIds(db: Db, seq: number, limit: number): Promise<{ id: string; seq: number }[]> {
    // Nothing at all written since: the counter answers without looking through the contacts.
    if ((await lastChangeSeq(db)) <= seq) return [];
    return contactStore.idsChangedAfter(db, seq, limit);
  },

  /** Ids of readable contacts the export scope takes, in id order after `afterId` (CT-3). */
  async inScopeIds(db: Db, actor: Actor, scope: ExportScope, afterId: string | null, limit: number): Promise<string[]> {
    const conditions = [...(await readCondition(db, actor)), await scopeCondition(db, actor, scope)];
    return contactStore.idsAfter(db, afterId, limit, conditions);
  },

  /** Readable contacts changed and contacts deleted after `seq`, merged in seq order, at most `limit` (CT-3). */
  async feed(db: Db, actor: Actor, seq: number, limit: number, scope: ExportScope): Promise<FeedEntry[]> {
    const scopeExpr = await scopeCondition(db, actor, scope);
    const changed = await contactStore.changedAfter(db, seq, limit, await readCondition(db, actor), scopeExpr);
    const deleted = await contactStore.deletedAfter(db, seq, limit);
    const entries: FeedEntry[] = [
      ...changed.map((c) => ({ type: 'upsert' as const, contact: c.contact, inScope: c.inScope })),
      ...deleted.map((d) => ({ type: 'deleted' as const, id: d.id, seq: d.seq })),
    ];
    const seqOf = (e: FeedEntry) => (e.type === 'upsert' ? e.contact.changeSeq : e.seq);
    return entries.sort((a, b) => seqOf(a) - seqOf(b)).slice(0, limit);
  },

  /**
   * Readable contacts whose full name is one of `names` (case-insensitive) and that have one of `emails`: the
   * candidates a sync may link a new mailbox contact to instead of importing it twice. Only what deciding a match
   * needs is read (id, full name and those email values): with common names a page of an import meets thousands of
   * candidates, and the caller loads in full only the few it links to. `within`: only among these contacts.
   */
  async byNamesAndEmails(
    db: Db,
    actor: Actor,
    names: string[],
    emails: string[],
    within?: readonly string[],
  ): Promise<{ id: string; fullName: string; emails: string[] }[]> {
    if (names.length === 0 || emails.length === 0) return [];
    const lowerNames = [...new Set(names.map((n) => n.toLowerCase()))].slice(0, 1000);
    const lowerEmails = [...new Set(emails.map((e) => e.toLowerCase()))].slice(0, 3000);
    let q = db
      .selectFrom('contacts')
      .innerJoin('communications', 'communications.record_id', 'contacts.id')
      .select(['contacts.id', 'contacts.full_name', 'communications.value'])
      .where('communications.kind', '=', 'email')
      .where(valueIn(db, 'communications.value_lower', lowerEmails))
      .where(valueIn(db, sql`lower(contacts.full_name)`, lowerNames));
    for (const c of await candidateCondition(db, actor, within)) q = q.where(c);
    const byId = new Map<string, { id: string; fullName: string; emails: string[] }>();
    for (const r of await q.execute()) {
      const found = byId.get(r.id);
      if (found) found.emails.push(r.value);
      else byId.set(r.id, { id: r.id, fullName: r.full_name, emails: [r.value] });
    }
    return [...byId.values()];
  },

  /** Readable contacts with one of these full names (case-insensitive) and no email address at all. */
  async byNamesWithoutEmail(
    db: Db,
    actor: Actor,
    names: string[],
    within?: readonly string[],
  ): Promise<{ id: string; fullName: string }[]> {
    if (names.length === 0) return [];
    const lowerNames = [...new Set(names.map((n) => n.toLowerCase()))].slice(0, 1000);
    let q = db
      .selectFrom('contacts')
      .select(['contacts.id', 'contacts.full_name'])
      .where(valueIn(db, sql`lower(contacts.full_name)`, lowerNames))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('communications')
              .select('communications.id')
              .whereRef('communications.record_id', '=', 'contacts.id')
              .where('communications.kind', '=', 'email'),
          ),
        ),
      );
    for (const c of await candidateCondition(db, actor, within)) q = q.where(c);
    return (await q.execute()).map((r) => ({ id: r.id, fullName: r.full_name }));
  },

  /**
   * Creates many contacts in the caller's transaction with a few statements (one block of change_seq values, bulk
   * inserts) and returns them as a read would (without reading them back: the import's speed). Inputs are validated
   * like single creates; the first invalid one throws naming its field, and nothing of the batch is kept by the
   * caller's savepoint. Account ids and `accountNames` (id → the account's stored name) come from
   * `accountService.resolveByNames`.
   */
  async createManyIn(
    trx: Db,
    actor: Actor,
    inputs: ContactInput[],
    accountNames: ReadonlyMap<string, string>,
  ): Promise<CreatedContact[]> {
    if (inputs.length === 0) return [];
    const first = await nextChangeSeqs(trx, inputs.length);
    const now = new Date().toISOString();
    const channels: { recordId: string; communications: Communication[]; addresses: Address[] }[] = [];
    const rows = inputs.map((input, i) => {
      const id = orderedId();
      const communications = validateCommunications(input.communications ?? []);
      channels.push({ recordId: id, communications, addresses: (input.addresses ?? []).map(storedAddress) });
      return newContactRow(
        id,
        actor,
        { ...input, communications },
        {
          change_seq: first + i,
          created_by: actor.id || null,
          created_at: now,
          modified_by: actor.id || null,
          modified_at: now,
        },
      );
    });
    await contactStore.insertMany(trx, rows);
    await insertChannelsMany(trx, 'contact', channels);
    return rows.map((row, i) => {
      const accountName = row.account_id ? (accountNames.get(row.account_id) ?? null) : null;
      const { ownerName: _, ...created } = contactOf(row, { accountName, ownerName: null }, channels[i] as Channels);
      return created;
    });
  },
};
