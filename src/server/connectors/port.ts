/**
 * The one port every remote mailbox adapter (Graph, EWS, IMAP) implements (DESIGN §2, §7.2). Nothing here knows
 * a protocol: ids are opaque strings, folders are a flat list with parent links, and every failure is one of a
 * small set of neutral kinds that the adapter's own `errors.ts` produced (DESIGN §7.4).
 */

/** What a folder holds; the sync settings pick folders per kind (ML-5, CT-1, AC-1, AC-2). */
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
 * A mailbox on a remote server. Later stages add changes(cursor), read, create, update, delete, send and subscribe;
 * they will land here, with the same error rules.
 */
export interface RemoteMailbox {
  whoAmI(): Promise<RemoteIdentity>;
  /** Every folder of the kind, nested ones included, parents before children. */
  listFolders(kind: FolderKind): Promise<RemoteFolder[]>;
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
