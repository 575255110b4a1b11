import { type ContactFields, emptyContactFields } from '../connectors/contact-fields.ts';
import type { RemoteMailbox } from '../connectors/port.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../http/access.ts';
import type { SyncSettings } from '../mail/sync-settings.ts';
import { contactRules } from '../sync/contacts/contact-rules.ts';
import type { EngineContext } from '../sync/engine-context.ts';
import { type Counts, type RunSettings, zeroCounts } from '../sync/sync-types.ts';
import { contactCrmReader, contactCrmWriter } from './contact-crm-side.ts';
import { createSyncStore } from './sync-store.service.ts';

/** The mass-deletion guard's defaults (DESIGN §3): more than 50 items and more than 20 % of the linked ones. */
export const DELETION_GUARD = { maxItems: 50, maxShare: 0.2 };

/** The engine's settings for contacts from the mailbox's sync settings (CT-1, CT-3, CT-6). */
export function contactRunSettings(s: SyncSettings, guard = DELETION_GUARD): RunSettings {
  return {
    import: s.contacts.import,
    importFolders: s.contacts.importFolders,
    export: s.contacts.export,
    conflictPolicy: s.conflictPolicy,
    deletions: { toCrm: s.deletions.toCrm, toRemote: s.deletions.toExchange },
    guard,
  };
}

export interface ContactRunInput {
  db: Db;
  mailboxId: string;
  runId: string;
  actor: Actor;
  remote: RemoteMailbox;
  settings: SyncSettings;
  confirmDeletions: boolean;
  guard?: RunSettings['guard'];
  /** Counts of earlier attempts of the same run, which this one adds to. */
  counts?: Counts;
}

/** Everything one contact run works with: the CRM as the owner sees it, the mailbox's contacts, the status rows. */
export function contactRun(input: ContactRunInput): EngineContext<ContactFields> {
  const { db, mailboxId, runId, actor, remote, settings } = input;
  const run = contactRunSettings(settings, input.guard);
  return {
    store: createSyncStore<ContactFields>({
      db,
      mailboxId,
      kind: 'contacts',
      runId,
      writer: (trx) => contactCrmWriter(trx, actor),
      blank: emptyContactFields,
    }),
    crm: contactCrmReader(db, actor, settings.contacts.exportScope),
    remote: remote.contacts,
    rules: contactRules,
    settings: run,
    // CT-1: every contact folder (nested ones included) or the folders the user ticked.
    importFolderIds: async () =>
      run.importFolders === 'all' ? (await remote.listFolders('contacts')).map((f) => f.id) : run.importFolders,
    confirmDeletions: input.confirmDeletions,
    counts: { ...zeroCounts(), ...input.counts },
  };
}
