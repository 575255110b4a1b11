import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RunState } from './sync-types.ts';

const COLORS: Record<RunState, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  needsConfirmation: 'orange',
};

/** State of a sync run: queued, running, succeeded, failed, or waiting for the owner to confirm deletions. */
export function RunStateBadge({ state, size = 'sm' }: { state: RunState; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[state]}
      variant="light"
      tt="none"
      size={size}
      miw="max-content"
      data-testid="run-state"
      data-state={state}
    >
      {t(`sync.states.${state}`)}
    </Badge>
  );
}
