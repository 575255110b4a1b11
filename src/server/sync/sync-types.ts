import type { RemoteChange, RemoteItem } from '../connectors/port.ts';

/**
 * The engine's vocabulary (DESIGN §3), the same for every kind: status rows, CRM records and changes, the
 * actions a plan is made of, and journal entries. Fields of a kind (`F`) are a flat object of JSON values that
 * both sides map to; the engine only compares, diffs and hashes them.
 */

export type SyncKind = 'contacts';
export type Side = 'crm' | 'remote';
/** A kind's mapped fields: a flat object of JSON values (interfaces qualify, so no index signature is needed). */
export type FieldMap = object;

/** A status row: what both sides agreed on at the last sync of one item. */
export interface Link<F extends FieldMap> {
  crmId: string;
  remoteId: string | null;
  folderId: string | null;
  remoteVersion: string | null;
  /** The CRM change_seq last written by the sync or seen by it: a record whose seq is higher changed since. */
  crmSeq: number;
  /**
   * The remote item's mapped fields at the last sync: what "changed on the server" is measured against (and the
   * base of field-by-field merges). Null when nobody knows (a link rebuilt from a stamp or a match).
   */
  base: F | null;
  /** The CRM record's mapped fields at the last sync, likewise for "changed in the CRM". */
  crmBase: F | null;
  /**
   * 'create' while a remote create is in flight (crash window between the create and its status row); 'detached'
   * when the two sides were separated on purpose (a deletion the settings do not propagate, a cancelled mass
   * deletion): the row remembers the pair so neither side brings the item back by itself; 'echo' after a remote
   * create until the folder's change listing shows the item.
   */
  pending: 'create' | 'detached' | 'echo' | null;
}

/** A CRM record as the sync sees it: its id, change_seq, mapped fields and a name for people to read. */
export interface CrmRecord<F extends FieldMap> {
  id: string;
  seq: number;
  fields: F;
  name: string;
  modifiedAt: string;
}

/** One entry of the CRM change feed: a record as it is now (and whether the export settings take it) or a deletion. */
export type CrmChange<F extends FieldMap> =
  | { type: 'upsert'; record: CrmRecord<F>; inScope: boolean }
  | { type: 'deleted'; id: string; seq: number };

export type ConflictPolicy = 'lastWriterWins' | 'crmWins' | 'exchangeWins';

/** The settings a run obeys, per kind. */
export interface RunSettings {
  import: boolean;
  importFolders: 'all' | string[];
  export: boolean;
  conflictPolicy: ConflictPolicy;
  deletions: { toCrm: boolean; toRemote: boolean };
  /** Mass-deletion guard (DESIGN §3): stop and ask when a run would delete more than both limits. */
  guard: { maxItems: number; maxShare: number };
}

/**
 * What a journal line says in a form the UI words in the user's language: a code from JOURNAL_MESSAGES and its
 * arguments. The English sentence is kept beside it.
 */
export interface MessageCode {
  code: JournalMessage;
  args?: Record<string, string | number>;
}

/** The journal's message codes (the web dictionaries word each one under `sync.messages`). */
export const JOURNAL_MESSAGES = [
  'nameless',
  'crm-changed-kept',
  'crm-deletions-off',
  'mailbox-deletions-off',
  'copy-of-linked',
  'crm-record-gone',
  'gone-from-mailbox',
  'changed',
  'conflict-merged',
  'conflict-crm',
  'conflict-remote',
  'linked-match',
  'linked-stamp',
  'status-rows-lost',
  'guard-held',
  'guard-cancelled',
] as const;
export type JournalMessage = (typeof JOURNAL_MESSAGES)[number];

/** Why an item was skipped or failed, with the SPEC rule that says so. */
export interface Reason {
  rule: string;
  message: string;
  said?: MessageCode;
}

/** A conflict: both sides changed since the last sync (DESIGN §3). */
export interface ConflictRecord<F extends FieldMap> {
  fields: string[];
  policy: ConflictPolicy;
  resolution: 'crm' | 'remote' | 'merged';
  base: F | null;
  crm: F;
  remote: F;
  result: F;
}

/** Everything a plan can ask for. Each action says what happened on which side and what to do about it. */
export type PullAction<F extends FieldMap> =
  /** A remote item the CRM has never seen: create the CRM record and link it. */
  | { type: 'createInCrm'; remote: RemoteItem<F> }
  /** A linked remote item changed: patch the changed fields into the CRM record. */
  | { type: 'updateCrm'; link: Link<F>; remote: RemoteItem<F>; changed: (keyof F & string)[] }
  /** Both sides changed: write the resolution to the remote side first (if it changes), then to the CRM. */
  | {
      type: 'resolveConflict';
      link: Link<F>;
      remote: RemoteItem<F>;
      crm: CrmRecord<F>;
      toCrm: (keyof F & string)[];
      toRemote: F | null;
      conflict: ConflictRecord<F>;
    }
  /** Nothing to write in the CRM, but the status row learns the remote version, folder or id (echoes, relinks). */
  | {
      type: 'relink';
      link: Link<F>;
      remote: RemoteItem<F>;
      why: 'echo' | 'unchanged' | 'correlation' | 'match' | 'moved';
    }
  /** A linked remote item is gone: delete the CRM record (held back for the guard) or forget the link. */
  /** `folderId`: the folder the item left (a move), checked again before deleting; null when it is gone for good. */
  | { type: 'deleteInCrm'; link: Link<F>; folderId: string | null; name: string }
  /** Separate the two sides: `detach` keeps the row (nothing comes back by itself), otherwise it goes. */
  | { type: 'unlink'; link: Link<F>; reason: Reason; detach: boolean }
  | { type: 'skip'; remoteId: string; crmId: string | null; name: string; reason: Reason };

export type PushAction<F extends FieldMap> =
  /** A CRM record the mailbox does not have yet: create it remotely (stamped with the CRM id) and link it. */
  | { type: 'createRemote'; record: CrmRecord<F> }
  /** A linked CRM record changed: send the remote fields with the CRM's changes over them. */
  | { type: 'updateRemote'; link: Link<F>; record: CrmRecord<F>; fields: F; changed: string[] }
  /** A linked CRM record was deleted: delete the remote item (held back for the guard) or forget the link. */
  | { type: 'deleteRemote'; link: Link<F>; name: string }
  | { type: 'unlink'; link: Link<F>; reason: Reason; detach: boolean }
  /** The record's own write came back (echo) or nothing mapped changed: remember the seq only. */
  | { type: 'advance'; link: Link<F>; record: CrmRecord<F> }
  | { type: 'skip'; crmId: string; name: string; reason: Reason };

/** One journal line (DESIGN §3): every action and skip, with its reason and rule id. */
export interface JournalEntry {
  action: 'create' | 'update' | 'delete' | 'link' | 'unlink' | 'skip' | 'conflict' | 'resync' | 'guard' | 'error';
  side: Side | null;
  result: 'ok' | 'skipped' | 'failed';
  rule: string | null;
  crmId: string | null;
  remoteId: string | null;
  name: string | null;
  message: string | null;
  said: MessageCode | null;
}

export interface Counts {
  created: number;
  updated: number;
  deleted: number;
  skipped: number;
  failed: number;
  conflicts: number;
}

export function zeroCounts(): Counts {
  return { created: 0, updated: 0, deleted: 0, skipped: 0, failed: 0, conflicts: 0 };
}

export type { RemoteChange, RemoteItem };
