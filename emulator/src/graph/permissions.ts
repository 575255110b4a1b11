import type { Principal } from '../contracts.ts';
import { graphErrors } from './errors.ts';

/** What a route does with the mailbox; each maps to the permissions Microsoft lists on the API's page. */
export type Access =
  | 'mail.read'
  | 'mail.write'
  | 'mail.send'
  | 'contacts.read'
  | 'contacts.write'
  | 'user.read'
  | 'mailboxSettings.read'
  | 'calendars.read'
  | 'calendars.write'
  | 'tasks.read'
  | 'tasks.write';

interface Grant {
  /** Delegated scopes acting on the signed-in user's own mailbox. */
  own: string[];
  /** Delegated scopes acting on someone else's mailbox (the `.Shared` variants). */
  shared: string[];
  /** Application roles (app-only tokens). */
  app: string[];
}

/**
 * Least-to-most privileged permissions per access, from the "Permissions" tables of the Graph v1.0
 * reference (message-get/-update/-send, user-sendmail, contact-get/-post/-update, user-get,
 * user-get-mailboxsettings). Application role names are the documented ones (e.g. `Contacts.ReadWrite`,
 * not `Contacts.ReadWrite.All`).
 */
const GRANTS: Record<Access, Grant> = {
  'mail.read': {
    own: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'],
    shared: ['Mail.Read.Shared', 'Mail.ReadWrite.Shared'],
    app: ['Mail.ReadBasic.All', 'Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'],
  },
  'mail.write': { own: ['Mail.ReadWrite'], shared: ['Mail.ReadWrite.Shared'], app: ['Mail.ReadWrite'] },
  'mail.send': { own: ['Mail.Send'], shared: ['Mail.Send.Shared'], app: ['Mail.Send'] },
  'contacts.read': {
    own: ['Contacts.Read', 'Contacts.ReadWrite'],
    shared: ['Contacts.Read.Shared', 'Contacts.ReadWrite.Shared'],
    app: ['Contacts.Read', 'Contacts.ReadWrite'],
  },
  'contacts.write': { own: ['Contacts.ReadWrite'], shared: ['Contacts.ReadWrite.Shared'], app: ['Contacts.ReadWrite'] },
  'user.read': {
    own: [
      'User.Read',
      'User.ReadWrite',
      'User.ReadBasic.All',
      'User.Read.All',
      'User.ReadWrite.All',
      'Directory.Read.All',
    ],
    shared: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
    app: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
  },
  'mailboxSettings.read': {
    own: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
    shared: [],
    app: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
  },
  // event-get/-update, calendar-list-calendarview, event-delta; todotasklist-list-tasks, todotask-update.
  'calendars.read': {
    own: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
    shared: ['Calendars.Read.Shared', 'Calendars.ReadWrite.Shared'],
    app: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  },
  'calendars.write': {
    own: ['Calendars.ReadWrite'],
    shared: ['Calendars.ReadWrite.Shared'],
    app: ['Calendars.ReadWrite'],
  },
  'tasks.read': {
    own: ['Tasks.Read', 'Tasks.ReadWrite'],
    shared: ['Tasks.Read.Shared', 'Tasks.ReadWrite.Shared'],
    app: ['Tasks.Read.All', 'Tasks.ReadWrite.All'],
  },
  'tasks.write': { own: ['Tasks.ReadWrite'], shared: ['Tasks.ReadWrite.Shared'], app: ['Tasks.ReadWrite.All'] },
};

/** True when the principal holds one of the permissions `access` needs on `targetUserId`'s mailbox. */
export function isAllowed(principal: Principal, access: Access, targetUserId: string): boolean {
  const grant = GRANTS[access];
  if (!principal.userId) return hasAny(principal.roles, grant.app);
  const own = principal.userId === targetUserId;
  return hasAny(principal.scopes, own ? grant.own : grant.shared);
}

/** Throws 403 ErrorAccessDenied unless allowed. */
export function requireAccess(principal: Principal, access: Access, targetUserId: string): void {
  if (!isAllowed(principal, access, targetUserId)) throw graphErrors.accessDenied();
}

/**
 * `Mail.ReadBasic` grants everything but the body, preview, attachments and extended properties
 * (`permissions-reference.md`); true when that is the only mail read permission held.
 */
export function isBasicMailOnly(principal: Principal, targetUserId: string): boolean {
  const full = principal.userId
    ? principal.userId === targetUserId
      ? ['Mail.Read', 'Mail.ReadWrite']
      : ['Mail.Read.Shared', 'Mail.ReadWrite.Shared']
    : ['Mail.Read', 'Mail.ReadWrite'];
  return !hasAny(principal.userId ? principal.scopes : principal.roles, full);
}

function hasAny(held: string[], wanted: string[]): boolean {
  const set = new Set(held.map((s) => s.toLowerCase()));
  return wanted.some((w) => set.has(w.toLowerCase()));
}
