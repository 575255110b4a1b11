import { useCallback, useEffect, useRef, useState } from 'react';
import { useAsync } from '../common/use-async.hook.ts';
import { followRun, isFinished, subscribeRuns } from './run-follower.ts';
import { syncApi } from './sync.api.ts';
import type { SyncKind, SyncRun } from './sync-types.ts';

export interface SyncRunsState {
  /** Newest first, with live counts for runs still going. */
  runs: SyncRun[];
  /** The newest run, or null before the first one. */
  latest: SyncRun | null;
  loading: boolean;
  error: unknown;
  starting: boolean;
  /** Runs a sync now (CT-5) and follows it; rejects with the API error. */
  start(): Promise<SyncRun>;
  /** Follows a run started elsewhere on the page (e.g. the confirmed deletions' run). */
  track(run: SyncRun): void;
  reload(): void;
}

/** Puts `run` into a newest-first list: replaces the row with its id, or adds it on top. */
function merge(runs: SyncRun[], run: SyncRun, limit: number): SyncRun[] {
  if (runs.some((r) => r.id === run.id)) return runs.map((r) => (r.id === run.id ? run : r));
  return [run, ...runs].slice(0, limit);
}

/**
 * The recent runs of one mailbox and kind, kept live: runs still queued or running are followed (once a second),
 * and runs started anywhere in the app (the Actions menu, another page) show up here too. `onEnded` is called
 * when a run finishes while the page is open, so the page can reload what the run changed.
 */
export function useSyncRuns(
  mailboxId: string,
  kind: SyncKind,
  limit: number,
  onEnded?: (run: SyncRun) => void,
): SyncRunsState {
  const list = useAsync(() => syncApi.runs(mailboxId, kind, limit), [mailboxId, kind, limit]);
  const [runs, setRuns] = useState<SyncRun[]>([]);
  const [starting, setStarting] = useState(false);
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    const items = list.data?.items ?? [];
    setRuns(items);
    for (const run of items) if (!isFinished(run)) followRun(run);
  }, [list.data]);

  const { reload } = list;
  useEffect(
    () =>
      subscribeRuns((event) => {
        if (event.type === 'lost') {
          if (event.mailboxId === mailboxId) reload();
          return;
        }
        const { run } = event;
        if (run.mailboxId !== mailboxId || run.kind !== kind) return;
        setRuns((prev) => merge(prev, run, limit));
        if (event.ended) ended.current?.(run);
      }),
    [mailboxId, kind, limit, reload],
  );

  const start = useCallback(async () => {
    setStarting(true);
    try {
      const { run } = await syncApi.start(mailboxId, kind);
      followRun(run);
      return run;
    } finally {
      setStarting(false);
    }
  }, [mailboxId, kind]);

  return {
    runs,
    latest: runs[0] ?? null,
    loading: list.loading && !list.data,
    error: list.error,
    starting,
    start,
    track: followRun,
    reload,
  };
}

/** Calls `onEnded` whenever a run of `kind` (any of the user's mailboxes) finishes while the caller is mounted. */
export function useRunEnded(kind: SyncKind, onEnded: ((run: SyncRun) => void) | undefined): void {
  const callback = useRef(onEnded);
  callback.current = onEnded;
  useEffect(
    () =>
      subscribeRuns((event) => {
        if (event.type === 'update' && event.ended && event.run.kind === kind) callback.current?.(event.run);
      }),
    [kind],
  );
}
