/**
 * The one port every remote mailbox adapter (Graph, EWS, IMAP) implements (DESIGN §2, §7.2). Nothing here knows
 * a protocol: ids are opaque strings, folders are a flat list with parent links, and every failure is one of a
 * small set of neutral kinds that the adapter's own `errors.ts` produced (DESIGN §7.4).
 */

/** What a folder holds; the sync settings pick folders per kind (ML-5, CT-1, AC-1, AC-2). */
import type { ContactFields } from './contact-fields.ts';

export type FolderKind = 'mail' | 'contacts' | 'calendar' | 'tasks';

export const FOLDER_KINDS: readonly FolderKind[] = ['mail', 'contacts', 'calendar', 'tasks'];

/** Protocol-neutral names for folders every mailbox has; adapters map their own markers onto these. */
export type WellKnownFolder =
  | 'inbox'
  | 'sentitems'
  | 'drafts'
  | 'deleteditems'
  | 'junkemail'
  | 'outbox'
  | 'archive'
  | 'contacts'
  | 'calendar'
  | 'tasks';

/** One remote folder. `path` is the display names from the top down, joined with `/`, for people to read. */
export interface RemoteFolder {
  id: string;
  name: string;
  /** The parent folder's id, or null for a top-level folder of its kind. */
  parentId: string | null;
  path: string;
  kind: FolderKind;
  wellKnown?: WellKnownFolder;
}

/** Who the mailbox belongs to, as the server says (used to refuse a sign-in as somebody else). */
export interface RemoteIdentity {
  /** The server's stable id of the user (Graph: the object id). */
  id: string;
  /** The primary SMTP address, lower-cased. */
  email: string;
  /** Other addresses the server knows the user by (user principal name, proxy addresses), lower-cased. */
  aliases: string[];
  displayName: string;
}

/**
 * The correlation property (DESIGN §3): every item Tandem creates remotely carries the CRM id in this MAPI named
 * property, the same one in Graph (`singleValueExtendedProperties`) and EWS (`ExtendedFieldURI` with
 * PropertySetId + PropertyName, type String). Lost status rows are rebuilt from it; never change the GUID.
 */
export const CORRELATION_PROPERTY_SET = '4f1d6c2e-7a3b-4e59-9c1a-5d2b8e0f7a61';
export const CORRELATION_PROPERTY_NAME = 'TandemId';

/** One remote item as the sync engine sees it: an opaque id and version and the kind's neutral fields. */
export interface RemoteItem<F> {
  id: string;
  /** Graph changeKey / EWS ChangeKey: moves on every server-side write (and sometimes without one). */
  version: string;
  folderId: string;
  /** The CRM id stamped by Tandem (correlation property), or null for items made elsewhere. */
  correlationId: string | null;
  fields: F;
  /** When the server last changed the item (ISO), for last-writer-wins; null when the server does not say. */
  modifiedAt?: string | null;
}

/** One entry of a change listing: an item as it is now, or the id of one that is gone from the folder. */
export type RemoteChange<F> =
  | { type: 'upsert'; item: RemoteItem<F> }
  | { type: 'removed'; id: string; reason: 'deleted' | 'movedOut' };

/**
 * One page of a change listing. `cursor` resumes after this page (a Graph nextLink mid-round, the deltaLink on the
 * last page); `complete` is true on the last page of a round. Pages may repeat items already seen (Graph replays):
 * the engine applies them idempotently.
 */
export interface ChangePage<F> {
  changes: RemoteChange<F>[];
  cursor: string;
  complete: boolean;
}

/** What a write returned: the item's (possibly new) id and its new version, for echo suppression. */
export interface WriteResult {
  id: string;
  version: string;
}

/**
 * The items of one kind in a mailbox (contacts now; meetings, tasks and mail later), behind one protocol-neutral
 * shape. Every method throws ConnectorError only.
 */
export interface RemoteCollection<F> {
  /**
   * The next page of changes in a folder since `cursor`; a null cursor starts a full listing (every item as an
   * upsert). Throws CURSOR_EXPIRED when the server no longer knows the cursor (410, syncStateNotFound,
   * resyncRequired, ErrorInvalidSyncStateData).
   */
  changes(folderId: string, cursor: string | null): Promise<ChangePage<F>>;
  /** Creates an item in a folder, stamped with the correlation property. */
  create(folderId: string, fields: F, correlationId: string): Promise<WriteResult>;
  /** Replaces the mapped fields of an item (fields not mapped by Tandem are left alone). NOT_FOUND when gone. */
  update(id: string, fields: F): Promise<WriteResult>;
  /** Deletes an item; an item already gone is not an error. */
  delete(id: string): Promise<void>;
  /** The item stamped with this CRM id, if any (rebuilds a link after a crash between a create and its record). */
  findByCorrelation(correlationId: string): Promise<RemoteItem<F> | undefined>;
  /** The default folder new items go to (Graph: the Contacts folder). */
  defaultFolderId(): Promise<string>;
}

/** A mailbox on a remote server. Later stages add send and subscribe, with the same error rules. */
export interface RemoteMailbox {
  whoAmI(): Promise<RemoteIdentity>;
  /** Every folder of the kind, nested ones included, parents before children. */
  listFolders(kind: FolderKind): Promise<RemoteFolder[]>;
  /** The mailbox's contacts (CT-*). */
  contacts: RemoteCollection<ContactFields>;
}

/** The neutral failure kinds (DESIGN §7.4); the mailbox state and the retry policy depend only on these. */
export type ConnectorErrorKind =
  | 'TEMPORARY'
  | 'THROTTLED'
  | 'NOT_FOUND'
  | 'AUTH'
  | 'PERMISSION'
  | 'CURSOR_EXPIRED'
  | 'INVALID'
  | 'UNREACHABLE'
  | 'TLS';

/**
 * A finer, still protocol-neutral reason for the few cases a person must be told apart (MB-3): the host name does
 * not resolve, the grant was revoked or expired, consent is missing, the token lacks a permission, the mailbox does
 * not exist.
 */
export type ConnectorErrorReason =
  | 'unknownHost'
  | 'grantRevoked'
  | 'consentMissing'
  | 'insufficientScopes'
  | 'mailboxNotFound'
  /** The identity provider rejected the app itself (client id or secret): only an administrator can fix it. */
  | 'clientRejected';

/** The only error type that leaves an adapter. `detail` is for logs and the journal, never shown as-is. */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly kind: ConnectorErrorKind;
  readonly detail: string;
  /** How long the server asked us to wait (Retry-After), when it said so. */
  readonly retryAfterMs?: number;
  readonly reason?: ConnectorErrorReason;

  constructor(
    kind: ConnectorErrorKind,
    detail: string,
    extra: { retryAfterMs?: number; reason?: ConnectorErrorReason; cause?: unknown } = {},
  ) {
    super(`${kind}: ${detail}`, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.kind = kind;
    this.detail = detail;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
    if (extra.reason !== undefined) this.reason = extra.reason;
  }
}

/** True for a ConnectorError, optionally of one of the given kinds. */
export function isConnectorError(err: unknown, ...kinds: ConnectorErrorKind[]): err is ConnectorError {
  return err instanceof ConnectorError && (kinds.length === 0 || kinds.includes(err.kind));
}

/** Errors worth trying again after a pause: the server is busy or briefly unavailable. */
export function isRetryable(err: unknown): err is ConnectorError {
  return isConnectorError(err, 'THROTTLED', 'TEMPORARY');
}
