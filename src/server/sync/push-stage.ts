import { isConnectorError, type WriteResult } from '../connectors/port.ts';
import {
  changedFields,
  type EngineContext,
  entry,
  isItemError,
  mapLimited,
  messageOf,
  recordSkip,
} from './engine-context.ts';
import { planPush } from './plan.ts';
import type { SyncTx } from './sync-ports.ts';
import type { CrmChange, FieldMap, Link, PushAction } from './sync-types.ts';

/**
 * The export stage (CT-3, CT-6): CRM changes after the mailbox's export position, in change_seq order, batch by
 * batch. A create is announced in a status row BEFORE it goes out ('pending'), so a crash between the server's
 * answer and our commit is repaired by looking the item up by its correlation stamp instead of creating it twice.
 * The status rows, journal and the new export position then commit in one transaction.
 */

const CRM_SCOPE = 'crm';

type Outcome = { ok: WriteResult } | { gone: true } | { error: unknown } | { none: true };

export async function pushStage<F extends FieldMap>(ctx: EngineContext<F>): Promise<void> {
  const batch = ctx.pushBatch ?? 200;
  const target = { folderId: undefined as string | undefined };
  let exported = Number((await ctx.store.cursor(CRM_SCOPE))?.value ?? 0);
  for (;;) {
    const changes = await ctx.crm.changesSince(exported, batch);
    if (changes.length === 0) break;
    const last = changes[changes.length - 1];
    const lastSeq = last ? (last.type === 'upsert' ? last.record.seq : last.seq) : exported;
    await exportBatch(ctx, changes, target, lastSeq);
    exported = lastSeq;
  }
  await sweepScope(ctx, target, batch);
}

/**
 * CT-3: records the export settings take that the mailbox has never had, although they did not change — the scope
 * was widened, a contact joined a group, a grant made it readable. The change feed cannot see those, so every run
 * also walks the scope's ids and exports the ones without a status row (the vendor's "not yet synced" query).
 */
async function sweepScope<F extends FieldMap>(
  ctx: EngineContext<F>,
  target: { folderId: string | undefined },
  batch: number,
): Promise<void> {
  if (!ctx.crm.inScopeIds) return;
  let after: string | null = null;
  for (;;) {
    const ids: string[] = await ctx.crm.inScopeIds(after, 1000);
    if (ids.length === 0) return;
    after = ids[ids.length - 1] ?? null;
    const links = await ctx.store.linksByCrm(ids);
    const missing = ids.filter((id) => !links.has(id));
    for (let i = 0; i < missing.length; i += batch) {
      const records = await ctx.crm.read(missing.slice(i, i + batch));
      const changes = [...records.values()].map((record) => ({ type: 'upsert' as const, record, inScope: true }));
      if (changes.length > 0) await exportBatch(ctx, changes, target, null);
    }
  }
}

/** Plans and applies one batch of CRM changes; `lastSeq` (when given) becomes the new export position. */
async function exportBatch<F extends FieldMap>(
  ctx: EngineContext<F>,
  changes: CrmChange<F>[],
  target: { folderId: string | undefined },
  lastSeq: number | null,
): Promise<void> {
  const ids = changes.map((c) => (c.type === 'upsert' ? c.record.id : c.id));
  const links = await ctx.store.linksByCrm(ids);
  const actions = planPush({ changes, linksByCrm: links, settings: ctx.settings, rules: ctx.rules });

  const creates = actions.filter((a) => a.type === 'createRemote');
  if (creates.length > 0) {
    target.folderId ??= await ctx.remote.defaultFolderId();
    const folderId = target.folderId;
    await ctx.store.transaction(async (tx) => {
      for (const a of creates) {
        if (a.type !== 'createRemote' || links.get(a.record.id)?.pending === 'create') continue;
        await tx.saveLink(pendingLink(a.record.id, a.record.seq, a.record.fields, folderId));
      }
    });
  }

  const outcomes = await mapLimited(actions, ctx.pushConcurrency ?? 4, (a) =>
    remoteWrite(ctx, a, links, target.folderId),
  );

  await ctx.store.transaction(async (tx) => {
    for (const [i, action] of actions.entries()) {
      await tx.isolated(() => record(ctx, tx, action, outcomes[i] as Outcome, target.folderId ?? null));
    }
    if (lastSeq !== null) await tx.setCursor(CRM_SCOPE, { value: String(lastSeq), listing: null });
    await tx.progress(ctx.counts, 'export');
  });
}

function pendingLink<F extends FieldMap>(crmId: string, seq: number, fields: F, folderId: string): Link<F> {
  return {
    crmId,
    remoteId: null,
    folderId,
    remoteVersion: null,
    crmSeq: seq,
    base: null,
    crmBase: fields,
    pending: 'create',
  };
}

/** Does the server side of one action; item errors become outcomes, anything else stops the run. */
async function remoteWrite<F extends FieldMap>(
  ctx: EngineContext<F>,
  action: PushAction<F>,
  links: Map<string, Link<F>>,
  folderId: string | undefined,
): Promise<Outcome> {
  try {
    if (action.type === 'createRemote') {
      if (links.get(action.record.id)?.pending === 'create') {
        // An earlier run announced this create and stopped: the item may already be there.
        const found = await ctx.remote.findByCorrelation(action.record.id);
        if (found) return { ok: { id: found.id, version: found.version } };
      }
      return { ok: await ctx.remote.create(folderId as string, action.record.fields, action.record.id) };
    }
    if (action.type === 'updateRemote') {
      return { ok: await ctx.remote.update(action.link.remoteId as string, action.fields) };
    }
    return { none: true };
  } catch (err) {
    if (isConnectorError(err, 'NOT_FOUND') && action.type === 'updateRemote') return { gone: true };
    if (!isItemError(err)) throw err;
    return { error: err };
  }
}

async function record<F extends FieldMap>(
  ctx: EngineContext<F>,
  tx: SyncTx<F>,
  action: PushAction<F>,
  outcome: Outcome,
  folderId: string | null,
): Promise<void> {
  const { counts } = ctx;
  if ('error' in outcome) {
    counts.failed++;
    // A create that failed leaves no announcement behind: the next change of the record tries again.
    if (action.type === 'createRemote') await tx.deleteLink(action.record.id);
    await tx.journal([
      entry({
        action: action.type === 'createRemote' ? 'create' : 'update',
        side: 'remote',
        result: 'failed',
        rule: 'CT-3',
        crmId: 'record' in action ? action.record.id : null,
        remoteId: 'link' in action ? action.link.remoteId : null,
        name: 'record' in action ? action.record.name : null,
        message: messageOf(outcome.error),
      }),
    ]);
    return;
  }
  switch (action.type) {
    case 'createRemote': {
      if (!('ok' in outcome)) return;
      const { record } = action;
      await tx.saveLink({
        crmId: record.id,
        remoteId: outcome.ok.id,
        folderId,
        remoteVersion: outcome.ok.version,
        crmSeq: record.seq,
        base: record.fields,
        crmBase: record.fields,
        // Until the folder's next change listing shows it: an item deleted before that never shows (Graph lists net
        // changes), and the pull stage must then find out another way (pull-stage.ts confirmUnseenCreates).
        pending: 'echo',
      });
      await tx.journal([
        entry({
          action: 'create',
          side: 'remote',
          result: 'ok',
          rule: 'CT-3',
          crmId: record.id,
          remoteId: outcome.ok.id,
          name: record.name,
        }),
      ]);
      counts.created++;
      return;
    }
    case 'updateRemote': {
      const { link, record: rec, fields, changed } = action;
      if ('gone' in outcome) {
        // The item was deleted in the mailbox after our last look (outside the imported folders): the record stays
        // in the CRM, separated from the mailbox so it is not sent there again by itself.
        await tx.detachLink(link.crmId, false);
        await tx.journal([
          entry({
            action: 'unlink',
            side: 'remote',
            result: 'skipped',
            rule: 'CT-6',
            crmId: link.crmId,
            remoteId: link.remoteId,
            name: rec.name,
            message: 'the item is no longer in the mailbox',
            said: { code: 'gone-from-mailbox' },
          }),
        ]);
        counts.skipped++;
        return;
      }
      if (!('ok' in outcome)) return;
      await tx.saveLink({
        ...link,
        remoteId: outcome.ok.id,
        remoteVersion: outcome.ok.version,
        crmSeq: rec.seq,
        base: fields,
        crmBase: rec.fields,
      });
      await tx.journal([
        entry({
          action: 'update',
          side: 'remote',
          result: 'ok',
          crmId: rec.id,
          remoteId: outcome.ok.id,
          name: rec.name,
          ...changedFields(changed),
        }),
      ]);
      counts.updated++;
      return;
    }
    case 'advance': {
      const { link, record: rec } = action;
      await tx.saveLink({ ...link, crmSeq: rec.seq, crmBase: rec.fields });
      return;
    }
    case 'deleteRemote': {
      const { link, name } = action;
      await tx.addPendingDeletion({
        side: 'remote',
        crmId: link.crmId,
        remoteId: link.remoteId,
        folderId: link.folderId,
        name,
      });
      return;
    }
    case 'unlink': {
      // The CRM record is gone: a detached row remembers the mailbox's item so it is not imported again.
      if (action.detach) await tx.detachLink(action.link.crmId, true);
      else await tx.deleteLink(action.link.crmId);
      const { link, reason } = action;
      await recordSkip(ctx, tx, {
        action: 'unlink',
        side: 'remote',
        reason,
        crmId: link.crmId,
        remoteId: link.remoteId,
      });
      return;
    }
    case 'skip': {
      const { reason, crmId, name } = action;
      await recordSkip(ctx, tx, { action: 'skip', side: 'remote', reason, crmId, remoteId: null, name });
      return;
    }
  }
}
