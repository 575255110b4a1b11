import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import { isConnectorError } from '../connectors/port.ts';
import { userService } from '../crm/users/user.service.ts';
import type { Db } from '../db/database.ts';
import type { SyncRunsTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { mailboxConnections } from '../mail/connection/mailbox-connections.ts';
import { mailboxService } from '../mail/mailbox.service.ts';
import type { Vault } from '../mail/vault/secret-vault.ts';
import { runSync } from '../sync/run-sync.ts';
import type { Counts, RunSettings } from '../sync/sync-types.ts';
import { contactRun } from '../sync-state/contact-run.ts';
import { syncRunService } from '../sync-state/sync-run.service.ts';
import { type JobHandler, type JobLogger, PermanentJobError } from './job-queue.port.ts';

/**
 * The job that performs one sync run. It takes the mailbox-and-kind lease first (compare-and-set in the database,
 * so two workers never run one mailbox and kind at once, whatever process or queue they are on), keeps it alive
 * while it works, and records the outcome on the run: succeeded, needsConfirmation (the mass-deletion guard), or
 * failed with a code people can act on. Failures worth retrying go back to the queue with backoff.
 */
export const SYNC_JOB = 'sync-run';

export interface SyncJobDeps {
  db: Db;
  vault: Vault;
  config: Pick<Config, 'oauthAllowInsecureLoopback'>;
  /** This worker's name in leases and on runs. */
  holder: string;
  leaseMs: number;
  logger: JobLogger & { info(obj: object, msg: string): void };
  guard?: RunSettings['guard'];
}

/** A failure as the run shows it: a stable code and a sentence (connector details stay in the log). */
export function describeFailure(err: unknown): { code: string; message: string } {
  if (err instanceof PermanentJobError) return { code: err.message.split(':')[0] ?? 'failed', message: err.message };
  if (isConnectorError(err)) {
    const byKind: Record<string, [string, string]> = {
      AUTH: ['needsSignIn', 'The mailbox needs its owner to sign in again.'],
      PERMISSION: ['permission', 'The mail server refused access to the contacts of this mailbox.'],
      THROTTLED: ['throttled', 'The mail server asked us to slow down; the run will be retried.'],
      TEMPORARY: ['serverBusy', 'The mail server was busy or briefly unavailable; the run will be retried.'],
      UNREACHABLE: ['unreachable', 'The mail server could not be reached; the run will be retried.'],
      TLS: ['tls', 'The mail server’s certificate was not accepted.'],
      NOT_FOUND: ['notFound', 'The mailbox or folder was not found on the server.'],
      INVALID: ['invalid', 'The mail server sent something Tandem could not read.'],
      CURSOR_EXPIRED: ['resync', 'The server lost the sync position; the run will list everything again.'],
    };
    const [code, message] = byKind[err.kind] ?? ['failed', 'The run failed.'];
    return { code, message };
  }
  if (err instanceof AppError) return { code: err.code, message: err.message };
  return { code: 'internal', message: 'The run stopped on an unexpected error; see the server log.' };
}

/** Failures no retry can fix: the owner must act (sign in again, grant access) first. */
function isPermanent(err: unknown): boolean {
  return err instanceof PermanentJobError || isConnectorError(err, 'AUTH', 'PERMISSION', 'TLS');
}

async function perform(
  deps: SyncJobDeps,
  run: SyncRunsTable,
): Promise<{ state: 'succeeded' | 'needsConfirmation'; counts: Counts }> {
  const { db, vault, config } = deps;
  const box = await mailboxService.forSync(db, run.mailbox_id);
  if (box.state === 'needsSignIn')
    throw new PermanentJobError('needsSignIn: the mailbox needs its owner to sign in again');
  const actor = await userService.actorFor(db, box.ownerId);
  if (!actor) throw new PermanentJobError('ownerInactive: the mailbox’s owner is deactivated');
  const remote = await mailboxConnections({ db, vault, config }).open(run.mailbox_id);
  if (!remote) throw new PermanentJobError('unsupported: contact sync is not available for this mailbox’s server yet');
  const ctx = contactRun({
    db,
    mailboxId: run.mailbox_id,
    runId: run.id,
    actor,
    remote,
    settings: box.settings,
    confirmDeletions: run.confirm_deletions === 1,
    counts: {
      created: Number(run.created),
      updated: Number(run.updated),
      deleted: Number(run.deleted),
      skipped: Number(run.skipped),
      failed: Number(run.failed),
      conflicts: Number(run.conflicts),
    },
    ...(deps.guard ? { guard: deps.guard } : {}),
  });
  try {
    return { state: await runSync(ctx), counts: ctx.counts };
  } finally {
    deps.logger.info({ runId: run.id, mailboxId: run.mailbox_id, counts: ctx.counts }, 'sync run ended');
  }
}

/** The handler of SYNC_JOB jobs (`{runId}`). */
export function syncRunHandler(deps: SyncJobDeps): JobHandler {
  const { db, leaseMs } = deps;
  return async (data, info) => {
    // The lease holder is this try, not this process: the lease lets its own holder back in, and two deliveries of one
    // run to the same process (a duplicate job, a BullMQ job whose lock was lost) must not both pass it and work the run
    // at once (found by test/sync/contacts-bullmq.test.ts).
    const holder = `${deps.holder}:${randomUUID().slice(0, 8)}`;
    const runId = String(data.runId);
    const run = await syncRunService.raw(db, runId);
    // Finished meanwhile (or the mailbox went): nothing to do.
    if (!run || run.active_key === null) return;
    if (!(await syncRunService.acquireLease(db, run.mailbox_id, run.kind, runId, holder, leaseMs))) {
      throw new Error(`run ${runId}: another worker holds the lease of this mailbox and kind`);
    }
    const beat = setInterval(
      () => {
        void Promise.all([
          syncRunService.renewLease(db, run.mailbox_id, run.kind, runId, leaseMs),
          syncRunService.heartbeat(db, runId),
        ]).catch((err: unknown) => deps.logger.warn({ runId, err }, 'sync heartbeat failed'));
      },
      Math.max(200, Math.floor(leaseMs / 3)),
    );
    beat.unref();
    try {
      if (!(await syncRunService.start(db, run, holder))) return;
      const { state, counts } = await perform(deps, run);
      await syncRunService.finish(db, runId, state, null, counts);
    } catch (err) {
      const failure = describeFailure(err);
      deps.logger.warn({ runId, mailboxId: run.mailbox_id, code: failure.code, err }, 'sync run failed');
      if (isPermanent(err) || info.lastAttempt) {
        await syncRunService.finish(db, runId, 'failed', failure);
        throw err instanceof PermanentJobError ? err : new PermanentJobError(`${failure.code}: ${failure.message}`);
      }
      await syncRunService.requeue(db, runId, failure);
      throw err;
    } finally {
      clearInterval(beat);
      await syncRunService.releaseLease(db, run.mailbox_id, run.kind, runId).catch(() => undefined);
    }
  };
}
