import { ConnectorError, type RemoteFolder, type WellKnownFolder } from '../port.ts';
import type { GraphClient } from './graph-client.ts';

/**
 * Folder listings for the four kinds, flattened with parent links and display paths (the sync settings page lets
 * the user tick folders: ML-5, CT-1, AC-1, AC-2). Graph shapes, v1.0:
 * - mail: `GET /me/mailFolders` lists the children of the (unlisted) root; `childFolders` goes deeper
 *   (`api/user-list-mailfolders`, `api/mailfolder-list-childfolders`);
 * - contacts: `GET /me/contactFolders` lists the children of the default Contacts folder but not that folder
 *   itself (protocols.md §3.1), and contactFolder has no child count, so every folder is asked for children;
 * - calendars: `GET /me/calendars` (flat); tasks: `GET /me/todo/lists` (flat).
 */

interface GraphMailFolder {
  id: string;
  displayName: string;
  parentFolderId?: string;
  childFolderCount?: number;
}

interface GraphContactFolder {
  id: string;
  displayName: string;
  parentFolderId?: string;
}

interface GraphCalendar {
  id: string;
  name: string;
  isDefaultCalendar?: boolean;
}

interface GraphTodoList {
  id: string;
  displayName: string;
  wellknownListName?: string;
}

/** Well-known mail folder names Graph resolves in `/me/mailFolders/{name}` (resources/mailfolder#well-known-folder-names). */
const WELL_KNOWN_MAIL: WellKnownFolder[] = [
  'inbox',
  'sentitems',
  'drafts',
  'deleteditems',
  'junkemail',
  'outbox',
  'archive',
];

const PAGE = { $top: '100' };

/** Ids of the well-known mail folders that exist in this mailbox. */
async function wellKnownMailIds(client: GraphClient): Promise<Map<string, WellKnownFolder>> {
  const found = await Promise.all(
    WELL_KNOWN_MAIL.map(async (name) => {
      try {
        const f = await client.request<{ id: string }>(`me/mailFolders/${name}`, { query: { $select: 'id' } });
        return [f.id, name] as const;
      } catch (err) {
        // A mailbox without an archive folder (or a server without that name) simply has none.
        if (err instanceof ConnectorError && (err.kind === 'NOT_FOUND' || err.kind === 'INVALID')) return undefined;
        throw err;
      }
    }),
  );
  return new Map(found.filter((x) => x !== undefined));
}

/** Every mail folder below the root, depth first, parents before children. */
export async function listMailFolders(client: GraphClient): Promise<RemoteFolder[]> {
  const wellKnown = await wellKnownMailIds(client);
  const select = { $select: 'id,displayName,parentFolderId,childFolderCount', ...PAGE };
  const walk = async (listPath: string, parentId: string | null, parentPath: string): Promise<RemoteFolder[]> => {
    const children = await client.getAll<GraphMailFolder>(listPath, { query: select });
    const subtrees = await Promise.all(
      children.map(async (f) => {
        const path = parentPath ? `${parentPath}/${f.displayName}` : f.displayName;
        const known = wellKnown.get(f.id);
        const self: RemoteFolder = {
          id: f.id,
          name: f.displayName,
          parentId,
          path,
          kind: 'mail',
          ...(known && { wellKnown: known }),
        };
        const below =
          (f.childFolderCount ?? 0) > 0 ? await walk(`me/mailFolders/${f.id}/childFolders`, f.id, path) : [];
        return [self, ...below];
      }),
    );
    return subtrees.flat();
  };
  return walk('me/mailFolders', null, '');
}

/** The default Contacts folder: by its well-known name, else from a top-level folder's or a contact's parent. */
async function defaultContactsFolder(
  client: GraphClient,
  topLevel: GraphContactFolder[],
): Promise<GraphContactFolder | undefined> {
  try {
    return await client.request<GraphContactFolder>('me/contactFolders/contacts', {
      query: { $select: 'id,displayName,parentFolderId' },
    });
  } catch (err) {
    if (!(err instanceof ConnectorError && (err.kind === 'NOT_FOUND' || err.kind === 'INVALID'))) throw err;
  }
  let id = topLevel.find((f) => f.parentFolderId)?.parentFolderId;
  if (!id) {
    const page = await client.request<{ value: { parentFolderId?: string }[] }>('me/contacts', {
      query: { $select: 'parentFolderId', $top: '1' },
    });
    id = page.value[0]?.parentFolderId;
  }
  return id ? { id, displayName: 'Contacts' } : undefined;
}

/** The default Contacts folder (when it can be identified) and every folder below it. */
export async function listContactFolders(client: GraphClient): Promise<RemoteFolder[]> {
  const select = { $select: 'id,displayName,parentFolderId', ...PAGE };
  const topLevel = await client.getAll<GraphContactFolder>('me/contactFolders', { query: select });
  const root = await defaultContactsFolder(client, topLevel);
  const walk = async (
    children: GraphContactFolder[],
    parentId: string | null,
    parentPath: string,
  ): Promise<RemoteFolder[]> => {
    const subtrees = await Promise.all(
      children.map(async (f) => {
        const path = parentPath ? `${parentPath}/${f.displayName}` : f.displayName;
        const self: RemoteFolder = { id: f.id, name: f.displayName, parentId, path, kind: 'contacts' };
        const grandChildren = await client.getAll<GraphContactFolder>(`me/contactFolders/${f.id}/childFolders`, {
          query: select,
        });
        return [self, ...(await walk(grandChildren, f.id, path))];
      }),
    );
    return subtrees.flat();
  };
  if (!root) return walk(topLevel, null, '');
  const rootFolder: RemoteFolder = {
    id: root.id,
    name: root.displayName,
    parentId: null,
    path: root.displayName,
    kind: 'contacts',
    wellKnown: 'contacts',
  };
  return [rootFolder, ...(await walk(topLevel, root.id, root.displayName))];
}

/** Every calendar of the user (flat in Graph); the default one is marked. */
export async function listCalendars(client: GraphClient): Promise<RemoteFolder[]> {
  const calendars = await client.getAll<GraphCalendar>('me/calendars', {
    query: { $select: 'id,name,isDefaultCalendar', ...PAGE },
  });
  return calendars.map((c) => ({
    id: c.id,
    name: c.name,
    parentId: null,
    path: c.name,
    kind: 'calendar',
    ...(c.isDefaultCalendar && { wellKnown: 'calendar' as const }),
  }));
}

/** Every To Do list (flat); the default list (`wellknownListName: defaultList`) is the mailbox's Tasks folder. */
export async function listTaskLists(client: GraphClient): Promise<RemoteFolder[]> {
  const lists = await client.getAll<GraphTodoList>('me/todo/lists', { query: PAGE });
  return lists.map((l) => ({
    id: l.id,
    name: l.displayName,
    parentId: null,
    path: l.displayName,
    kind: 'tasks',
    ...(l.wellknownListName === 'defaultList' && { wellKnown: 'tasks' as const }),
  }));
}
