import type { EngineContext } from './engine-context.ts';
import type { WrittenPage } from './pull-prepare.ts';
import type { FieldMap } from './sync-types.ts';

/**
 * Looking for CRM records that match new remote items (same name and email: CT-6, no duplicates) is the costliest
 * read of an import, and most of what it reads cannot match: a record linked to the mailbox never is one, and on an
 * initial import nearly every record is one the import itself just created and linked. With many namesakes (a
 * page's names shared by hundreds of imported contacts) it still reads each of them.
 *
 * The watch keeps the few records a match could be made with: page by page it reads the ids of the records changed
 * since it last looked (the CRM's change sequence counts every write, in commit order) and keeps those that are not
 * linked to this mailbox; matches are then looked for among those only, or not at all when there are none. The
 * first look starts at the beginning of the sequence, so a CRM that already holds more than UNLINKED_LIMIT records
 * the mailbox has not linked (or more than WATCH_LIMIT changed records at one look) ends the watch at once, and so
 * does a page that moves or removes status rows (a record it unlinks keeps its sequence number). Once ended, the run
 * looks among all records, as before.
 */

/** More changed records than this at one look: too many to check one by one. */
const WATCH_LIMIT = 2000;
/** More records not linked to the mailbox than this: look among all records. */
const UNLINKED_LIMIT = 200;

export interface MatchWatch {
  /** Every record changed up to this point of the change sequence has been seen. */
  seq: number;
  /** Records seen that are not linked to the mailbox: the only ones a match could be made with. */
  unlinked: Set<string>;
  on: boolean;
}

export function startMatchWatch(): MatchWatch {
  return { seq: 0, unlinked: new Set(), on: true };
}

/** The records to look for matches among: only these ids, or every record (undefined). */
export async function matchScope<F extends FieldMap>(
  ctx: EngineContext<F>,
  watch: MatchWatch,
): Promise<string[] | undefined> {
  if (!watch.on || !ctx.crm.changedIds) return undefined;
  const changed = await ctx.crm.changedIds(watch.seq, WATCH_LIMIT);
  if (changed.length >= WATCH_LIMIT) return end(watch);
  const linked = await ctx.store.linkedCrmIds(changed.map((c) => c.id));
  for (const { id } of changed) {
    if (linked.has(id)) watch.unlinked.delete(id);
    else watch.unlinked.add(id);
  }
  if (watch.unlinked.size > UNLINKED_LIMIT) return end(watch);
  watch.seq = changed.at(-1)?.seq ?? watch.seq;
  return [...watch.unlinked];
}

function end(watch: MatchWatch): undefined {
  watch.on = false;
  watch.unlinked.clear();
  return undefined;
}

/**
 * After a page is written: status rows it moved or removed may have left a record unlinked without changing it, and
 * the watch ends. Returns whether it ended here (a page prepared meanwhile under the watch must be prepared again).
 * Otherwise the records the page created and linked need not be read back: the watch moves past their numbers
 * while they follow on from where it stands (a number in between is someone else's write, read at the next look).
 */
export function noteWritten(watch: MatchWatch, written: WrittenPage): boolean {
  if (!watch.on) return false;
  if (written.crmIds.size > 0) {
    end(watch);
    return true;
  }
  for (const seq of [...written.createdSeqs].sort((a, b) => a - b)) {
    if (seq !== watch.seq + 1) break;
    watch.seq = seq;
  }
  return false;
}
