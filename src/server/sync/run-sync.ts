import { deletionStage } from './deletion-stage.ts';
import { type EngineContext, entry } from './engine-context.ts';
import { pullStage } from './pull-stage.ts';
import { pushStage } from './push-stage.ts';
import type { FieldMap } from './sync-types.ts';

/**
 * One run of one mailbox and kind, in the vendor's order (import, export; reference: creatio-behaviour §1.7 #58),
 * each stage followed by its deletions. Returns `needsConfirmation` when the mass-deletion guard held deletions
 * back; everything else the run could do is done even then.
 */
export async function runSync<F extends FieldMap>(ctx: EngineContext<F>): Promise<'succeeded' | 'needsConfirmation'> {
  let held = false;
  const last = await ctx.store.cursor(LINKS_SCOPE);
  ctx.lastSync = {
    exportedSeq: Number((await ctx.store.cursor('crm'))?.value ?? 0),
    endedAt: last?.listing ?? null,
  };
  if (await statusRowsLost(ctx)) {
    // Every status row is gone while the cursors remain (restored or tampered storage): an incremental round would
    // not show the items again and the export would create them twice. List everything; correlation stamps and
    // name-and-email matches relink them (DESIGN §3: "lost status rows are rebuilt from it").
    await ctx.store.transaction(async (tx) => {
      for (const folderId of await ctx.importFolderIds())
        await tx.setCursor(`folder:${folderId}`, { value: null, listing: null });
      await tx.journal([
        entry({
          action: 'resync',
          result: 'ok',
          rule: 'CT-6',
          message: 'the status rows were lost; every item is listed again and relinked',
          said: { code: 'status-rows-lost' },
        }),
      ]);
    });
  }
  if (ctx.settings.import) {
    await pullStage(ctx);
    held = !(await deletionStage(ctx, 'crm')) || held;
  }
  if (ctx.settings.export) {
    await pushStage(ctx);
    held = !(await deletionStage(ctx, 'remote')) || held;
  }
  const linked = await ctx.store.linkCount();
  // `listing` of this row holds when the run ended (no listing round belongs to it).
  const endedAt = new Date().toISOString();
  await ctx.store.transaction((tx) => tx.setCursor(LINKS_SCOPE, { value: String(linked), listing: endedAt }));
  return held ? 'needsConfirmation' : 'succeeded';
}

/** The number of linked items at the end of the last run, kept to notice status rows that went missing. */
const LINKS_SCOPE = 'links';

/** True when the last run ended with linked items and now there are none at all. */
async function statusRowsLost<F extends FieldMap>(ctx: EngineContext<F>): Promise<boolean> {
  const before = Number((await ctx.store.cursor(LINKS_SCOPE))?.value ?? 0);
  return before > 0 && (await ctx.store.linkCount()) === 0;
}
