import type { EngineContext } from './engine-context.ts';
import type { SyncTx } from './sync-ports.ts';
import type { FieldMap, Link } from './sync-types.ts';

/** What the import stage checks when a folder's round of changes is complete (DESIGN §3). */

/**
 * An item Tandem created that a whole round of the folder's changes did not show was deleted before anyone listed it
 * (Graph reports net changes: created-then-deleted is nothing). Before that is acted on, the item is looked up by
 * its stamp (a replication delay can hide a new item for a moment): found, it is linked where it is; not found, its
 * CRM record goes the way of any deletion in the mailbox (held back for the guard, or kept when deletions are off).
 */
export async function confirmUnseenCreates<F extends FieldMap>(
  ctx: EngineContext<F>,
  folderId: string,
  awaited: Link<F>[],
) {
  if (awaited.length === 0) return;
  const still = await ctx.store.linksByCrm(awaited.map((l) => l.crmId));
  for (const link of still.values()) {
    if (link.pending !== 'echo' || link.folderId !== folderId) continue;
    const found = await ctx.remote.findByCorrelation(link.crmId);
    await ctx.store.transaction(async (tx) => {
      if (found) {
        await tx.saveLink({
          ...link,
          remoteId: found.id,
          folderId: found.folderId,
          // Only where it is: its version stays the one we wrote, so a change made meanwhile is still seen as one when
          // its folder's listing shows it (found by a model-based randomized test: moved, then edited).
          pending: null,
        });
      } else if (ctx.settings.deletions.toCrm) {
        const name = link.crmBase ? ctx.rules.nameOf(link.crmBase) : link.crmId;
        await tx.saveLink({ ...link, pending: null });
        await tx.addPendingDeletion({ side: 'crm', crmId: link.crmId, remoteId: link.remoteId, folderId: null, name });
      } else {
        await tx.detachLink(link.crmId, false);
      }
    });
  }
}

/** End of a full listing: linked items it did not see are gone from the server (deleted while the cursor was lost). */
export async function reconcile<F extends FieldMap>(
  ctx: EngineContext<F>,
  tx: SyncTx<F>,
  folderId: string,
  round: string,
) {
  for (const link of await tx.unseenInFolder(folderId, round)) {
    if (ctx.settings.deletions.toCrm) {
      const name = link.crmBase ? ctx.rules.nameOf(link.crmBase) : link.crmId;
      await tx.addPendingDeletion({ side: 'crm', crmId: link.crmId, remoteId: link.remoteId, folderId, name });
    } else {
      await tx.deleteLink(link.crmId);
    }
  }
}
