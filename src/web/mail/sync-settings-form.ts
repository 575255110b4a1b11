import type { Group } from '../api/api-types.ts';
import type { MailboxFolders, MailService, SyncSettings } from '../api/mail-types.ts';
import type { FieldErrors } from '../common/use-field-errors.hook.ts';

export type SettingsSection = 'mail' | 'contacts' | 'activities';
export const SETTINGS_TABS: readonly SettingsSection[] = ['mail', 'activities', 'contacts'];

/** What each tab of the mailbox settings page receives. */
export interface SettingsTabProps {
  settings: SyncSettings;
  update<K extends SettingsSection>(section: K, patch: Partial<SyncSettings[K]>): void;
  errors: FieldErrors;
  folders: MailboxFolders | undefined;
  /** Why the folder list is missing, when the server could not list it. */
  foldersProblem: string | undefined;
  groups: Group[];
  service: MailService | undefined;
}

/** The tab that holds a field the server rejected (`contacts.importFolders` → contacts), if any. */
export function tabOfField(field: string | undefined): SettingsSection | undefined {
  const head = field?.split(/[.[]/)[0];
  return SETTINGS_TABS.find((tab) => tab === head);
}
