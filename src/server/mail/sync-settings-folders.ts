import type { FolderKind } from '../connectors/port.ts';
import { invalid } from '../errors.ts';
import type { SyncSettings } from './sync-settings.ts';

/** Lists a mailbox's folder ids of one kind, or undefined when the server cannot be asked right now. */
export type FolderIdLister = (mailboxId: string, kind: FolderKind) => Promise<string[] | undefined>;

/** The folder choices of the settings page and the kind of folder each names. */
const CHOICES: { path: string; kind: FolderKind; pick(s: SyncSettings): 'all' | string[]; sent(i: Input): boolean }[] =
  [
    { path: 'mail.folders', kind: 'mail', pick: (s) => s.mail.folders, sent: (i) => has(i.mail, 'folders') },
    {
      path: 'contacts.importFolders',
      kind: 'contacts',
      pick: (s) => s.contacts.importFolders,
      sent: (i) => has(i.contacts, 'importFolders'),
    },
    {
      path: 'activities.calendars',
      kind: 'calendar',
      pick: (s) => s.activities.calendars,
      sent: (i) => has(i.activities, 'calendars'),
    },
    {
      path: 'activities.taskFolders',
      kind: 'tasks',
      pick: (s) => s.activities.taskFolders,
      sent: (i) => has(i.activities, 'taskFolders'),
    },
  ];

type Input = Record<string, unknown>;
const has = (section: unknown, key: string) => typeof section === 'object' && section !== null && key in section;

/**
 * Chosen folders must exist in the mailbox (MB-2, CT-1, AC-1, AC-2, ML-5): each id sent is checked against the
 * server's folder list of its kind. When the server cannot be asked (offline, no connector for this kind of
 * service yet) the choice is kept as sent — the sync reports a folder that has gone.
 */
export async function assertChosenFolders(
  mailboxId: string,
  input: Input,
  next: SyncSettings,
  list: FolderIdLister | undefined,
): Promise<void> {
  if (!list) return;
  for (const choice of CHOICES) {
    const chosen = choice.pick(next);
    if (!choice.sent(input) || chosen === 'all') continue;
    const known = await list(mailboxId, choice.kind);
    if (!known) continue;
    const ids = new Set(known);
    chosen.forEach((id, i) => {
      if (!ids.has(id)) throw invalid(`${choice.path}.${i}`, `the mailbox has no such folder (${id})`, 'notFound');
    });
  }
}
