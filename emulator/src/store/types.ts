/**
 * Protocol-neutral mailbox model shared by the Graph routes and (later) EWS. Nothing here knows about
 * JSON shapes, SOAP, OData or URLs: folders hold items of a kind, items carry a neutral payload, a change key
 * that rotates on every write, MAPI-style named extended properties and open extensions, and every write is
 * appended to a per-folder change log that sync cursors (Graph delta tokens, EWS SyncState) index into.
 */

export type FolderKind = 'mail' | 'contacts' | 'calendar' | 'tasks';
export type ItemKind = 'message' | 'contact' | 'event' | 'task';

/** Which id surface to render: Exchange "default" ids change on a move, immutable ids survive it. */
export type IdStyle = 'default' | 'immutable';

/**
 * A MAPI named (or tagged) property. The same key is Graph's `String {GUID} Name X` and EWS's
 * `ExtendedFieldURI PropertySetId=GUID PropertyName=X PropertyType=String` (protocols.md §1.9, §3.4).
 * Exactly one of (propertySetGuid + name), (propertySetGuid + propertyId) or propertyTag identifies it.
 */
export interface ExtendedPropertyKey {
  /** MAPI type name as Graph/EWS spell it: String, Integer, Boolean, SystemTime, Binary, Double, Long, … */
  type: string;
  /** Lower-case GUID without braces. */
  propertySetGuid?: string;
  name?: string;
  propertyId?: number;
  propertyTag?: number;
}

export interface ExtendedPropertyValue {
  key: ExtendedPropertyKey;
  /** Single-valued properties travel as strings in both Graph and EWS. */
  value: string;
}

/** An open extension (Graph `openTypeExtension`): a named bag of custom JSON-compatible fields. */
export interface OpenExtension {
  extensionName: string;
  fields: Record<string, unknown>;
}

export interface Folder {
  /** Per-mailbox number; the stable internal id. */
  readonly num: number;
  /** Surface id (folder ids never change, in Exchange neither default nor immutable ids of folders move). */
  readonly id: string;
  parentNum: number | null;
  displayName: string;
  readonly kind: FolderKind;
  readonly wellKnownName?: string;
  hidden: boolean;
  changeKey: string;
  createdAt: number;
  modifiedAt: number;
  extendedProperties: Map<string, ExtendedPropertyValue>;
  /** Items currently in the folder, by item number. */
  readonly items: Map<number, Item>;
  unreadCount: number;
}

export interface Item {
  readonly num: number;
  readonly kind: ItemKind;
  folderNum: number;
  /** Bumped on every move: it is part of the default id, so default ids change when an item moves. */
  moveGen: number;
  changeKey: string;
  /** Mailbox sequence number of the last write; monotonic per mailbox. */
  version: number;
  createdAt: number;
  modifiedAt: number;
  /** When the item arrived in its current folder (create, move or copy); replication delay hides it until then. */
  arrivedAt: number;
  /** Neutral payload; see item-data.ts for the per-kind field sets. */
  data: Record<string, unknown>;
  extendedProperties: Map<string, ExtendedPropertyValue>;
  extensions: Map<string, OpenExtension>;
}

/** What happened to an item (or folder) in one folder's log. A move writes movedOut + movedIn. */
export type LogEntryType = 'created' | 'updated' | 'deleted' | 'movedIn' | 'movedOut';

/** One change as a sync reader sees it after folding the log window [fromSeq, toSeq]. */
export type SyncChange =
  | { type: 'created' | 'updated'; num: number; item: Item }
  | { type: 'folderUpsert'; created: boolean; num: number; folder: Folder }
  | {
      type: 'removed';
      /** `deleted`: gone for good; `movedOut`: still in the mailbox, in another folder. */
      reason: 'deleted' | 'movedOut';
      num: number;
      /** The move generation the item had while it was in this folder, to rebuild the id the reader knew. */
      moveGen: number;
      kind: ItemKind | 'folder';
    };

/** A window read over a folder's change log (or a hierarchy log). */
export interface SyncWindow {
  /** Exclusive lower bound: changes with seq > fromSeq. 0 = from the beginning (initial sync). */
  fromSeq: number;
  /** Inclusive upper bound fixed when the round started; undefined = the currently visible end. */
  toSeq?: number;
  /** Resume position (log index) inside the window, from a previous page. */
  index?: number;
  limit: number;
  /** Readers filter (e.g. Graph `changeType=created`); rejected changes do not count against the limit. */
  accept?: (change: SyncChange) => boolean;
  /** Overrides the store's replication delay for this read. */
  delayMs?: number;
}

export interface SyncPage {
  changes: SyncChange[];
  /** The window's upper bound; becomes the next round's fromSeq. */
  toSeq: number;
  /** Where to resume inside the same window, or undefined when the window is exhausted. */
  nextIndex?: number;
}

/** Emitted after each committed write; subscriptions (webhooks, EWS notifications) listen here. */
export interface ChangeNotice {
  mailboxUserId: string;
  folderNum: number;
  folderId: string;
  folderKind: FolderKind;
  /** Item changes carry the item; folder (hierarchy) changes carry kind 'folder'. */
  kind: ItemKind | 'folder';
  type: 'created' | 'updated' | 'deleted' | 'movedIn' | 'movedOut';
  num: number;
  /** Immutable id of the item (or the folder id). */
  immutableId: string;
  /** Default id of the item as of this change (equal to immutableId for folders). */
  defaultId: string;
  changeKey?: string;
  seq: number;
  at: number;
}

export type ChangeListener = (notice: ChangeNotice) => void;

export interface MailboxStoreOptions {
  /** Milliseconds before a change becomes visible to sync readers and listings (protocols.md §3.1: "changes can arrive late"). */
  replicationDelayMs?: number | (() => number);
  /** Injectable clock (ms since epoch) for tests of replication delay. */
  clock?: () => number;
}

/** Error kinds every protocol layer maps once, at its edge (DESIGN.md §7.4). */
export type StoreErrorCode = 'notFound' | 'malformedId' | 'conflict' | 'invalid';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
