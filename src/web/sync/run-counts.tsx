import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncRun } from './sync-types.ts';

const KEYS = ['created', 'updated', 'deleted', 'skipped', 'failed'] as const;

/**
 * «Создано 3 · Обновлено 0 · Удалено 0 · Пропущено 1 · Ошибок 0» (and conflicts when there were any): what a run did
 * so far. Errors and skips are colored so a glance finds them.
 */
export function RunCounts({ run, size = 'sm' }: { run: Pick<SyncRun, 'counts' | 'conflicts'>; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const items: { key: string; value: number; color?: string }[] = KEYS.map((key) => ({
    key,
    value: run.counts[key],
    color:
      run.counts[key] > 0 && key === 'failed' ? 'red' : run.counts[key] > 0 && key === 'skipped' ? 'orange' : undefined,
  }));
  if (run.conflicts > 0) items.push({ key: 'conflicts', value: run.conflicts, color: 'grape' });
  return (
    <Group gap={4} style={{ columnGap: 'var(--mantine-spacing-sm)' }} data-testid="run-counts">
      {items.map(({ key, value, color }) => (
        <Text key={key} size={size} c={color} data-testid={`run-count-${key}`} data-value={value} span>
          {t(`sync.counts.${key}`)} <b>{value}</b>
        </Text>
      ))}
    </Group>
  );
}
