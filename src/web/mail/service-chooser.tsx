import { Badge, Group, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailService } from '../api/mail-types.ts';

interface Props {
  email: string;
  services: MailService[];
  /** Services whose provider domain matches the address (MS-9); listed first. */
  detectedIds: string[];
  value: string | null;
  onChange(id: string): void;
}

/** The provider list of the new-account dialog when the domain did not pick exactly one. */
export function ServiceChooser({ email, services, detectedIds, value, onChange }: Props) {
  const { t } = useTranslation();
  const ordered = [
    ...services.filter((s) => detectedIds.includes(s.id)),
    ...services.filter((s) => !detectedIds.includes(s.id)),
  ];
  return (
    <Stack gap="xs">
      <Text size="sm">{t('mailbox.chooseProvider', { email })}</Text>
      {ordered.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="new-account-no-providers">
          {t('mailbox.noProviders')}
        </Text>
      ) : (
        <Radio.Group value={value} onChange={onChange} aria-label={t('mailbox.provider')}>
          <Stack gap="xs">
            {ordered.map((service) => (
              <Radio.Card key={service.id} value={service.id} p="sm" radius="md" data-testid="provider-option">
                <Group wrap="nowrap" align="flex-start">
                  <Radio.Indicator />
                  <div>
                    <Group gap="xs">
                      <Text fw={500} size="sm">
                        {service.name}
                      </Text>
                      {detectedIds.includes(service.id) && (
                        <Badge size="xs" variant="light" color="teal">
                          {t('mailbox.matchesDomain')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {service.address} · {t(`mailService.types.${service.type}`)} ·{' '}
                      {t(`mailService.auths.${service.auth}`)}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            ))}
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}
