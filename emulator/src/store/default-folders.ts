import type { FolderKind } from './types.ts';

export interface DefaultFolderSpec {
  wellKnownName: string;
  displayName: string;
  kind: FolderKind;
  /** Well-known name of the parent; undefined = the root of the mailbox ("Top of Information Store"). */
  parent?: string;
  hidden?: boolean;
}

/** Name of the root folder; Graph calls it `msgfolderroot` and parents the top-level folders on it. */
export const ROOT_WELL_KNOWN_NAME = 'msgfolderroot';

/**
 * Folders every Exchange mailbox starts with. Well-known names are those of Graph's mailFolder resource
 * (`api-reference/v1.0/resources/mailfolder.md`: inbox, drafts, sentitems, deleteditems, junkemail, outbox,
 * archive, msgfolderroot) and EWS DistinguishedFolderId (contacts, calendar, tasks), lower-cased.
 */
export const DEFAULT_FOLDERS: DefaultFolderSpec[] = [
  { wellKnownName: 'inbox', displayName: 'Inbox', kind: 'mail' },
  { wellKnownName: 'drafts', displayName: 'Drafts', kind: 'mail' },
  { wellKnownName: 'sentitems', displayName: 'Sent Items', kind: 'mail' },
  { wellKnownName: 'deleteditems', displayName: 'Deleted Items', kind: 'mail' },
  { wellKnownName: 'junkemail', displayName: 'Junk Email', kind: 'mail' },
  { wellKnownName: 'outbox', displayName: 'Outbox', kind: 'mail' },
  { wellKnownName: 'archive', displayName: 'Archive', kind: 'mail' },
  { wellKnownName: 'contacts', displayName: 'Contacts', kind: 'contacts' },
  { wellKnownName: 'calendar', displayName: 'Calendar', kind: 'calendar' },
  { wellKnownName: 'tasks', displayName: 'Tasks', kind: 'tasks' },
];

/** The folder kind an item kind lives in. */
export const FOLDER_KIND_OF = { message: 'mail', contact: 'contacts', event: 'calendar', task: 'tasks' } as const;
