import { Badge, Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailService } from '../api/mail-types.ts';

interface Props {
  email: string;
  service: MailService;
  detected: boolean;
  onChange(): void;
}

/** The address and its provider at the top of the credentials step, with a way back to the provider list. */
export function ServiceSummary({ email, service, detected, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="new-account-service">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {email}
          </Text>
          <Group gap="xs">
            <Text size="sm" c="dimmed" data-testid="new-account-service-name">
              {service.name}
            </Text>
            {detected && (
              <Badge size="xs" variant="light" color="teal" data-testid="new-account-detected">
                {t('mailbox.detected')}
              </Badge>
            )}
          </Group>
        </div>
        <Button size="xs" variant="subtle" onClick={onChange} data-testid="new-account-change-provider">
          {t('mailbox.changeProvider')}
        </Button>
      </Group>
    </Paper>
  );
}
