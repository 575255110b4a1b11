import { EmptyState, Group, Loader, Pagination, Paper, Stack, Text, Title } from '@mantine/core';
import { IconNotebook } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { JournalFilters } from './journal-filters.tsx';
import { useJournalParams } from './journal-params.hook.ts';
import { JournalTable } from './journal-table.tsx';
import { syncApi } from './sync.api.ts';
import { runTime, SyncRunsTable } from './sync-runs-table.tsx';
import type { SyncRun } from './sync-types.ts';

const PAGE_SIZE = 50;

interface Props {
  mailboxId: string;
  runs: SyncRun[];
  /** Bumped when a run ends or deletions were decided: the journal has new lines. */
  reloadKey: number;
}

/** «Журнал»: the recent runs (a click filters by run), the filters, and the journal lines page by page. */
export function JournalTab({ mailboxId, runs, reloadKey }: Props) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const { filter, page, update } = useJournalParams();
  const { runId, action, result, rule } = filter;
  const journal = useAsync(
    () => syncApi.journal(mailboxId, 'contacts', filter, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    [mailboxId, runId, action, result, rule, page, reloadKey],
  );
  // The rule choices stay while a filtered page loads (the select does not flicker empty).
  const [rules, setRules] = useState<string[]>([]);
  useEffect(() => {
    if (journal.data) setRules(journal.data.rules);
  }, [journal.data]);

  const selectedRun = runs.find((run) => run.id === runId);
  const runLabel = runId
    ? t('sync.runFilter', {
        when: selectedRun ? runTime(selectedRun, i18n.language, user.timeZone) : runId.slice(0, 8),
      })
    : null;
  const total = journal.data?.total ?? 0;
  const filtered = Boolean(runId || action || result || rule);

  return (
    <Stack gap="md">
      {runs.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={5} mb="xs">
            {t('sync.runs')}
          </Title>
          <SyncRunsTable runs={runs} selectedId={runId ?? null} onSelect={(id) => update({ runId: id })} />
        </Paper>
      )}
      <Paper withBorder p="sm">
        <JournalFilters filter={filter} rules={rules} runLabel={runLabel} onChange={update} />
      </Paper>
      {journal.error ? (
        <LoadError error={journal.error} onRetry={journal.reload} />
      ) : !journal.data ? (
        <Group justify="center" py="lg">
          <Loader size="sm" />
        </Group>
      ) : total === 0 ? (
        <EmptyState
          icon={<IconNotebook />}
          title={filtered ? t('sync.journalNoMatch') : t('sync.journalEmpty')}
          data-testid="journal-empty"
        />
      ) : (
        <Stack gap="xs">
          <JournalTable lines={journal.data.items} />
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed" data-testid="journal-total">
              {t('list.total', { count: total })}
            </Text>
            {total > PAGE_SIZE && (
              <Pagination
                total={Math.ceil(total / PAGE_SIZE)}
                value={page}
                onChange={(next) => update({ page: String(next) })}
                size="sm"
                data-testid="journal-pages"
              />
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
