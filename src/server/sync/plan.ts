import type { RemoteChange } from '../connectors/port.ts';
import { resolveConflict } from './conflict.ts';
import { changedKeys, hashFields, overlay } from './field-diff.ts';
import type {
  CrmChange,
  CrmRecord,
  FieldMap,
  Link,
  PullAction,
  PushAction,
  Reason,
  RunSettings,
} from './sync-types.ts';

/**
 * The planner (DESIGN §3, §7.1): pure functions from what both sides and the status rows say to a list of actions.
 * Nothing here reads or writes anything; every branch says in a comment what happened on which side.
 */

/** What the planner needs to know about a kind. */
export interface KindRules<F extends FieldMap> {
  /** Why a remote item cannot be taken into the CRM (e.g. CT-7: no name), or null. */
  rejectRemote(fields: F): Reason | null;
  /** A name for the journal. */
  nameOf(fields: F): string;
}

export interface PullInput<F extends FieldMap> {
  folderId: string;
  changes: RemoteChange<F>[];
  /** Status rows of the page's remote ids. */
  linksByRemote: Map<string, Link<F>>;
  /** Status rows of the CRM ids the page's items are stamped with (correlation). */
  linksByCrm: Map<string, Link<F>>;
  /** The CRM records of both kinds of links above, and of stamped CRM ids; absent = deleted or not readable. */
  crm: Map<string, CrmRecord<F>>;
  /** CRM records that match new remote items by name and email, by remote id (see CrmReader.findMatches). */
  matches?: Map<string, CrmRecord<F>>;
  settings: RunSettings;
  rules: KindRules<F>;
}

/** Graph may repeat an item within a round (delta replays): only its last state in the page counts. */
function lastPerId<F extends FieldMap>(changes: RemoteChange<F>[]): RemoteChange<F>[] {
  const byId = new Map<string, RemoteChange<F>>();
  for (const c of changes) {
    const id = c.type === 'upsert' ? c.item.id : c.id;
    byId.delete(id);
    byId.set(id, c);
  }
  return [...byId.values()];
}

/** The remote item moved on: its version moved and so did its content (servers rewrite change keys). */
export function isRemoteChanged<F extends FieldMap>(link: Link<F>, version: string, fields: F): boolean {
  return version !== link.remoteVersion && hashFields(fields) !== link.baseHash;
}

/** The CRM record moved on since the sync last wrote or saw it, in content and not only in its seq. */
export function isCrmChanged<F extends FieldMap>(link: Link<F>, record: CrmRecord<F>): boolean {
  return record.seq > link.crmSeq && hashFields(record.fields) !== link.crmHash;
}

/** Plans one page of remote changes of one folder. */
export function planPull<F extends FieldMap>(input: PullInput<F>): PullAction<F>[] {
  const { settings, rules } = input;
  const actions: PullAction<F>[] = [];
  const claimed = new Set<string>();
  for (const change of lastPerId(input.changes)) {
    if (change.type === 'removed') {
      const link = input.linksByRemote.get(change.id);
      // Remote: an item we never linked is gone — nothing to do in the CRM.
      if (!link) continue;
      // Remote: the item left this folder for another synced folder (its upsert there already moved the link).
      if (link.folderId && link.folderId !== input.folderId) continue;
      const record = input.crm.get(link.crmId);
      if (record && link.crmBase !== null && isCrmChanged(link, record)) {
        // Remote deleted, but the CRM record changed since the last sync: the edit is newer than what was deleted,
        // so the record stays; without its link the export stage sends it to the mailbox again.
        actions.push({
          type: 'unlink',
          link,
          reason: { rule: 'CT-6', message: 'deleted in the mailbox but changed in the CRM since; the CRM version is kept' },
        });
        continue;
      }
      if (settings.deletions.toCrm) {
        const name = record?.name ?? link.crmId;
        actions.push({ type: 'deleteInCrm', link, folderId: input.folderId, name });
      } else {
        // Remote deleted, deletions to the CRM are off: the CRM record stays, the link goes (CT-6).
        actions.push({
          type: 'unlink',
          link,
          reason: { rule: 'CT-6', message: 'deleted in the mailbox; deletions to the CRM are off, the record is kept' },
        });
      }
      continue;
    }

    const item = change.item;
    let link = input.linksByRemote.get(item.id);
    let relinked = false;
    let matched = false;
    if (!link && item.correlationId) {
      const stamped = input.linksByCrm.get(item.correlationId);
      if (stamped && (stamped.remoteId === null || stamped.pending === 'create')) {
        // Remote: the item Tandem created for this CRM record before a crash cut off its status row.
        link = stamped;
        relinked = true;
      } else if (stamped && stamped.remoteId !== item.id) {
        // Remote: a copy of an item already linked to a CRM record (the copy carries our stamp). Importing it would
        // make a second CRM record for one person, so it is left out and said so.
        actions.push({
          type: 'skip',
          remoteId: item.id,
          crmId: stamped.crmId,
          name: rules.nameOf(item.fields),
          reason: { rule: 'CT-6', message: 'a copy of an item that is already linked to a CRM record' },
        });
        continue;
      } else if (!stamped && input.crm.has(item.correlationId) && !claimed.has(item.correlationId)) {
        // Remote: stamped by Tandem, but the status row is lost: rebuild it on the stamped CRM record.
        const record = input.crm.get(item.correlationId) as CrmRecord<F>;
        link = orphanLink(record, item.id);
        relinked = true;
      }
    }

    const match = link ? undefined : input.matches?.get(item.id);
    if (!link && match && !input.linksByCrm.has(match.id) && !claimed.has(match.id)) {
      // Remote: an item the CRM already has (same name and email) that was never linked: link, do not import twice.
      link = orphanLink(match, item.id);
      matched = true;
    }

    if (!link) {
      const rejected = rules.rejectRemote(item.fields);
      if (rejected) {
        // Remote: an item the CRM cannot take (CT-7): skipped and journaled, the run goes on.
        actions.push({
          type: 'skip',
          remoteId: item.id,
          crmId: null,
          name: rules.nameOf(item.fields),
          reason: rejected,
        });
      } else {
        // Remote: a new item → a new CRM record.
        actions.push({ type: 'createInCrm', remote: item });
      }
      continue;
    }
    claimed.add(link.crmId);

    const crm = input.crm.get(link.crmId) ?? (matched ? match : undefined);
    const remoteChanged = link.base === null || isRemoteChanged(link, item.version, item.fields);
    if (!crm) {
      // CRM: the record is gone or no longer readable; the export stage sends the deletion (or drops the link).
      if (remoteChanged) {
        actions.push({
          type: 'skip',
          remoteId: item.id,
          crmId: link.crmId,
          name: rules.nameOf(item.fields),
          reason: { rule: 'CT-6', message: 'the CRM record was deleted or is not readable; the change is not applied' },
        });
      }
      continue;
    }
    if (remoteChanged && link.base === null && link.crmBase !== null && !isCrmChanged(link, crm)) {
      // Remote: the item Tandem created (or a rebuilt link) seen for the first time; only what differs from the CRM
      // record counts as a change.
      const changed = changedKeys(link.crmBase, item.fields);
      if (changed.length === 0) {
        actions.push({
          type: 'relink',
          link,
          remote: item,
          why: matched ? 'match' : relinked ? 'correlation' : 'unchanged',
        });
      } else if (matched) {
        // The matched record differs in some fields: link it and bring the mailbox's values in.
        actions.push({ type: 'relink', link, remote: item, why: 'match' });
        actions.push({ type: 'updateCrm', link, remote: item, changed });
      } else {
        actions.push({ type: 'updateCrm', link, remote: item, changed });
      }
      continue;
    }
    if (!remoteChanged) {
      // Remote: our own write coming back (echo), or a new change key over the same content; or the item moved.
      const moved = link.folderId !== item.folderId;
      if (relinked || moved || link.remoteVersion !== item.version) {
        actions.push({ type: 'relink', link, remote: item, why: relinked ? 'correlation' : moved ? 'moved' : 'echo' });
      }
      continue;
    }
    const rejected = rules.rejectRemote(item.fields);
    if (rejected) {
      // Remote: a linked item lost what the CRM needs (e.g. every name field): the CRM keeps its version.
      actions.push({ type: 'skip', remoteId: item.id, crmId: link.crmId, name: crm.name, reason: rejected });
      continue;
    }
    if (link.crmBase !== null && !isCrmChanged(link, crm)) {
      // Remote changed, CRM did not: the changed fields go into the CRM record.
      actions.push({ type: 'updateCrm', link, remote: item, changed: changedKeys(link.base, item.fields) });
      continue;
    }
    // Both changed since the last sync (or the link was rebuilt without a base): merge, then the policy decides.
    const resolution = resolveConflict(
      link,
      crm,
      { fields: item.fields, modifiedAt: item.modifiedAt },
      settings.conflictPolicy,
    );
    actions.push({ type: 'resolveConflict', link, remote: item, crm, ...resolution });
  }
  return actions;
}

/**
 * A status row rebuilt from a correlation stamp: the CRM record as it is stands for the CRM's side of the last sync,
 * so what the server holds differently is taken as the newer state.
 */
function orphanLink<F extends FieldMap>(record: CrmRecord<F>, remoteId: string): Link<F> {
  return {
    crmId: record.id,
    remoteId,
    folderId: null,
    remoteVersion: null,
    crmSeq: record.seq,
    base: null,
    baseHash: null,
    crmBase: record.fields,
    crmHash: hashFields(record.fields),
    pending: null,
  };
}

export interface PushInput<F extends FieldMap> {
  changes: CrmChange<F>[];
  linksByCrm: Map<string, Link<F>>;
  settings: RunSettings;
  rules: KindRules<F>;
}

/** Plans one batch of CRM changes (in change_seq order). */
export function planPush<F extends FieldMap>(input: PushInput<F>): PushAction<F>[] {
  const actions: PushAction<F>[] = [];
  for (const change of input.changes) {
    if (change.type === 'deleted') {
      const link = input.linksByCrm.get(change.id);
      // CRM: a record the mailbox never had was deleted — nothing to do.
      if (!link) continue;
      if (input.settings.deletions.toRemote && link.remoteId) {
        actions.push({ type: 'deleteRemote', link, name: link.crmBase ? input.rules.nameOf(link.crmBase) : change.id });
      } else {
        // CRM deleted, deletions to the mailbox are off (or it never got there): the remote item stays.
        actions.push({
          type: 'unlink',
          link,
          reason: { rule: 'CT-6', message: 'deleted in the CRM; deletions to the mailbox are off, the item is kept' },
        });
      }
      continue;
    }
    const { record, inScope } = change;
    const link = input.linksByCrm.get(record.id);
    if (!link || link.pending === 'create' || link.remoteId === null) {
      // CRM: a record the export settings take (CT-3) and the mailbox lacks → create it there, stamped.
      // Out of scope and never linked: not the mailbox's business.
      if (inScope) actions.push({ type: 'createRemote', record });
      continue;
    }
    if (!isCrmChanged(link, record)) {
      // CRM: our own import coming back (echo), or a write that changed nothing mapped.
      if (record.seq > link.crmSeq) actions.push({ type: 'advance', link, record });
      continue;
    }
    // CRM changed: the remote item gets its current fields with the CRM's changed fields over them.
    const changed = changedKeys(link.crmBase, record.fields);
    const fields = link.base ? overlay(link.base, record.fields, changed) : record.fields;
    actions.push({ type: 'updateRemote', link, record, fields, changed });
  }
  return actions;
}
