import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { SyncKind, SyncRunsTable } from '../db/schema.ts';
import { mailboxService } from '../mail/mailbox.service.ts';
import type { Vault } from '../mail/vault/secret-vault.ts';
import type { RunSettings } from '../sync/sync-types.ts';
import { syncJournalService } from '../sync-state/sync-journal.service.ts';
import { type SyncRunView, syncRunService } from '../sync-state/sync-run.service.ts';
import { createJobQueue } from './create-job-queue.ts';
import type { JobLogger, JobQueue } from './job-queue.port.ts';
import { startTicker, type Ticker } from './scheduler.ts';
import { SYNC_JOB, syncRunHandler } from './sync-run.job.ts';

/**
 * Sync runs in a process: queueing a run (the API, the scheduler), working runs off the queue (worker role), and the
 * housekeeping tick (scheduler): automatic sync every SYNC_INTERVAL_MINUTES for mailboxes that ask for it (CT-4),
 * re-queueing runs whose worker died (stale reaper, DESIGN §7.6) and journal retention (30 days by default).
 */
export interface SyncRuntime {
  request(
    mailboxId: string,
    kind: SyncKind,
    trigger: SyncRunsTable['trigger'],
    confirmDeletions?: boolean,
  ): Promise<{ run: SyncRunView; created: boolean }>;
  /** One housekeeping pass now (tests, and the first tick after a start). */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export interface SyncRuntimeOptions {
  db: Db;
  vault: Vault;
  config: Pick<Config, 'oauthAllowInsecureLoopback' | 'redisUrl' | 'syncIntervalMinutes'>;
  logger: JobLogger & { info(obj: object, msg: string): void };
  /** The queue to use; default from the configuration (BullMQ with REDIS_URL, else in-process). */
  queue?: JobQueue;
  /** Work runs in this process (worker role). Default true. */
  worker?: boolean;
  /** Run the housekeeping tick in this process. Default true. */
  scheduler?: boolean;
  /** Runs worked at once by this process. */
  concurrency?: number;
  leaseMs?: number;
  tickMs?: number;
  attempts?: number;
  backoffMs?: number;
  journalDays?: number;
  guard?: RunSettings['guard'];
}

/** Starts the sync runtime of this process. */
export function startSyncRuntime(opts: SyncRuntimeOptions): SyncRuntime {
  const { db, logger } = opts;
  const queue = opts.queue ?? createJobQueue({ redisUrl: opts.config.redisUrl, logger });
  const leaseMs = opts.leaseMs ?? 30_000;
  const attempts = opts.attempts ?? 5;
  const backoffMs = opts.backoffMs ?? 30_000;
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  const enqueue = (runId: string) => queue.add(SYNC_JOB, { runId }, { jobId: runId, attempts, backoffMs });

  const request: SyncRuntime['request'] = async (mailboxId, kind, trigger, confirmDeletions = false) => {
    const result = await syncRunService.request(db, mailboxId, kind, trigger, confirmDeletions);
    if (result.created) await enqueue(result.run.id);
    return result;
  };

  if (opts.worker !== false) {
    queue.work(
      SYNC_JOB,
      syncRunHandler({
        db,
        vault: opts.vault,
        config: opts.config,
        holder,
        leaseMs,
        logger,
        ...(opts.guard ? { guard: opts.guard } : {}),
      }),
      {
        concurrency: opts.concurrency ?? 4,
        onFailed: (data, err) => logger.warn({ runId: data.runId, err: String(err) }, 'sync run gave up'),
      },
    );
  }

  const tick = async () => {
    // Runs whose worker stopped hearing from (a crash, a killed process): back to the queue. A queued run whose job
    // was lost with an in-process queue is queued again too; the job id makes a duplicate a no-op.
    const before = new Date(Date.now() - leaseMs * 1.5).toISOString();
    for (const run of await syncRunService.stale(db, before)) {
      if (run.state === 'running') await syncRunService.requeue(db, run.id, null);
      await enqueue(run.id);
      logger.info({ runId: run.id, mailboxId: run.mailbox_id }, 'sync run resumed after its worker stopped');
    }
    // CT-4: automatic contact sync every SYNC_INTERVAL_MINUTES.
    const due = Date.now() - opts.config.syncIntervalMinutes * 60_000;
    for (const box of await mailboxService.allForSync(db)) {
      const c = box.settings.contacts;
      if (!c.auto || box.state !== 'connected' || (!c.import && !c.export)) continue;
      const [last] = await syncRunService.list(db, box.id, 'contacts', 1);
      if (last && Date.parse(last.queuedAt) > due) continue;
      await request(box.id, 'contacts', 'schedule');
    }
    const keepDays = opts.journalDays ?? 30;
    await syncJournalService.prune(db, new Date(Date.now() - keepDays * 86_400_000).toISOString());
  };

  let ticker: Ticker | undefined;
  if (opts.scheduler !== false) {
    ticker = startTicker({ everyMs: opts.tickMs ?? 15_000, tick, logger, firstDelayMs: 1000, name: 'sync-scheduler' });
  }

  return {
    request,
    tick,
    async close() {
      await ticker?.stop();
      if (!opts.queue) await queue.close();
    },
  };
}
