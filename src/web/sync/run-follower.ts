import { ApiError } from '../api/api-client.ts';
import { syncApi } from './sync.api.ts';
import type { SyncRun } from './sync-types.ts';

/**
 * Follows sync runs while they are queued or running (CT-5): one poll a second per run, whoever asked for it, and
 * every answer is told to every listener — the notification of the Actions menu, the settings page and the journal
 * all see the same counts grow. It lives outside React so a run keeps being followed when the user leaves the page
 * it was started from.
 */

export type RunEvent =
  /** `ended` is true once, on the poll that saw the run finish (pages reload what the run changed then). */
  | { type: 'update'; run: SyncRun; ended: boolean }
  /** Polling gave up (the run or its mailbox is gone, or the server stayed unreachable). */
  | { type: 'lost'; mailboxId: string; runId: string; error: unknown };

type Listener = (event: RunEvent) => void;

const POLL_MS = 1000;
/** Consecutive failed polls before giving up: a short network blip must not end the follow. */
const MAX_FAILURES = 10;

const listeners = new Set<Listener>();
const followed = new Set<string>();

/** True once the run has ended: succeeded, failed, or stopped to ask about deletions. */
export function isFinished(run: SyncRun): boolean {
  return run.state !== 'queued' && run.state !== 'running';
}

/** Listens to every followed run; returns the unsubscribe function. */
export function subscribeRuns(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function publish(event: RunEvent): void {
  for (const listener of [...listeners]) listener(event);
}

/** Tells listeners about `run` at once, then polls it until it ends (a run already followed is not polled twice). */
export function followRun(run: SyncRun): void {
  publish({ type: 'update', run, ended: false });
  if (isFinished(run) || followed.has(run.id)) return;
  followed.add(run.id);
  poll(run.mailboxId, run.id, 0);
}

function poll(mailboxId: string, runId: string, failures: number): void {
  setTimeout(async () => {
    try {
      const run = await syncApi.run(mailboxId, runId);
      if (isFinished(run)) followed.delete(runId);
      publish({ type: 'update', run, ended: isFinished(run) });
      if (!isFinished(run)) poll(mailboxId, runId, 0);
    } catch (error) {
      // Signed out: the app goes to the sign-in page; there is nobody left to tell.
      if (error instanceof ApiError && error.status === 401) {
        followed.delete(runId);
        return;
      }
      const gone = error instanceof ApiError && error.status === 404;
      if (gone || failures + 1 >= MAX_FAILURES) {
        followed.delete(runId);
        publish({ type: 'lost', mailboxId, runId, error });
      } else {
        poll(mailboxId, runId, failures + 1);
      }
    }
  }, POLL_MS);
}
