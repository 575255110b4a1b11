import type { ChangeNotice, Folder, ItemKind, Mailbox } from '../../store/index.ts';
import type { Access } from '../permissions.ts';

/**
 * The Outlook and To Do resources a subscription can watch (`resources/subscription.md`, "resource";
 * protocols.md §3.6): `me/messages`, `me/mailFolders('{id}')/messages`, `me/events`, `me/calendars/{id}/events`,
 * `me/contacts`, `me/contactFolders/{id}/contacts`, `me/todo/lists/{id}/tasks`, each also as
 * `users/{id|upn}/…` or `users('{id|upn}')/…`, with or without a leading slash, segments case-insensitive.
 */

export interface ParsedResource {
  /** `me` or the user id/UPN as written. */
  user: string;
  kind: ItemKind;
  /** Folder id or well-known name when the resource names one folder. */
  folderRef?: string;
  access: Access;
}

const SEGMENT = String.raw`(?:\('([^']+)'\)|/([^/()]+))`;
const PATTERNS: { re: RegExp; kind: ItemKind; access: Access; folder: boolean }[] = [
  { re: /^messages$/i, kind: 'message', access: 'mail.read', folder: false },
  { re: new RegExp(`^mailfolders${SEGMENT}/messages$`, 'i'), kind: 'message', access: 'mail.read', folder: true },
  { re: /^(?:calendar\/)?events$/i, kind: 'event', access: 'calendars.read', folder: false },
  { re: new RegExp(`^calendars${SEGMENT}/events$`, 'i'), kind: 'event', access: 'calendars.read', folder: true },
  { re: /^contacts$/i, kind: 'contact', access: 'contacts.read', folder: false },
  {
    re: new RegExp(`^contactfolders${SEGMENT}/contacts$`, 'i'),
    kind: 'contact',
    access: 'contacts.read',
    folder: true,
  },
  { re: new RegExp(`^todo/lists${SEGMENT}/tasks$`, 'i'), kind: 'task', access: 'tasks.read', folder: true },
];

/** Parses a subscription resource; undefined when it is not one the emulator supports. */
export function parseResource(resource: string): ParsedResource | undefined {
  const clean = resource.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  const owner = /^(me|users\('([^']+)'\)|users\/([^/]+))\/(.+)$/i.exec(clean);
  if (!owner) return undefined;
  const user = owner[1]?.toLowerCase() === 'me' ? 'me' : decode(owner[2] ?? owner[3] ?? '');
  const rest = owner[4] ?? '';
  for (const p of PATTERNS) {
    const m = p.re.exec(rest);
    if (!m) continue;
    const folderRef = p.folder ? decode(m[1] ?? m[2] ?? '') : undefined;
    return { user, kind: p.kind, access: p.access, ...(folderRef ? { folderRef } : {}) };
  }
  return undefined;
}

/** The folder kind items of `kind` live in. */
export function folderKindOf(kind: ItemKind): Folder['kind'] {
  return kind === 'message' ? 'mail' : kind === 'contact' ? 'contacts' : kind === 'event' ? 'calendar' : 'tasks';
}

/** Whether a store change is one a subscription on (mailbox, kind, folder) reports. */
export function matches(notice: ChangeNotice, userId: string, kind: ItemKind, folderNum: number | undefined): boolean {
  if (notice.kind !== kind || notice.mailboxUserId !== userId) return false;
  return folderNum === undefined ? notice.folderKind === folderKindOf(kind) : notice.folderNum === folderNum;
}

/** Graph's changeType for a store change: a move in is a create here, a move out a delete. */
export function changeTypeOf(notice: ChangeNotice): 'created' | 'updated' | 'deleted' {
  if (notice.type === 'created' || notice.type === 'movedIn') return 'created';
  if (notice.type === 'updated') return 'updated';
  return 'deleted';
}

/** `resource` and `resourceData` of a change notification (`resources/changenotification.md`). */
export function notificationResource(
  notice: ChangeNotice,
  id: string,
  mailbox: Mailbox,
): { resource: string; resourceData: Record<string, unknown> } {
  const user = `Users/${notice.mailboxUserId}`;
  const path =
    notice.kind === 'message'
      ? `${user}/Messages/${id}`
      : notice.kind === 'event'
        ? `${user}/Events/${id}`
        : notice.kind === 'contact'
          ? `${user}/Contacts/${id}`
          : `${user}/todo/lists/${mailbox.folders.get(notice.folderNum)?.id ?? notice.folderId}/tasks/${id}`;
  const type =
    notice.kind === 'message'
      ? '#Microsoft.Graph.Message'
      : notice.kind === 'event'
        ? '#Microsoft.Graph.Event'
        : notice.kind === 'contact'
          ? '#Microsoft.Graph.Contact'
          : '#microsoft.graph.todoTask';
  const gone = notice.type === 'deleted' || notice.type === 'movedOut';
  return {
    resource: path,
    resourceData: {
      '@odata.type': type,
      '@odata.id': path,
      ...(notice.changeKey && !gone ? { '@odata.etag': `W/"${notice.changeKey}"` } : {}),
      id,
    },
  };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
