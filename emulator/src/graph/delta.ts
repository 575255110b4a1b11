import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Folder, FolderKind, SyncChange } from '../store/index.ts';
import { type DeltaResourceCode, type DeltaState, decodeDeltaState, encodeDeltaState } from './delta-token.ts';
import { graphErrors } from './errors.ts';
import { parseFilter } from './odata-filter.ts';
import { MAX_TOP, parseQuery } from './odata-query.ts';
import { markApplied } from './prefer.ts';
import type { MailboxContext } from './request-context.ts';

/**
 * One engine for every Outlook delta function (`concepts/delta-query-overview.md`,
 * `concepts/delta-query-messages.md`): a round is a chain of `@odata.nextLink` pages (`$skiptoken`) over
 * a log window fixed by the round's first request, ending in an `@odata.deltaLink` (`$deltatoken`) whose
 * next round starts where this one ended. Removed entities come as `{id, "@removed": {reason}}`:
 * `deleted` when gone for good, `changed` when moved out of the folder (still restorable elsewhere).
 * With the configured probability a page re-sends entities the client already has, because Microsoft
 * documents that entities can repeat and clients must apply changes idempotently.
 */

export interface DeltaResource {
  code: DeltaResourceCode;
  /** `message`, `contact`, `mailFolder`, `contactFolder`: used in `@odata.type` and `@odata.context`. */
  entityType: string;
  scope: { folder: Folder } | { hierarchy: FolderKind };
  /** Folder number encoded in tokens (0 for hierarchies). */
  folderNum: number;
  /** Path of the delta function below the version prefix, e.g. `/me/mailFolders/{id}/messages/delta`. */
  linkPath: string;
  /** Renders a present entity by number; undefined hides it (e.g. a folder outside the hierarchy shown). */
  render(num: number, state: DeltaState): Record<string, unknown> | undefined;
  /** The id the client knew for a removed entity. */
  removedId(change: Extract<SyncChange, { type: 'removed' }>): string;
  /** Hierarchies: whether a folder belongs to the tracked tree. */
  include?(num: number): boolean;
  /** Messages accept `$filter=receivedDateTime ge|gt {value}`; this reads the item's value. */
  receivedAt?(num: number): number | undefined;
  /** Adds resource-specific options to a first-round state (calendarView: its window); may reject options. */
  initial?(req: FastifyRequest, state: DeltaState): void;
  /** Renders one change as any number of entities, `@removed` ones included (calendarView: a series → its occurrences). */
  expand?(change: SyncChange, state: DeltaState): Record<string, unknown>[];
}

/** Default page size of Outlook collections when the client states none. */
const DEFAULT_PAGE = 10;
/** At most this many already-sent entities are replayed on one page. */
const MAX_REPLAYS = 2;

export function serveDelta(req: FastifyRequest, reply: FastifyReply, ctx: MailboxContext, res: DeltaResource) {
  const q = req.query as Record<string, string | undefined>;
  // An empty `$deltatoken=` (the Location of a 410) means "start a full round again".
  const token = q.$skiptoken || q.$deltatoken;
  const state = token ? stateFromToken(req, ctx, res, token) : initialState(req, ctx, res);

  const pageSize = Math.min(ctx.prefer.maxPageSize ?? state.top ?? DEFAULT_PAGE, MAX_TOP);
  if (ctx.prefer.maxPageSize !== undefined) markApplied(reply, `odata.maxpagesize=${pageSize}`);
  if (ctx.prefer.immutableIds) markApplied(reply, 'IdType="ImmutableId"');

  const delayMs = ctx.options.config().replicationDelayMs;
  const log = ctx.mailbox.changeLog(res.scope);
  const startIndex = state.i ?? log?.firstIndexAfter(state.s) ?? 0;
  const page = ctx.mailbox.readChanges(res.scope, {
    fromSeq: state.s,
    ...(state.u !== undefined ? { toSeq: state.u } : {}),
    index: startIndex,
    limit: pageSize,
    accept: (c) => accepts(c, state, res),
    ...(delayMs !== undefined ? { delayMs } : {}),
  });

  const value: Record<string, unknown>[] = [];
  const odataType = `#microsoft.graph.${res.entityType}`;
  for (const change of page.changes) {
    if (res.expand) {
      for (const entity of res.expand(change, state)) value.push({ '@odata.type': odataType, ...entity });
    } else if (change.type === 'removed') {
      value.push({
        '@odata.type': odataType,
        id: res.removedId(change),
        '@removed': { reason: removedReason(change) },
      });
    } else {
      const entity = res.render(change.num, state);
      if (entity) value.push(entity['@odata.type'] ? entity : { '@odata.type': odataType, ...entity });
    }
  }
  value.push(...replays(ctx, res, state, startIndex, odataType));

  const next: Record<string, string> =
    page.nextIndex !== undefined
      ? { '@odata.nextLink': link(ctx, res, '$skiptoken', { ...state, u: page.toSeq, i: page.nextIndex }) }
      : { '@odata.deltaLink': link(ctx, res, '$deltatoken', withoutWindow(state, page.toSeq)) };
  return {
    '@odata.context': `${ctx.baseUrl}/$metadata#Collection(${res.entityType})`,
    ...next,
    value,
  };
}

function initialState(req: FastifyRequest, ctx: MailboxContext, res: DeltaResource): DeltaState {
  const query = parseQuery(req);
  const q = req.query as Record<string, string | undefined>;
  const state: DeltaState = { v: 1, r: res.code, mb: ctx.mailbox.guid, f: res.folderNum, s: 0 };
  if (query.select?.length) state.sel = query.select;
  if (q.$expand) state.exp = q.$expand;
  if (query.top !== undefined) state.top = query.top;
  const changeType = q.changeType?.toLowerCase();
  if (changeType !== undefined) {
    if (changeType !== 'created' && changeType !== 'updated' && changeType !== 'deleted') {
      throw graphErrors.badRequest(`Invalid changeType '${q.changeType}'.`);
    }
    state.ct = changeType;
  }
  if (q.$filter !== undefined && !res.initial) state.rf = receivedFilter(q.$filter, res);
  res.initial?.(req, state);
  return state;
}

function stateFromToken(req: FastifyRequest, ctx: MailboxContext, res: DeltaResource, token: string): DeltaState {
  const verdict = ctx.options.hooks.shouldInvalidateDelta?.(req);
  if (verdict === '410') throw graphErrors.resyncRequired(`${ctx.baseUrl}${res.linkPath}?$deltatoken=`);
  if (verdict === 'syncStateNotFound') throw graphErrors.syncStateNotFound();
  const state = decodeDeltaState(token);
  if (!state || state.mb !== ctx.mailbox.guid || state.r !== res.code || state.f !== res.folderNum) {
    throw graphErrors.syncStateNotFound();
  }
  // A token from before a store reset of this mailbox cannot point past the current log.
  if (state.s > ctx.mailbox.currentSeq) throw graphErrors.syncStateNotFound();
  return state;
}

/** The only `$filter` message delta supports: `receivedDateTime ge|gt {value}` (delta-query-messages.md). */
function receivedFilter(text: string, res: DeltaResource): DeltaState['rf'] {
  const node = parseFilter(text);
  const ok =
    res.receivedAt &&
    node.t === 'cmp' &&
    (node.op === 'ge' || node.op === 'gt') &&
    node.l.t === 'path' &&
    node.l.segs.join('/').toLowerCase() === 'receiveddatetime' &&
    node.r.t === 'lit' &&
    typeof node.r.v === 'string' &&
    !Number.isNaN(Date.parse(node.r.v));
  if (!ok || node.t !== 'cmp' || node.r.t !== 'lit') {
    throw graphErrors.badRequest('The only $filter supported in a delta query is receivedDateTime ge|gt {value}.');
  }
  return { op: node.op as 'ge' | 'gt', t: Date.parse(String(node.r.v)) };
}

function accepts(change: SyncChange, state: DeltaState, res: DeltaResource): boolean {
  // Removed folders cannot be placed in the tree any more; they pass, and clients ignore unknown ids.
  if (res.include && change.type === 'folderUpsert' && !res.include(change.num)) return false;
  const kind =
    change.type === 'removed'
      ? 'deleted'
      : change.type === 'folderUpsert'
        ? change.created
          ? 'created'
          : 'updated'
        : change.type;
  if (state.ct && state.ct !== kind) return false;
  if (state.rf && kind !== 'deleted' && res.receivedAt) {
    const t = res.receivedAt(change.num);
    if (t === undefined || (state.rf.op === 'ge' ? t < state.rf.t : t <= state.rf.t)) return false;
  }
  return true;
}

function removedReason(change: Extract<SyncChange, { type: 'removed' }>): 'deleted' | 'changed' {
  return change.reason === 'deleted' ? 'deleted' : 'changed';
}

/** Entities sent earlier (log entries before this page's start) that are still present, re-sent as-is. */
function replays(
  ctx: MailboxContext,
  res: DeltaResource,
  state: DeltaState,
  startIndex: number,
  odataType: string,
): Record<string, unknown>[] {
  const p = ctx.options.config().deltaReplayProbability ?? 0;
  if (p <= 0 || startIndex === 0 || Math.random() >= p || state.ct === 'deleted') return [];
  const log = ctx.mailbox.changeLog(res.scope);
  if (!log) return [];
  const out: Record<string, unknown>[] = [];
  const seen = new Set<number>();
  for (let attempt = 0; attempt < MAX_REPLAYS * 4 && out.length < MAX_REPLAYS; attempt++) {
    const entry = log.entries[Math.floor(Math.random() * startIndex)];
    if (!entry || seen.has(entry.key) || !log.isPresent(entry.key)) continue;
    seen.add(entry.key);
    if (res.include && !res.include(entry.key)) continue;
    const item = res.expand ? ctx.mailbox.items.get(entry.key) : undefined;
    const entities = res.expand
      ? item
        ? res.expand({ type: 'updated', num: entry.key, item }, state)
        : []
      : [res.render(entry.key, state)];
    for (const entity of entities) if (entity) out.push({ '@odata.type': odataType, ...entity });
  }
  return out;
}

function withoutWindow(state: DeltaState, toSeq: number): DeltaState {
  const { u: _u, i: _i, ...rest } = state;
  return { ...rest, s: toSeq };
}

function link(ctx: MailboxContext, res: DeltaResource, name: '$skiptoken' | '$deltatoken', state: DeltaState): string {
  return `${ctx.baseUrl}${res.linkPath}?${name}=${encodeDeltaState(state)}`;
}
