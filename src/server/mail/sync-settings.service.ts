import { groupService } from '../crm/groups/group.service.ts';
import { lookupService } from '../crm/lookups/lookup.service.ts';
import type { Db } from '../db/database.ts';
import type { GroupObject } from '../db/schema.ts';
import { invalid } from '../errors.ts';
import { owned } from './mailbox.service.ts';
import { mailboxStore } from './mailbox.store.ts';
import { applySyncSettings, readSyncSettings, type SyncSettings } from './sync-settings.ts';
import { assertChosenFolders, type FolderIdLister } from './sync-settings-folders.ts';

async function assertGroups(db: Db, path: string, object: GroupObject, ids: string[]): Promise<void> {
  const known = new Set((await groupService.list(db, object)).items.map((g) => g.id));
  ids.forEach((id, i) => {
    if (!known.has(id)) throw invalid(`${path}.${i}`, `no ${object} group with id ${id}`, 'notFound');
  });
}

/** Export scopes name contact types and groups of the right object; checked only when they are sent. */
async function assertReferences(db: Db, input: Record<string, unknown>, next: SyncSettings): Promise<void> {
  const sent = (section: string) => (input[section] as Record<string, unknown> | undefined)?.exportScope !== undefined;
  const contacts = next.contacts.exportScope;
  if (sent('contacts') && contacts !== 'all') {
    const values = (await lookupService.all(db)).contactTypes.map((t) => t.id);
    contacts.types.forEach((type, i) => {
      if (!values.includes(type)) {
        throw invalid(`contacts.exportScope.types.${i}`, `must be one of ${values.join(', ')}`, 'oneOf', { values });
      }
    });
    await assertGroups(db, 'contacts.exportScope.groupIds', 'contact', contacts.groupIds);
  }
  const activities = next.activities.exportScope;
  if (sent('activities') && activities !== 'all') {
    await assertGroups(db, 'activities.exportScope.groupIds', 'activity', activities.groupIds);
  }
}

/**
 * The sync settings page of a mailbox (MB-2): read and replace, owner only (MB-4). Stored as JSON on
 * the mailbox; fields not sent keep their values.
 */
export const syncSettingsService = {
  async get(db: Db, ownerId: string, id: string): Promise<SyncSettings> {
    const row = await owned(db, ownerId, id);
    return readSyncSettings(row.sync_settings, new Date(row.created_at));
  },

  async put(
    db: Db,
    ownerId: string,
    id: string,
    input: Record<string, unknown>,
    listFolderIds?: FolderIdLister,
  ): Promise<SyncSettings> {
    const row = await owned(db, ownerId, id);
    const next = applySyncSettings(readSyncSettings(row.sync_settings, new Date(row.created_at)), input);
    await assertReferences(db, input, next);
    await assertChosenFolders(id, input, next, listFolderIds);
    await mailboxStore.update(db, id, { sync_settings: JSON.stringify(next), modified_at: new Date().toISOString() });
    return next;
  },
};
