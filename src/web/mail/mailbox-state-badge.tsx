import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailboxState } from '../api/mail-types.ts';

const COLORS: Record<MailboxState, string> = {
  new: 'gray',
  connected: 'teal',
  needsSignIn: 'orange',
  error: 'red',
};

/** Connection state of a mailbox: connected, «Требуется вход» (OA-3), error, or not yet checked. */
export function MailboxStateBadge({ state, size }: { state: MailboxState; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[state] ?? 'gray'}
      variant="light"
      tt="none"
      size={size}
      data-testid="mailbox-state"
      data-state={state}
    >
      {t(`mailbox.states.${state}`, { defaultValue: state })}
    </Badge>
  );
}
