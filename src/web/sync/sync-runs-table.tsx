import { ScrollArea, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../common/date-time.ts';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { RunCounts } from './run-counts.tsx';
import { RunStateBadge } from './run-state-badge.tsx';
import type { SyncRun } from './sync-types.ts';

interface Props {
  runs: SyncRun[];
  selectedId: string | null;
  /** A click on a run narrows the journal to it; a click on the chosen run widens it again. */
  onSelect(runId: string | null): void;
}

/** When a run happened, for lists and filters: its start, or when it was queued if it has not started. */
export function runTime(run: SyncRun, language: string, timeZone: string): string {
  return formatDateTime(run.startedAt ?? run.queuedAt, language, timeZone, 'short');
}

/** Recent runs (MB-5) with state and counts, newest first; rows are buttons that filter the journal by run. */
export function SyncRunsTable({ runs, selectedId, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  return (
    <ScrollArea.Autosize mah={260} type="auto">
      <Table.ScrollContainer minWidth={560} type="native">
        <Table verticalSpacing={6} highlightOnHover stickyHeader data-testid="sync-runs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.runColumns.when')}</Table.Th>
              <Table.Th>{t('sync.runColumns.state')}</Table.Th>
              <Table.Th>{t('sync.runColumns.counts')}</Table.Th>
              <Table.Th>{t('sync.runColumns.trigger')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.map((run) => {
              const selected = run.id === selectedId;
              return (
                <Table.Tr
                  key={run.id}
                  onClick={() => onSelect(selected ? null : run.id)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      onSelect(selected ? null : run.id);
                    }
                  }}
                  tabIndex={0}
                  aria-selected={selected}
                  bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
                  style={{ cursor: 'pointer' }}
                  data-testid="sync-run-row"
                  data-run-id={run.id}
                  data-state={run.state}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{runTime(run, i18n.language, user.timeZone)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <RunStateBadge state={run.state} size="xs" />
                  </Table.Td>
                  <Table.Td>
                    <RunCounts run={run} size="xs" />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {t(`sync.triggers.${run.trigger}`)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </ScrollArea.Autosize>
  );
}
