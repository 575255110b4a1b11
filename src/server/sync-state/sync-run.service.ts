import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { SyncKind, SyncRunState, SyncRunsTable } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { syncRunStore } from './sync-run.store.ts';

/**
 * Sync runs: one row per requested run, visible while it is queued and running (progress: counts so far, stage)
 * and after (result, error). At most one run per mailbox and kind is queued or running at a time, across every
 * process (the unique `active_key`); asking again while one is active returns that run (CT-5).
 */

export interface SyncRunView {
  id: string;
  mailboxId: string;
  kind: SyncKind;
  state: SyncRunState;
  trigger: SyncRunsTable['trigger'];
  counts: { created: number; updated: number; deleted: number; skipped: number; failed: number };
  conflicts: number;
  stage: string | null;
  attempt: number;
  error: { code: string; message: string } | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function runView(r: SyncRunsTable): SyncRunView {
  return {
    id: r.id,
    mailboxId: r.mailbox_id,
    kind: r.kind,
    state: r.state,
    trigger: r.trigger,
    counts: {
      created: Number(r.created),
      updated: Number(r.updated),
      deleted: Number(r.deleted),
      skipped: Number(r.skipped),
      failed: Number(r.failed),
    },
    conflicts: Number(r.conflicts),
    stage: r.stage,
    attempt: Number(r.attempt),
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    queuedAt: r.queued_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

const activeKey = (mailboxId: string, kind: SyncKind) => `${mailboxId}:${kind}`;

export const syncRunService = {
  /** Queues a run, or returns the one already queued or running for this mailbox and kind. */
  async request(
    db: Db,
    mailboxId: string,
    kind: SyncKind,
    trigger: SyncRunsTable['trigger'],
    confirmDeletions = false,
  ): Promise<{ run: SyncRunView; created: boolean }> {
    const existing = await syncRunStore.active(db, mailboxId, kind);
    if (existing && !confirmDeletions) return { run: runView(existing), created: false };
    if (existing && confirmDeletions) {
      // The owner's confirmation rides on the run that is about to happen anyway.
      await syncRunStore.update(db, existing.id, { confirm_deletions: 1 });
      return { run: runView({ ...existing, confirm_deletions: 1 }), created: false };
    }
    const row: SyncRunsTable = {
      id: randomUUID(),
      mailbox_id: mailboxId,
      kind,
      state: 'queued',
      trigger,
      active_key: activeKey(mailboxId, kind),
      confirm_deletions: confirmDeletions ? 1 : 0,
      attempt: 0,
      created: 0,
      updated: 0,
      deleted: 0,
      skipped: 0,
      failed: 0,
      conflicts: 0,
      stage: null,
      error_code: null,
      error_message: null,
      queued_at: new Date().toISOString(),
      started_at: null,
      finished_at: null,
      heartbeat_at: null,
      worker: null,
    };
    try {
      await syncRunStore.insert(db, row);
      return { run: runView(row), created: true };
    } catch (err) {
      // Another process queued one between our look and our insert: that one is the run.
      const raced = await syncRunStore.active(db, mailboxId, kind);
      if (raced) return { run: runView(raced), created: false };
      throw err;
    }
  },

  async get(db: Db, mailboxId: string, runId: string): Promise<SyncRunView> {
    const row = await syncRunStore.get(db, runId);
    if (!row || row.mailbox_id !== mailboxId) throw notFound('Sync run', runId);
    return runView(row);
  },

  async raw(db: Db, runId: string): Promise<SyncRunsTable | undefined> {
    return syncRunStore.get(db, runId);
  },

  async list(db: Db, mailboxId: string, kind: SyncKind | undefined, limit: number): Promise<SyncRunView[]> {
    return (await syncRunStore.list(db, mailboxId, kind, limit)).map(runView);
  },

  /**
   * Moves a run to running for this worker, which holds its lease; a run still marked running is one whose worker
   * died (its lease ran out), and is taken over. False when the run is finished.
   */
  async start(db: Db, run: SyncRunsTable, worker: string): Promise<boolean> {
    const now = new Date().toISOString();
    return syncRunStore.transition(db, run.id, ['queued', 'running'], {
      state: 'running',
      started_at: run.started_at ?? now,
      heartbeat_at: now,
      attempt: Number(run.attempt) + 1,
      worker,
    });
  },

  async heartbeat(db: Db, runId: string): Promise<void> {
    await syncRunStore.update(db, runId, { heartbeat_at: new Date().toISOString() });
  },

  /** Back to the queue after a failure worth retrying (the error stays visible meanwhile). */
  async requeue(db: Db, runId: string, error: { code: string; message: string } | null): Promise<void> {
    await syncRunStore.transition(db, runId, ['running', 'queued'], {
      state: 'queued',
      queued_at: new Date().toISOString(),
      error_code: error?.code ?? null,
      error_message: error?.message ?? null,
    });
  },

  async finish(
    db: Db,
    runId: string,
    state: 'succeeded' | 'failed' | 'needsConfirmation',
    error: { code: string; message: string } | null,
    counts?: Partial<Pick<SyncRunsTable, 'created' | 'updated' | 'deleted' | 'skipped' | 'failed' | 'conflicts'>>,
  ): Promise<void> {
    await syncRunStore.update(db, runId, {
      ...counts,
      state,
      active_key: null,
      stage: state === 'needsConfirmation' ? 'needsConfirmation' : null,
      finished_at: new Date().toISOString(),
      error_code: error?.code ?? null,
      error_message: error?.message ?? null,
    });
  },

  /** Queued or running runs whose worker has not been heard of since `before` (a crash, a killed process). */
  stale: (db: Db, before: string) => syncRunStore.stale(db, before),

  acquireLease: syncRunStore.acquireLease,
  renewLease: syncRunStore.renewLease,
  releaseLease: syncRunStore.releaseLease,
};
