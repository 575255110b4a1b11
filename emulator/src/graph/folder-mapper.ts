import { GraphError } from '../contracts.ts';
import type { Folder, Mailbox } from '../store/index.ts';
import { graphErrors } from './errors.ts';
import type { ContactFolder, MailFolder } from './graph-types.ts';
import { readBody, type SideWrites } from './outlook-item-mapper.ts';

/**
 * mailFolder JSON (`resources/mailfolder.md`, v1.0 properties; `sizeInBytes` is beta-only and left out);
 * counts come from the store's incremental counters.
 */
export function renderMailFolder(folder: Folder, mailbox: Mailbox): Record<string, unknown> {
  const out: MailFolder = {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: parentId(folder, mailbox),
    childFolderCount: mailbox.childFolders(folder.num).length,
    unreadItemCount: folder.unreadCount,
    totalItemCount: folder.items.size,
    isHidden: folder.hidden,
  };
  return out as Record<string, unknown>;
}

/** contactFolder JSON (`resources/contactfolder.md`). */
export function renderContactFolder(folder: Folder, mailbox: Mailbox): Record<string, unknown> {
  const out: ContactFolder = {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: parentId(folder, mailbox),
  };
  return out as Record<string, unknown>;
}

const MAIL_WRITABLE = new Set(['displayName', 'isHidden']);
const CONTACT_WRITABLE = new Set(['displayName']);
const READ_ONLY = new Set([
  'id',
  'parentFolderId',
  'childFolderCount',
  'unreadItemCount',
  'totalItemCount',
  'sizeInBytes',
  'wellKnownName',
]);

/** Reads a folder create/update body: displayName (required on create) and, for mail folders, isHidden. */
export function readFolderBody(
  body: unknown,
  kind: 'mail' | 'contacts',
  mode: 'create' | 'update',
): { displayName?: string; hidden?: boolean; side: SideWrites } {
  const { fields, side } = readBody(
    body,
    kind === 'mail' ? MAIL_WRITABLE : CONTACT_WRITABLE,
    READ_ONLY,
    kind === 'mail' ? 'Microsoft.OutlookServices.MailFolder' : 'Microsoft.OutlookServices.ContactFolder',
  );
  const displayName = fields.displayName;
  if (displayName !== undefined && (typeof displayName !== 'string' || !displayName.trim())) {
    throw graphErrors.badRequest("Invalid value for property 'displayName'.");
  }
  if (mode === 'create' && displayName === undefined)
    throw graphErrors.badRequest("The property 'displayName' is required.");
  return {
    ...(displayName !== undefined ? { displayName: displayName as string } : {}),
    ...(typeof fields.isHidden === 'boolean' ? { hidden: fields.isHidden } : {}),
    side,
  };
}

/** Exchange refuses two sibling folders with one name (ErrorFolderExists, 409). */
export function assertUniqueName(mailbox: Mailbox, parentNum: number, displayName: string, except?: number): void {
  const clash = mailbox
    .childFolders(parentNum)
    .some((f) => f.num !== except && f.displayName.toLowerCase() === displayName.toLowerCase());
  if (clash) throw graphErrorFolderExists();
}

function graphErrorFolderExists(): GraphError {
  return new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
}

function parentId(folder: Folder, mailbox: Mailbox): string | null {
  return folder.parentNum === null ? null : (mailbox.folders.get(folder.parentNum)?.id ?? null);
}
