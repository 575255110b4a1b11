import { Button, EmptyState, Group, Tooltip } from '@mantine/core';
import { IconMailOff, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * «Учетные записи почты»: mailboxes of the user (MB-1, MS-8). Mailboxes arrive in a later issue;
 * the section is already here, empty, and says why.
 */
export function EmailAccountsSection() {
  const { t } = useTranslation();
  return (
    <div data-testid="email-accounts">
      <Group justify="flex-end" mb="xs">
        <Tooltip label={t('profile.emailAccountsSoon')}>
          {/* A disabled button gets no pointer events; the span keeps the tooltip working. */}
          <span>
            <Button leftSection={<IconPlus size={16} />} variant="light" disabled>
              {t('common.add')}
            </Button>
          </span>
        </Tooltip>
      </Group>
      <EmptyState
        size="sm"
        icon={<IconMailOff />}
        title={t('profile.emailAccountsEmpty')}
        description={t('profile.emailAccountsExplain')}
      />
    </div>
  );
}
