import { decodeId } from './id-codec.ts';
import { type Folder, type Item, StoreError } from './types.ts';

/**
 * Lookups over one mailbox's folder and item maps: resolving surface ids and well-known names, walking
 * the folder tree, and the change-key precondition check.
 */

/** Resolves a folder by surface id or (case-insensitive) well-known name; throws notFound/malformedId. */
export function resolveFolder(
  folders: ReadonlyMap<number, Folder>,
  wellKnown: ReadonlyMap<string, number>,
  mailboxGuid: string,
  ref: string,
): Folder {
  const byName = wellKnown.get(ref.toLowerCase());
  if (byName !== undefined) return folders.get(byName) as Folder;
  const decoded = decodeId(ref);
  if (!decoded) throw new StoreError('malformedId', 'Id is malformed.');
  const folder = decoded.type === 'folder' && decoded.mailboxGuid === mailboxGuid && folders.get(decoded.num);
  if (!folder) throw new StoreError('notFound', 'The specified object was not found in the store.');
  return folder;
}

/** Resolves an item by any surface id; an old default id (before a move) no longer resolves. */
export function resolveItem(items: ReadonlyMap<number, Item>, mailboxGuid: string, id: string): Item {
  const decoded = decodeId(id);
  if (!decoded) throw new StoreError('malformedId', 'Id is malformed.');
  const item = decoded.type === 'item' && decoded.mailboxGuid === mailboxGuid ? items.get(decoded.num) : undefined;
  if (!item || (decoded.type === 'item' && decoded.style === 'default' && decoded.moveGen !== item.moveGen)) {
    throw new StoreError('notFound', 'The specified object was not found in the store.');
  }
  return item;
}

export function childFolders(folders: ReadonlyMap<number, Folder>, parentNum: number): Folder[] {
  return [...folders.values()].filter((f) => f.parentNum === parentNum);
}

/** Every folder below `parentNum`, parents before children. */
export function descendantFolders(folders: ReadonlyMap<number, Folder>, parentNum: number): Folder[] {
  const out: Folder[] = [];
  const walk = (num: number) => {
    for (const child of childFolders(folders, num)) {
      out.push(child);
      walk(child.num);
    }
  };
  walk(parentNum);
  return out;
}

/** Whether `candidate` is `ancestor` or lies below it (a folder move there would create a cycle). */
export function isSelfOrDescendant(folders: ReadonlyMap<number, Folder>, candidate: number, ancestor: number): boolean {
  for (let n: number | null = candidate; n !== null; n = folders.get(n)?.parentNum ?? null) {
    if (n === ancestor) return true;
  }
  return false;
}

/** Throws `conflict` when an expected change key is given and differs from the item's current one. */
export function checkChangeKey(item: Item, expected: string | undefined): void {
  if (expected !== undefined && expected !== item.changeKey) {
    throw new StoreError(
      'conflict',
      'The change key passed in the request does not match the current change key for the item.',
    );
  }
}
