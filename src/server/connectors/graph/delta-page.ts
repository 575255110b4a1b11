import { type ChangePage, ConnectorError, type RemoteChange, type RemoteItem } from '../port.ts';

/**
 * One page of a Graph delta round (`concepts/delta-query-overview.md`; protocols.md §3.1) as the port's ChangePage.
 * A round is a chain of `@odata.nextLink` pages ending in an `@odata.deltaLink`; both are stored whole, because the
 * tokens are opaque and encode every query option of the round's first request. Removed entries are
 * `{id, "@removed": {reason}}`: `deleted` is gone for good, `changed` is moved out of the folder (or soft-deleted)
 * — either way no longer in this folder.
 */

/** An entry of a delta page: an item as it is now, or a removal notice. */
export interface DeltaEntry {
  id?: string;
  '@removed'?: { reason?: string };
}

export interface DeltaPageJson<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** True for a delta entry that reports a removal rather than an item. */
export function isRemoved(entry: DeltaEntry): boolean {
  return entry['@removed'] !== undefined;
}

/** The page's changes and the cursor to resume from; `toItem` maps one present item. */
export function readDeltaPage<T extends DeltaEntry, F>(
  page: DeltaPageJson<T> | undefined,
  toItem: (entry: T & { id: string }) => RemoteItem<F>,
): ChangePage<F> {
  const next = page?.['@odata.nextLink'];
  const delta = page?.['@odata.deltaLink'];
  const cursor = next ?? delta;
  if (!page || !cursor) throw new ConnectorError('INVALID', 'delta page has neither a nextLink nor a deltaLink');
  const changes = (page.value ?? []).map((entry): RemoteChange<F> => {
    if (typeof entry.id !== 'string' || entry.id === '') {
      throw new ConnectorError('INVALID', 'delta page holds an entry without an id');
    }
    if (isRemoved(entry)) {
      const reason = entry['@removed']?.reason === 'deleted' ? 'deleted' : 'movedOut';
      return { type: 'removed', id: entry.id, reason };
    }
    return { type: 'upsert', item: toItem(entry as T & { id: string }) };
  });
  // A page with both links is not something Graph sends; the nextLink wins so the round is not cut short.
  return { changes, cursor, complete: next === undefined };
}

/**
 * The version of a Graph item: its changeKey, else the ChangeKey inside `@odata.etag` (`W/"…"`; protocols.md §3.2).
 * Empty when neither came back, which makes the item look changed — the content hash then decides (DESIGN §3).
 */
export function versionOf(entity: { changeKey?: string | null; '@odata.etag'?: string }): string {
  if (entity.changeKey) return entity.changeKey;
  const etag = /^(?:W\/)?"(.*)"$/.exec(entity['@odata.etag'] ?? '');
  return etag?.[1] ?? '';
}
