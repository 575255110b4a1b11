import type { RemoteChange, RemoteItem } from '../connectors/port.ts';
import { resolveConflict } from './conflict.ts';
import { changedKeys, overlay, sameFields } from './field-diff.ts';
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

/** The export position and the end of the last run: the only clues left when a status row has to be rebuilt. */
export interface LastSync {
  exportedSeq: number;
  endedAt: string | null;
}

/**
 * For a rebuilt link, a stand-in for the lost base: a CRM record changed after the export position changed in the CRM;
 * an item the server dates after the last run changed in the mailbox. With exactly one such side, the other side's
 * content is the base (so that side's values win field by field); otherwise there is none and the policy decides.
 */
function rebuiltBase<F extends FieldMap>(crm: CrmRecord<F>, item: RemoteItem<F>, last: LastSync | undefined): F | null {
  if (!last) return null;
  const crmChanged = crm.seq > last.exportedSeq;
  const remoteChanged =
    !last.endedAt ||
    !item.modifiedAt ||
    Math.floor(Date.parse(item.modifiedAt) / 1000) > Math.floor(Date.parse(last.endedAt) / 1000);
  if (crmChanged && !remoteChanged) return item.fields;
  if (remoteChanged && !crmChanged) return crm.fields;
  return null;
}

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
  /** What is known of the last sync when a link must be rebuilt (see rebuiltBase). */
  lastSync?: LastSync;
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

/** A mailbox deletion met a CRM record edited since the last sync: the edit wins (CT-6). */
export const CRM_EDIT_KEPT: Reason = {
  rule: 'CT-6',
  message: 'deleted in the mailbox but changed in the CRM since; the CRM version is kept',
  said: { code: 'crm-changed-kept' },
};

/**
 * The remote item moved on: its version moved and so did its content (DESIGN §3: servers rewrite change keys). The
 * status row keeps the content itself (merges need it), so it is compared as it is rather than through a hash.
 */
export function isRemoteChanged<F extends FieldMap>(link: Link<F>, version: string, fields: F): boolean {
  return version !== link.remoteVersion && !sameFields(fields, link.base);
}

/** The CRM record moved on since the sync last wrote or saw it, in content and not only in its seq. */
export function isCrmChanged<F extends FieldMap>(link: Link<F>, record: CrmRecord<F>): boolean {
  return record.seq > link.crmSeq && !sameFields(record.fields, link.crmBase);
}

/** Plans one page of remote changes of one folder. */
export function planPull<F extends FieldMap>(input: PullInput<F>): PullAction<F>[] {
  const { settings, rules } = input;
  const actions: PullAction<F>[] = [];
  const claimed = new Set<string>();
  for (const change of lastPerId(input.changes)) {
    if (change.type === 'removed') {
      const link = input.linksByRemote.get(change.id);
      // Remote: an item we never linked (or separated on purpose) is gone — nothing to do in the CRM.
      if (!link || link.pending === 'detached') continue;
      if (change.reason === 'movedOut') {
        // Remote: the item left this folder for another synced folder (its upsert there already moved the link).
        if (link.folderId && link.folderId !== input.folderId) continue;
        // Remote: moved out of this folder, maybe into one synced later in this run. Unlinking now would lose the item
        // (or, rebuilt from its stamp with no base, overwrite the CRM's newer edit with it), so this is only a
        // deletion held back: the deletion stage drops it when the item turned up in another synced folder
        // (found by a model-based randomized test).
        if (settings.deletions.toCrm) {
          actions.push({
            type: 'deleteInCrm',
            link,
            folderId: input.folderId,
            name: input.crm.get(link.crmId)?.name ?? link.crmId,
          });
        }
        continue;
      }
      const record = input.crm.get(link.crmId);
      if (record && link.crmBase !== null && isCrmChanged(link, record)) {
        // Remote deleted, but the CRM record changed since the last sync: the edit is newer than what was deleted,
        // so the record stays; without its link the export stage sends it to the mailbox again.
        actions.push({
          type: 'unlink',
          link,
          detach: false,
          reason: CRM_EDIT_KEPT,
        });
        continue;
      }
      if (settings.deletions.toCrm) {
        const name = record?.name ?? link.crmId;
        // Gone for good: wherever the link thinks it was, no folder check is needed at the deletion stage.
        actions.push({ type: 'deleteInCrm', link, folderId: null, name });
      } else {
        // Remote deleted, deletions to the CRM are off: the CRM record stays, the link goes (CT-6).
        actions.push({
          type: 'unlink',
          link,
          detach: true,
          reason: {
            rule: 'CT-6',
            message: 'deleted in the mailbox; deletions to the CRM are off, the record is kept',
            said: { code: 'crm-deletions-off' },
          },
        });
      }
      continue;
    }

    const item = change.item;
    let link = input.linksByRemote.get(item.id);
    // Remote: an item separated from its CRM record on purpose (its CRM record was deleted and the settings keep
    // the mailbox's copy): the CRM does not take it back.
    if (link?.pending === 'detached') continue;
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
          reason: {
            rule: 'CT-6',
            message: 'a copy of an item that is already linked to a CRM record',
            said: { code: 'copy-of-linked' },
          },
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
          reason: {
            rule: 'CT-6',
            message: 'the CRM record was deleted or is not readable; the change is not applied',
            said: { code: 'crm-record-gone' },
          },
        });
      }
      // Remote: the item also moved to another synced folder. The link must follow it, or the "removed" of the old
      // folder is taken for a deletion in the mailbox: the link went, the export stage found none for the CRM
      // deletion, and the item stayed in Outlook to come back as a new contact (found by a model-based randomized test).
      if (link.folderId !== item.folderId) actions.push({ type: 'relink', link, remote: item, why: 'moved' });
      continue;
    }
    if (link.base === null && link.crmBase === null) {
      // A link rebuilt from a stamp or a name-and-email match: nobody knows what either side held at a last sync.
      // Equal content just links; otherwise the policy decides, every differing field counting as changed on both
      // sides (last writer wins compares the two modification times).
      const why = matched ? 'match' : 'correlation';
      actions.push({ type: 'relink', link, remote: item, why });
      if (!sameFields(item.fields, crm.fields)) {
        const base = rebuiltBase(crm, item, input.lastSync);
        const resolution = resolveConflict(
          base ? { ...link, base, crmBase: base } : link,
          crm,
          { fields: item.fields, modifiedAt: item.modifiedAt },
          settings.conflictPolicy,
        );
        actions.push({ type: 'resolveConflict', link, remote: item, crm, ...resolution });
      }
      continue;
    }
    if (remoteChanged && link.base === null && !isCrmChanged(link, crm)) {
      // Remote: the item Tandem created seen for the first time (its create's answer was lost in a crash); only
      // what differs from the CRM record as it was sent counts as a change.
      const changed = changedKeys(link.crmBase, item.fields);
      if (changed.length === 0)
        actions.push({ type: 'relink', link, remote: item, why: relinked ? 'correlation' : 'unchanged' });
      else actions.push({ type: 'updateCrm', link, remote: item, changed });
      continue;
    }
    if (!remoteChanged) {
      // Remote: our own write coming back (echo), or a new change key over the same content; or the item moved.
      const moved = link.folderId !== item.folderId;
      if (relinked || moved || link.remoteVersion !== item.version || link.pending === 'echo') {
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

/** A status row rebuilt from a correlation stamp or a match: no base on either side (see planPull). */
function orphanLink<F extends FieldMap>(record: CrmRecord<F>, remoteId: string): Link<F> {
  return {
    crmId: record.id,
    remoteId,
    folderId: null,
    remoteVersion: null,
    crmSeq: record.seq,
    base: null,
    crmBase: null,
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
      // CRM: a record the mailbox never had (or no longer has, on purpose) was deleted — nothing to do.
      if (!link || (link.pending === 'detached' && !link.remoteId)) continue;
      if (input.settings.deletions.toRemote && link.remoteId) {
        actions.push({ type: 'deleteRemote', link, name: link.crmBase ? input.rules.nameOf(link.crmBase) : change.id });
      } else {
        // CRM deleted, deletions to the mailbox are off (or it never got there): the remote item stays.
        actions.push({
          type: 'unlink',
          link,
          detach: true,
          reason: {
            rule: 'CT-6',
            message: 'deleted in the CRM; deletions to the mailbox are off, the item is kept',
            said: { code: 'mailbox-deletions-off' },
          },
        });
      }
      continue;
    }
    const { record, inScope } = change;
    const link = input.linksByCrm.get(record.id);
    // CRM: a record separated from the mailbox on purpose stays out of it.
    if (link?.pending === 'detached') continue;
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
