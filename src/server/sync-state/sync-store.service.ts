import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { orderedId } from '../db/ordered-id.ts';
import type { SyncKind, SyncLinksTable } from '../db/schema.ts';
import type { CrmWriter, SyncStore, SyncTx } from '../sync/sync-ports.ts';
import type { FieldMap, JournalEntry, Link } from '../sync/sync-types.ts';
import { decodeBase, decodeCrmBase, encodeBase, encodeCrmBase } from './link-codec.ts';
import { syncCursorStore } from './sync-cursor.store.ts';
import { syncJournalStore } from './sync-journal.store.ts';
import { syncLinkStore } from './sync-link.store.ts';
import { syncRunStore } from './sync-run.store.ts';

/**
 * The engine's storage port over Kysely (SQLite and PostgreSQL alike), bound to one mailbox, kind and run. A
 * transaction is one database transaction; `isolated` is a savepoint inside it, so one bad item rolls back alone.
 */

function toLink<F extends FieldMap>(b: StoreBinding<F>, r: SyncLinksTable): Link<F> {
  const base = decodeBase(r.base, b.blank);
  return {
    crmId: r.crm_id,
    remoteId: r.remote_id,
    folderId: r.folder_id,
    remoteVersion: r.remote_version,
    crmSeq: Number(r.crm_seq),
    base,
    crmBase: decodeCrmBase(base, r.crm_base),
    pending: r.pending,
  };
}

/** Orders journal lines written in the same millisecond. */
let journalSeq = 0;

export interface StoreBinding<F extends FieldMap> {
  db: Db;
  mailboxId: string;
  kind: SyncKind;
  runId: string | null;
  writer(trx: Db): CrmWriter<F>;
  /** The kind's field map with every field empty: status rows store the fields that differ from it (link-codec.ts). */
  blank?: () => F;
}

export function createSyncStore<F extends FieldMap>(b: StoreBinding<F>): SyncStore<F> {
  const { db, mailboxId, kind, runId } = b;
  const byCrm = (rows: SyncLinksTable[]) => new Map(rows.map((r) => [r.crm_id, toLink(b, r)]));

  // A mailbox's first import: when the run first looks and the mailbox has no status rows for this kind, the only
  // rows it can ever find are those it wrote itself (one run per mailbox and kind at a time), so lookups of ids it
  // has not written are answered without asking the database. Ids are noted before their rows commit, which can only
  // make a lookup ask when it need not.
  let emptyAtStart: Promise<boolean> | undefined;
  const ownRemoteIds = new Set<string>();
  const ownCrmIds = new Set<string>();
  const worthAsking = async (ids: string[], own: Set<string>) => {
    emptyAtStart ??= syncLinkStore.isEmpty(db, mailboxId, kind);
    return (await emptyAtStart) ? ids.filter((id) => own.has(id)) : ids;
  };

  const tx = (trx: Db): SyncTx<F> => {
    let savepoints = 0;
    // Rows this transaction wrote with a seen round, as `round remoteId`: marking them seen again would change
    // nothing (on an initial import, every row of the page). A savepoint rolled back takes its own entries off.
    const written: string[] = [];
    const saveLinks = async (links: Link<F>[], seenRound?: string | null) => {
      // On a first import, rows for ids this run has not written cannot exist yet: a plain insert (an upsert
      // checks each row for a conflict first).
      const fresh =
        (await emptyAtStart) === true &&
        links.every((l) => !ownCrmIds.has(l.crmId) && !ownRemoteIds.has(l.remoteId ?? ''));
      for (const l of links) {
        ownCrmIds.add(l.crmId);
        if (l.remoteId) ownRemoteIds.add(l.remoteId);
      }
      const rows = links.map((l) => linkRow(b, l, seenRound));
      await (fresh ? syncLinkStore.insertMany(trx, rows) : syncLinkStore.upsertMany(trx, rows));
      if (seenRound) for (const l of links) if (l.remoteId) written.push(`${seenRound} ${l.remoteId}`);
    };
    return {
      async isolated(fn) {
        const name = sql.raw(`sp_${++savepoints}`);
        const mark = written.length;
        await sql`savepoint ${name}`.execute(trx);
        try {
          const out = await fn();
          await sql`release savepoint ${name}`.execute(trx);
          return out;
        } catch (err) {
          await sql`rollback to savepoint ${name}`.execute(trx);
          await sql`release savepoint ${name}`.execute(trx);
          written.length = mark;
          throw err;
        }
      },
      crm: b.writer(trx),
      saveLink: (link, seenRound) => saveLinks([link], seenRound),
      saveLinks,
      deleteLink: (crmId) => syncLinkStore.delete(trx, mailboxId, kind, crmId),
      detachLink: (crmId, keepRemoteId) => syncLinkStore.detach(trx, mailboxId, kind, crmId, keepRemoteId),
      markSeen(ids, round) {
        const done = new Set(written);
        const rest = ids.filter((id) => !done.has(`${round} ${id}`));
        return syncLinkStore.markSeen(trx, mailboxId, kind, rest, round);
      },
      async unseenInFolder(folderId, round) {
        return (await syncLinkStore.unseenInFolder(trx, mailboxId, kind, folderId, round)).map((r) => toLink(b, r));
      },
      setCursor: (scope, row) =>
        syncCursorStore.set(trx, {
          mailbox_id: mailboxId,
          kind,
          scope,
          value: row.value,
          listing: row.listing,
          updated_at: new Date().toISOString(),
        }),
      addPendingDeletion: (p) =>
        syncCursorStore.addPending(trx, {
          mailbox_id: mailboxId,
          kind,
          side: p.side,
          crm_id: p.crmId,
          remote_id: p.remoteId,
          folder_id: p.folderId,
          item_name: p.name,
          run_id: runId,
          created_at: new Date().toISOString(),
        }),
      removePendingDeletion: (side, crmId) => syncCursorStore.removePending(trx, mailboxId, kind, side, crmId),
      journal: (entries) =>
        syncJournalStore.insertMany(
          trx,
          entries.map((e) => journalRow(b, e)),
        ),
      conflict: (c) =>
        syncJournalStore.insertConflict(trx, {
          id: orderedId(),
          mailbox_id: mailboxId,
          kind,
          run_id: runId,
          at: new Date().toISOString(),
          crm_id: c.crmId,
          remote_id: c.remoteId,
          item_name: c.name,
          policy: c.policy,
          resolution: c.resolution,
          fields: JSON.stringify(c.fields),
          base: c.base ? JSON.stringify(c.base) : null,
          crm_version: JSON.stringify(c.crm),
          remote_version: JSON.stringify(c.remote),
          result: JSON.stringify(c.result),
        }),
      async progress(counts, stage) {
        if (!runId) return;
        await syncRunStore.update(trx, runId, { ...counts, stage, heartbeat_at: new Date().toISOString() });
      },
    };
  };

  return {
    async linksByRemote(ids) {
      const rows = await syncLinkStore.byIds(db, mailboxId, kind, 'remote_id', await worthAsking(ids, ownRemoteIds));
      return new Map(rows.map((r) => [r.remote_id as string, toLink(b, r)]));
    },
    async linksByCrm(ids) {
      return byCrm(await syncLinkStore.byIds(db, mailboxId, kind, 'crm_id', await worthAsking(ids, ownCrmIds)));
    },
    async linkedCrmIds(ids) {
      return syncLinkStore.linkedCrmIds(db, mailboxId, kind, await worthAsking(ids, ownCrmIds));
    },
    linkCount: () => syncLinkStore.count(db, mailboxId, kind),
    async pendingLinks(pending, limit) {
      return (await syncLinkStore.pending(db, mailboxId, kind, pending, limit)).map((r) => toLink(b, r));
    },
    async cursor(scope) {
      const row = await syncCursorStore.get(db, mailboxId, kind, scope);
      return row ? { value: row.value, listing: row.listing } : undefined;
    },
    async pendingDeletions(side) {
      const rows = await syncCursorStore.pending(db, mailboxId, kind, side);
      return rows.map((r) => ({
        side: r.side,
        crmId: r.crm_id,
        remoteId: r.remote_id,
        folderId: r.folder_id,
        name: r.item_name,
      }));
    },
    transaction: (fn) => db.transaction().execute((trx) => fn(tx(trx))),
  };
}

function linkRow<F extends FieldMap>(b: StoreBinding<F>, link: Link<F>, seenRound?: string | null): SyncLinksTable {
  return {
    mailbox_id: b.mailboxId,
    kind: b.kind,
    crm_id: link.crmId,
    remote_id: link.remoteId,
    folder_id: link.folderId,
    remote_version: link.remoteVersion,
    crm_seq: link.crmSeq,
    base: encodeBase(link.base, b.blank),
    crm_base: encodeCrmBase(link.base, link.crmBase),
    pending: link.pending,
    seen_round: seenRound ?? null,
    updated_at: new Date().toISOString(),
  };
}

function journalRow<F extends FieldMap>(b: StoreBinding<F>, e: JournalEntry) {
  journalSeq = (journalSeq + 1) % 2_000_000_000;
  return {
    id: orderedId(),
    mailbox_id: b.mailboxId,
    kind: b.kind,
    run_id: b.runId,
    at: new Date().toISOString(),
    seq: journalSeq,
    action: e.action,
    side: e.side,
    result: e.result,
    rule: e.rule,
    crm_id: e.crmId,
    remote_id: e.remoteId,
    item_name: e.name,
    message: e.message,
    message_code: e.said?.code ?? null,
    message_args: e.said?.args ? JSON.stringify(e.said.args) : null,
  };
}
