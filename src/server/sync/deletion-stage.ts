import { type EngineContext, entry, isItemError, messageOf } from './engine-context.ts';
import { CRM_EDIT_KEPT, isCrmChanged } from './plan.ts';
import type { PendingDeletion } from './sync-ports.ts';
import type { FieldMap, JournalEntry, RunSettings, Side } from './sync-types.ts';

/**
 * Deletions (CT-6, DESIGN §3): the stages only note what they would delete; here they are applied together, unless
 * there are more than the guard allows (default: over 50 items AND over 20 % of the linked items), in which case the
 * run stops and asks the mailbox's owner to confirm or cancel. A confirmed run applies them all.
 */

/** True when deleting `count` of `linked` items needs the owner's confirmation. */
export function exceedsDeletionGuard(count: number, linked: number, guard: RunSettings['guard']): boolean {
  return count > guard.maxItems && count > linked * guard.maxShare;
}

/** Applies the pending deletions of one side; returns false when the guard held them back. */
export async function deletionStage<F extends FieldMap>(ctx: EngineContext<F>, side: Side): Promise<boolean> {
  const pending = await ctx.store.pendingDeletions(side);
  if (pending.length === 0) return true;
  if (!ctx.confirmDeletions && exceedsDeletionGuard(pending.length, await ctx.store.linkCount(), ctx.settings.guard)) {
    await ctx.store.transaction(async (tx) => {
      await tx.journal([
        entry({
          action: 'guard',
          side,
          result: 'skipped',
          rule: 'CT-6',
          message: `${pending.length} deletions in the ${side === 'crm' ? 'CRM' : 'mailbox'} wait for the owner's confirmation`,
          said: { code: 'guard-held', args: { count: pending.length } },
        }),
      ]);
      await tx.progress(ctx.counts, 'needsConfirmation');
    });
    return false;
  }
  for (const p of pending) {
    if (side === 'crm') await deleteInCrm(ctx, p);
    else await deleteRemote(ctx, p);
  }
  return true;
}

async function deleteInCrm<F extends FieldMap>(ctx: EngineContext<F>, p: PendingDeletion): Promise<void> {
  const link = (await ctx.store.linksByCrm([p.crmId])).get(p.crmId);
  const record = link ? (await ctx.crm.read([p.crmId])).get(p.crmId) : undefined;
  /** The journal line of this deletion, counted under its result. */
  const line = (action: 'delete' | 'unlink', result: JournalEntry['result'], more: Partial<JournalEntry> = {}) => {
    ctx.counts[result === 'ok' ? 'deleted' : result]++;
    return entry({
      action,
      side: 'crm',
      result,
      rule: 'CT-6',
      crmId: p.crmId,
      remoteId: p.remoteId,
      name: p.name,
      ...more,
    });
  };
  await ctx.store.transaction(async (tx) => {
    await tx.removePendingDeletion('crm', p.crmId);
    // The item turned up in another synced folder (a move), or the link went meanwhile: nothing to delete.
    if (!link || link.remoteId !== p.remoteId || (p.folderId && link.folderId !== p.folderId)) return;
    if (record && link.crmBase !== null && isCrmChanged(link, record)) {
      // The CRM record changed since the last sync: its edit wins over the mailbox's deletion, as in the planner (a
      // move to Deleted Items reaches here, since Graph reports it as the item leaving the folder). The link goes and
      // the export stage sends the record to the mailbox again.
      await tx.deleteLink(p.crmId);
      await tx.journal([
        line('unlink', 'skipped', { message: CRM_EDIT_KEPT.message, said: CRM_EDIT_KEPT.said ?? null }),
      ]);
      return;
    }
    try {
      const refused = await tx.isolated(() => tx.crm.delete(p.crmId));
      await tx.deleteLink(p.crmId);
      // Refused: not the owner's to delete (rights), or a user's own contact; the record stays.
      await tx.journal([refused ? line('delete', 'skipped', { message: refused.refused }) : line('delete', 'ok')]);
    } catch (err) {
      if (!isItemError(err)) throw err;
      await tx.journal([line('delete', 'failed', { message: messageOf(err) })]);
    }
    await tx.progress(ctx.counts, 'deletions');
  });
}

async function deleteRemote<F extends FieldMap>(ctx: EngineContext<F>, p: PendingDeletion): Promise<void> {
  let failure: unknown;
  if (p.remoteId) {
    try {
      await ctx.remote.delete(p.remoteId);
    } catch (err) {
      if (!isItemError(err)) throw err;
      failure = err;
    }
  }
  await ctx.store.transaction(async (tx) => {
    await tx.removePendingDeletion('remote', p.crmId);
    await tx.deleteLink(p.crmId);
    if (failure) ctx.counts.failed++;
    else ctx.counts.deleted++;
    await tx.journal([
      entry({
        action: 'delete',
        side: 'remote',
        result: failure ? 'failed' : 'ok',
        rule: 'CT-6',
        crmId: p.crmId,
        remoteId: p.remoteId,
        name: p.name,
        message: failure ? messageOf(failure) : null,
      }),
    ]);
    await tx.progress(ctx.counts, 'deletions');
  });
}

/** The owner cancelled held-back deletions: nothing is deleted, the links go (each side keeps what it has). */
export async function cancelDeletions<F extends FieldMap>(ctx: Pick<EngineContext<F>, 'store'>, side: Side) {
  const pending = await ctx.store.pendingDeletions(side);
  await ctx.store.transaction(async (tx) => {
    for (const p of pending) {
      await tx.removePendingDeletion(side, p.crmId);
      // Each side keeps its item; the one whose twin is gone is detached so it does not come back by itself.
      await tx.detachLink(p.crmId, side === 'remote');
    }
    if (pending.length > 0) {
      await tx.journal([
        entry({
          action: 'guard',
          side,
          result: 'skipped',
          rule: 'CT-6',
          message: `the owner cancelled ${pending.length} deletions; both sides keep their items`,
          said: { code: 'guard-cancelled', args: { count: pending.length } },
        }),
      ]);
    }
  });
  return pending.length;
}
