import { EmptyState, Group, Loader, Pagination, Stack } from '@mantine/core';
import { IconArrowsDiff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { ConflictCard } from './conflict-card.tsx';
import { syncApi } from './sync.api.ts';

const PAGE_SIZE = 20;

/** «Конфликты»: every conflict of the mailbox's contact sync with both versions, newest first, page by page. */
export function ConflictsTab({ mailboxId, reloadKey }: { mailboxId: string; reloadKey: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const conflicts = useAsync(
    () => syncApi.conflicts(mailboxId, 'contacts', PAGE_SIZE, (page - 1) * PAGE_SIZE),
    [mailboxId, page, reloadKey],
  );
  if (conflicts.error) return <LoadError error={conflicts.error} onRetry={conflicts.reload} />;
  if (!conflicts.data) {
    return (
      <Group justify="center" py="lg">
        <Loader size="sm" />
      </Group>
    );
  }
  const { items, total } = conflicts.data;
  if (total === 0) {
    return <EmptyState icon={<IconArrowsDiff />} title={t('sync.conflictsEmpty')} data-testid="conflicts-empty" />;
  }
  return (
    <Stack gap="sm" data-testid="conflicts">
      {items.map((conflict) => (
        <ConflictCard key={conflict.id} conflict={conflict} />
      ))}
      {total > PAGE_SIZE && (
        <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" />
      )}
    </Stack>
  );
}
