import { randomUUID } from 'node:crypto';
import { isConnectorError, type WriteResult } from '../connectors/port.ts';
import { changedFields, type EngineContext, entry, isItemError, messageOf, recordSkip } from './engine-context.ts';
import { type MatchWatch, noteWritten, startMatchWatch } from './match-watch.ts';
import { dependsOn, type PreparedPage, preparePage, type WrittenPage } from './pull-prepare.ts';
import { readAhead } from './read-ahead.ts';
import { confirmUnseenCreates, reconcile } from './round-end.ts';
import type { SyncTx } from './sync-ports.ts';
import type { CrmRecord, FieldMap, Link, PullAction, RemoteItem } from './sync-types.ts';

/**
 * The import stage (CT-1, CT-6): for each folder, page by page, plan the page and apply it. Remote writes a page
 * needs (conflict resolutions) happen first; then the CRM writes, status rows, journal, counts and the folder's
 * cursor commit in ONE transaction, each item in its own savepoint, so a crash resumes at the page it cut off and a
 * bad item fails alone. An expired cursor starts a full listing that reconciles by status rows and correlation ids.
 */

const scopeOf = (folderId: string) => `folder:${folderId}`;

export async function pullStage<F extends FieldMap>(ctx: EngineContext<F>): Promise<void> {
  const watch = startMatchWatch();
  for (const folderId of await ctx.importFolderIds()) {
    try {
      await pullFolder(ctx, folderId, watch);
    } catch (err) {
      // A chosen folder that was deleted on the server: say so and go on with the others.
      if (!isConnectorError(err, 'NOT_FOUND')) throw err;
      await ctx.store.transaction((tx) =>
        tx.journal([
          entry({ action: 'error', result: 'failed', rule: 'CT-1', message: `folder ${folderId}: ${messageOf(err)}` }),
        ]),
      );
      ctx.counts.failed++;
    }
  }
}

async function pullFolder<F extends FieldMap>(
  ctx: EngineContext<F>,
  folderId: string,
  watch: MatchWatch,
): Promise<void> {
  // Items Tandem created here since the last listing; the round must show each of them (see confirmUnseenCreates).
  const awaited = (await ctx.store.pendingLinks('echo', 10_000)).filter((l) => l.folderId === folderId);
  const scope = scopeOf(folderId);
  const row = await ctx.store.cursor(scope);
  let cursor = row?.value ?? null;
  // No cursor yet means a full listing: mark what it sees so that what it does not see can be reconciled.
  let listing = row?.listing ?? (cursor === null ? randomUUID() : null);
  // The next page is fetched and prepared (read and planned) while this one is written, and the one after it is
  // already on its way (readAhead): the server's time, the database's reads and the planning overlap the writes, and
  // the commits keep their order. A failure of the next page surfaces when it is awaited; a failed write drops it.
  let next: Promise<PreparedPage<F>> | undefined;
  const pageAt = readAhead((at) => ctx.remote.changes(folderId, at));
  const prepare = (at: string | null) => pageAt(at).then((p) => preparePage(ctx, folderId, p, watch));
  for (;;) {
    let prepared: PreparedPage<F>;
    try {
      prepared = await (next ?? prepare(cursor));
    } catch (err) {
      next = undefined;
      if (!isConnectorError(err, 'CURSOR_EXPIRED')) throw err;
      // The server forgot our position (410 / syncStateNotFound / resyncRequired): list everything again and
      // reconcile; status rows and correlation stamps keep it from creating anything twice (CT-6).
      cursor = null;
      listing = randomUUID();
      const round = listing;
      await ctx.store.transaction(async (tx) => {
        await tx.setCursor(scope, { value: null, listing: round });
        await tx.journal([
          entry({ action: 'resync', result: 'ok', rule: 'CT-6', message: `folder ${folderId}: ${messageOf(err)}` }),
        ]);
      });
      continue;
    }
    const { page } = prepared;
    next = !page.complete && page.cursor !== cursor ? prepare(page.cursor) : undefined;
    next?.catch(() => undefined);
    const written = await writePage(ctx, folderId, prepared, listing);
    // Prepared before this page committed: prepared again when it read what this page wrote, or looked for matches
    // only where a watch this page ended said they could be.
    const watchEnded = noteWritten(watch, written);
    next = next?.then((n) =>
      dependsOn(n, written) || (watchEnded && n.watched) ? preparePage(ctx, folderId, n.page, watch) : n,
    );
    next?.catch(() => undefined);
    if (page.complete) {
      await confirmUnseenCreates(ctx, folderId, awaited);
      return;
    }
    // A server that hands back the same position forever would spin this loop; stop rather than hammer it.
    if (page.cursor === cursor) throw new Error(`folder ${folderId}: the server returned the same page position twice`);
    cursor = page.cursor;
  }
}

/** The write half of a page: remote writes the plan needs, then one transaction for everything else. */
async function writePage<F extends FieldMap>(
  ctx: EngineContext<F>,
  folderId: string,
  prepared: PreparedPage<F>,
  listing: string | null,
): Promise<WrittenPage> {
  const { page, actions } = prepared;
  const upserts = page.changes.flatMap((c) => (c.type === 'upsert' ? [c.item] : []));
  const createdBefore = ctx.counts.created;
  // Remote writes first (outside the transaction: never hold the database while waiting for the server). A crash
  // before the commit replays this page, and the same resolution comes out again.
  const written = new Map<PullAction<F>, WriteResult | Error>();
  for (const action of actions) {
    if (action.type !== 'resolveConflict' || !action.toRemote) continue;
    try {
      written.set(action, await ctx.remote.update(action.remote.id, action.toRemote));
    } catch (err) {
      if (!isItemError(err)) throw err;
      written.set(action, err instanceof Error ? err : new Error(String(err)));
    }
  }

  let bulk: Bulk<F> = { done: new Set(), seqs: [] };
  await ctx.store.transaction(async (tx) => {
    bulk = await createInBulk(ctx, tx, actions, listing);
    for (const action of actions) {
      if (bulk.done.has(action)) continue;
      const failed = written.get(action);
      if (failed instanceof Error) {
        await recordFailure(ctx, tx, action, failed);
        continue;
      }
      try {
        await tx.isolated(() => applyAction(ctx, tx, action, failed, listing));
      } catch (err) {
        if (!isItemError(err)) throw err;
        await recordFailure(ctx, tx, action, err);
      }
    }
    if (listing) {
      await tx.markSeen(
        upserts.map((i) => i.id),
        listing,
      );
      if (page.complete) await reconcile(ctx, tx, folderId, listing);
    }
    await tx.setCursor(scopeOf(folderId), { value: page.cursor, listing: page.complete ? null : listing });
    await tx.progress(ctx.counts, 'import');
  });
  // The CRM records whose status rows this page wrote or removed (records it created are new to everyone).
  const crmIds = new Set(actions.flatMap((a) => ('link' in a ? [a.link.crmId] : [])));
  return {
    remoteIds: prepared.remoteIds,
    crmIds,
    created: ctx.counts.created - createdBefore,
    createdSeqs: bulk.seqs,
  };
}

/** The creates done in one go, and the change sequence numbers of the records they made. */
interface Bulk<F extends FieldMap> {
  done: Set<PullAction<F>>;
  seqs: number[];
}

/**
 * New remote items of a page go into the CRM with a few statements when the writer can (the initial import's speed);
 * if any one of them is refused, the batch is undone and each is tried alone so the refusal fails that item only.
 */
async function createInBulk<F extends FieldMap>(
  ctx: EngineContext<F>,
  tx: SyncTx<F>,
  actions: PullAction<F>[],
  listing: string | null,
): Promise<Bulk<F>> {
  const creates = actions.flatMap((a) => (a.type === 'createInCrm' ? [a] : []));
  const createMany = tx.crm.createMany?.bind(tx.crm);
  const none = { done: new Set<PullAction<F>>(), seqs: [] };
  if (creates.length < 2 || !createMany) return none;
  let records: CrmRecord<F>[] = [];
  try {
    await tx.isolated(async () => {
      records = await createMany(creates.map((a) => a.remote.fields));
      await tx.saveLinks(
        creates.map((a, i) => {
          const record = records[i] as CrmRecord<F>;
          return agreed(record.id, a.remote, a.remote.fields, a.remote.version, record);
        }),
        listing,
      );
      await tx.journal(
        creates.map((a, i) =>
          entry({
            action: 'create',
            side: 'crm',
            result: 'ok',
            crmId: records[i]?.id ?? null,
            remoteId: a.remote.id,
            name: records[i]?.name ?? null,
          }),
        ),
      );
    });
  } catch (err) {
    if (!isItemError(err)) throw err;
    return none;
  }
  ctx.counts.created += creates.length;
  return { done: new Set<PullAction<F>>(creates), seqs: records.map((r) => r.seq) };
}

async function recordFailure<F extends FieldMap>(
  ctx: EngineContext<F>,
  tx: SyncTx<F>,
  action: PullAction<F>,
  err: unknown,
): Promise<void> {
  ctx.counts.failed++;
  const remote = 'remote' in action ? action.remote : undefined;
  await tx.journal([
    entry({
      action: action.type === 'createInCrm' ? 'create' : action.type === 'deleteInCrm' ? 'delete' : 'update',
      side: 'crm',
      result: 'failed',
      rule: 'CT-6',
      crmId: 'link' in action ? action.link.crmId : null,
      remoteId: remote?.id ?? null,
      name: remote ? ctx.rules.nameOf(remote.fields) : null,
      message: messageOf(err),
    }),
  ]);
}

/** The status row after both sides agree: the remote item as it is and the CRM record as it is. */
function agreed<F extends FieldMap>(
  crmId: string,
  remote: RemoteItem<F>,
  remoteFields: F,
  version: string,
  record: CrmRecord<F>,
): Link<F> {
  return {
    crmId,
    remoteId: remote.id,
    folderId: remote.folderId,
    remoteVersion: version,
    crmSeq: record.seq,
    base: remoteFields,
    crmBase: record.fields,
    pending: null,
  };
}

async function applyAction<F extends FieldMap>(
  ctx: EngineContext<F>,
  tx: SyncTx<F>,
  action: PullAction<F>,
  written: WriteResult | Error | undefined,
  listing: string | null,
): Promise<void> {
  const { counts, rules } = ctx;
  switch (action.type) {
    case 'createInCrm': {
      const { remote } = action;
      const record = await tx.crm.create(remote.fields);
      await tx.saveLink(agreed(record.id, remote, remote.fields, remote.version, record), listing);
      await tx.journal([
        entry({
          action: 'create',
          side: 'crm',
          result: 'ok',
          crmId: record.id,
          remoteId: remote.id,
          name: record.name,
        }),
      ]);
      counts.created++;
      return;
    }
    case 'updateCrm': {
      const { link, remote, changed } = action;
      const record = await tx.crm.update(link.crmId, remote.fields, changed);
      await tx.saveLink(agreed(link.crmId, remote, remote.fields, remote.version, record), listing);
      await tx.journal([
        entry({
          action: 'update',
          side: 'crm',
          result: 'ok',
          crmId: link.crmId,
          remoteId: remote.id,
          name: record.name,
          ...changedFields(changed),
        }),
      ]);
      counts.updated++;
      return;
    }
    case 'resolveConflict': {
      const { link, remote, crm, conflict, toCrm, toRemote } = action;
      const record = toCrm.length > 0 ? await tx.crm.update(link.crmId, conflict.result, toCrm) : crm;
      const version = written && !(written instanceof Error) ? written.version : remote.version;
      await tx.saveLink(agreed(link.crmId, remote, toRemote ?? remote.fields, version, record), listing);
      await tx.conflict({ ...conflict, crmId: link.crmId, remoteId: remote.id, name: record.name });
      await tx.journal([
        entry({
          action: 'conflict',
          side: null,
          result: 'ok',
          rule: 'CT-6',
          crmId: link.crmId,
          remoteId: remote.id,
          name: record.name,
          message: `${conflict.resolution === 'merged' ? 'merged' : `${conflict.resolution} wins`} (${conflict.policy}): ${conflict.fields.join(', ')}`,
          said: {
            code: `conflict-${conflict.resolution}`,
            args: { policy: conflict.policy, fields: conflict.fields.join(', ') },
          },
        }),
      ]);
      counts.conflicts++;
      counts.updated++;
      return;
    }
    case 'relink': {
      const { link, remote, why } = action;
      // An echo or a move keeps the agreed fields; a first sight of the item takes the server's.
      const base = link.base === null || why === 'correlation' || why === 'unchanged' ? remote.fields : link.base;
      const crmBase = link.crmBase ?? base;
      await tx.saveLink(
        {
          ...link,
          remoteId: remote.id,
          folderId: remote.folderId,
          remoteVersion: remote.version,
          base,
          crmBase,
          pending: null,
        },
        listing,
      );
      if (why === 'correlation' || why === 'match') {
        await tx.journal([
          entry({
            action: 'link',
            side: null,
            result: 'ok',
            rule: 'CT-6',
            crmId: link.crmId,
            remoteId: remote.id,
            name: rules.nameOf(remote.fields),
            message:
              why === 'match'
                ? 'linked to the CRM record with the same name and email (no duplicate created)'
                : 'linked by the correlation stamp (no duplicate created)',
            said: { code: why === 'match' ? 'linked-match' : 'linked-stamp' },
          }),
        ]);
      }
      return;
    }
    case 'deleteInCrm': {
      const { link, name } = action;
      // Held back until the end of the stage, where the mass-deletion guard looks at all of them together.
      await tx.addPendingDeletion({
        side: 'crm',
        crmId: link.crmId,
        remoteId: link.remoteId,
        folderId: action.folderId,
        name,
      });
      return;
    }
    case 'unlink': {
      // The remote item is gone: a detached row keeps only the CRM side.
      if (action.detach) await tx.detachLink(action.link.crmId, false);
      else await tx.deleteLink(action.link.crmId);
      const { link, reason } = action;
      await recordSkip(ctx, tx, { action: 'unlink', side: 'crm', reason, crmId: link.crmId, remoteId: link.remoteId });
      return;
    }
    case 'skip': {
      const { reason, crmId, name } = action;
      await recordSkip(ctx, tx, { action: 'skip', side: 'crm', reason, crmId, remoteId: action.remoteId, name });
      return;
    }
  }
}
