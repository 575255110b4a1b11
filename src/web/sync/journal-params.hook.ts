import { useSearchParams } from 'react-router-dom';
import {
  JOURNAL_ACTIONS,
  JOURNAL_RESULTS,
  type JournalAction,
  type JournalFilter,
  type JournalResult,
} from './sync-types.ts';

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

/**
 * The journal's filters and page live in the URL (`?runId=&action=&result=&rule=&page=`), so Back restores them and
 * a toast can link to the lines of one run.
 */
export function useJournalParams() {
  const [params, setParams] = useSearchParams();
  const filter: JournalFilter = {
    runId: params.get('runId') || undefined,
    action: oneOf<JournalAction>(JOURNAL_ACTIONS, params.get('action')),
    result: oneOf<JournalResult>(JOURNAL_RESULTS, params.get('result')),
    rule: params.get('rule') || undefined,
  };
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  /** Sets or clears parameters; any filter change goes back to the first page. */
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  return { filter, page, update };
}
