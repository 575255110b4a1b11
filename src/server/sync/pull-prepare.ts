import type { ChangePage } from '../connectors/port.ts';
import type { EngineContext } from './engine-context.ts';
import { type MatchWatch, matchScope } from './match-watch.ts';
import { planPull } from './plan.ts';
import type { CrmRecord, FieldMap, PullAction } from './sync-types.ts';

/**
 * The read half of importing a page of changes: status rows, CRM records and match candidates looked up, and the page
 * planned. It runs outside any transaction, so the next page is prepared while the current one is written (the
 * database's reads, the planning and the writes overlap); `dependsOn` says when the page written in the meantime
 * touched what a prepared page read, and it must be prepared again to see it.
 */

export interface PreparedPage<F extends FieldMap> {
  page: ChangePage<F>;
  actions: PullAction<F>[];
  /** Every remote id of the page. */
  remoteIds: Set<string>;
  /** Every CRM id the plan looked at: linked records, stamps, match candidates. */
  crmIds: Set<string>;
  /** Whether the plan links an item to a CRM record by a match (a record created since might make it ambiguous). */
  usesMatches: boolean;
  /** Whether matches were looked for among the watch's records only, or not at all (match-watch.ts). */
  watched: boolean;
}

/** What writing a page touched, for `dependsOn`. */
export interface WrittenPage {
  /** Every remote id of the page. */
  remoteIds: Set<string>;
  /** CRM records whose status rows the page wrote, moved or removed. */
  crmIds: Set<string>;
  /** CRM records created. */
  created: number;
  /** The change sequence numbers of the records created in one go (a page of an import). */
  createdSeqs: number[];
}

export async function preparePage<F extends FieldMap>(
  ctx: EngineContext<F>,
  folderId: string,
  page: ChangePage<F>,
  watch: MatchWatch,
): Promise<PreparedPage<F>> {
  const upserts = page.changes.flatMap((c) => (c.type === 'upsert' ? [c.item] : []));
  const remoteIds = page.changes.map((c) => (c.type === 'upsert' ? c.item.id : c.id));
  const stamps = upserts.flatMap((i) => (i.correlationId ? [i.correlationId] : []));
  // Independent lookups go out together (on PostgreSQL each has its own connection). Candidates are looked up for
  // every unstamped item; those that turn out to be linked already are left out below.
  const unstamped = upserts.filter((i) => !i.correlationId);
  const { findMatches } = ctx.crm;
  let watched = false;
  const lookUp = async () => {
    if (unstamped.length === 0 || !findMatches) return new Map<string, string>();
    const within = await matchScope(ctx, watch);
    watched = within !== undefined;
    if (within?.length === 0) return new Map<string, string>();
    return findMatches.call(ctx.crm, unstamped, within);
  };
  const [linksByRemote, candidates] = await Promise.all([ctx.store.linksByRemote(remoteIds), lookUp()]);
  const matched = new Map([...candidates].filter(([itemId]) => !linksByRemote.has(itemId)));
  const linksByCrm = await ctx.store.linksByCrm([...new Set([...stamps, ...matched.values()])]);
  // A match already linked to another item is not one (the planner creates the item); it need not be read.
  const unlinkedMatches = [...matched.values()].filter((id) => !linksByCrm.has(id));
  const linked = [...linksByRemote.values()].map((l) => l.crmId);
  const crmIds = new Set([...stamps, ...linked, ...unlinkedMatches]);
  const crm = await ctx.crm.read([...crmIds]);
  const matches = new Map<string, CrmRecord<F>>();
  for (const [itemId, crmId] of matched) {
    const record = linksByCrm.has(crmId) ? undefined : crm.get(crmId);
    if (record) matches.set(itemId, record);
  }
  const actions = planPull({
    folderId,
    changes: page.changes,
    linksByRemote,
    linksByCrm,
    crm,
    matches,
    ...(ctx.lastSync ? { lastSync: ctx.lastSync } : {}),
    settings: ctx.settings,
    rules: ctx.rules,
  });
  return {
    page,
    actions,
    remoteIds: new Set(remoteIds),
    crmIds: new Set([...crmIds, ...matched.values(), ...linksByCrm.keys()]),
    usesMatches: matches.size > 0,
    watched,
  };
}

/**
 * Whether `next`, prepared while `written` was being written, read something that write changed: the same remote item
 * (listed twice in a round), the same CRM record, or a match that a newly created record could make ambiguous.
 */
export function dependsOn<F extends FieldMap>(next: PreparedPage<F>, written: WrittenPage): boolean {
  for (const id of next.remoteIds) if (written.remoteIds.has(id)) return true;
  for (const id of next.crmIds) if (written.crmIds.has(id)) return true;
  return next.usesMatches && written.created > 0;
}
