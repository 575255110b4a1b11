import { api } from '../api/api-client.ts';
import type { ListResponse } from '../api/api-types.ts';
import type { ConflictRecord, JournalFilter, JournalPage, PendingDeletion, SyncKind, SyncRun } from './sync-types.ts';

const mailbox = (id: string) => `/api/mailboxes/${encodeURIComponent(id)}`;

/** Sync runs, journal, conflicts and held-back deletions of one of the user's mailboxes (owner only, MB-4). */
export const syncApi = {
  /** Runs a sync now (CT-5); when one is already queued or running the server answers with that one. */
  start: (mailboxId: string, kind: SyncKind) =>
    api.post<{ runId: string; created: boolean; run: SyncRun }>(`${mailbox(mailboxId)}/sync`, { kind }),
  runs: (mailboxId: string, kind: SyncKind, limit = 20) =>
    api.get<ListResponse<SyncRun>>(`${mailbox(mailboxId)}/sync-runs`, { kind, limit }),
  run: (mailboxId: string, runId: string) =>
    api.get<SyncRun>(`${mailbox(mailboxId)}/sync-runs/${encodeURIComponent(runId)}`),
  journal: (mailboxId: string, kind: SyncKind, filter: JournalFilter, limit: number, offset: number) =>
    api.get<JournalPage>(`${mailbox(mailboxId)}/journal`, { kind, ...filter, limit, offset }),
  conflicts: (mailboxId: string, kind: SyncKind, limit: number, offset: number) =>
    api.get<ListResponse<ConflictRecord>>(`${mailbox(mailboxId)}/conflicts`, { kind, limit, offset }),
  pendingDeletions: (mailboxId: string, kind: SyncKind) =>
    api.get<ListResponse<PendingDeletion>>(`${mailbox(mailboxId)}/pending-deletions`, { kind }),
  /** The owner agrees: a run applies the held-back deletions. */
  confirmDeletions: (mailboxId: string, kind: SyncKind) =>
    api.post<{ runId: string; run: SyncRun }>(`${mailbox(mailboxId)}/pending-deletions/confirm`, { kind }),
  /** The owner refuses: nothing is deleted, both sides keep their items. */
  cancelDeletions: (mailboxId: string, kind: SyncKind) =>
    api.post<{ cancelled: number }>(`${mailbox(mailboxId)}/pending-deletions/cancel`, { kind }),
};
