import { deletionStage } from './deletion-stage.ts';
import type { EngineContext } from './engine-context.ts';
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
  if (ctx.settings.import) {
    await pullStage(ctx);
    held = !(await deletionStage(ctx, 'crm')) || held;
  }
  if (ctx.settings.export) {
    await pushStage(ctx);
    held = !(await deletionStage(ctx, 'remote')) || held;
  }
  return held ? 'needsConfirmation' : 'succeeded';
}
