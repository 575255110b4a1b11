import { canonicalPropertyKey } from './extended-property-key.ts';
import type { ItemWriteOptions } from './mailbox-context.types.ts';
import type { ExtendedPropertyValue, Item, OpenExtension } from './types.ts';

/** Small write helpers shared by the mailbox's item and folder writes. */

/** 1 when the item counts toward its folder's unread count (messages with isRead false). */
export function unread(item: Item): number {
  return item.kind === 'message' && item.data.isRead === false ? 1 : 0;
}

export function applyExtendedProperties(
  target: Map<string, ExtendedPropertyValue>,
  props: ItemWriteOptions['extendedProperties'],
): void {
  for (const p of props ?? []) {
    const k = canonicalPropertyKey(p.key);
    if (p.value === null) target.delete(k);
    else target.set(k, { key: p.key, value: p.value });
  }
}

export function applyExtensions(target: Map<string, OpenExtension>, exts: ItemWriteOptions['extensions']): void {
  for (const e of exts ?? []) {
    if (e.fields === null) target.delete(e.extensionName);
    else target.set(e.extensionName, { extensionName: e.extensionName, fields: e.fields });
  }
}
