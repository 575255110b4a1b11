import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconLogin2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { startOAuth } from './oauth-draft.ts';
import { useMailboxes } from './use-mailboxes.hook.ts';

/**
 * OA-3: a revoked or expired grant marks the mailbox «Требуется вход» and tells its owner — here, at the top of
 * every page, until they sign in again.
 */
export function NeedsSignInBanner() {
  const { t } = useTranslation();
  const { mailboxes } = useMailboxes();
  const waiting = mailboxes.filter((m) => m.state === 'needsSignIn');
  if (waiting.length === 0) return null;
  return (
    <Stack gap="xs" mb="md" data-testid="needs-sign-in-banner">
      {waiting.map((mailbox) => (
        <Alert key={mailbox.id} color="orange" variant="light" title={t('mailbox.states.needsSignIn')} p="sm">
          <Group justify="space-between" gap="xs">
            <Text size="sm" style={{ wordBreak: 'break-word' }}>
              {t('mailbox.needsSignInText', { email: mailbox.email })}
            </Text>
            <Button
              size="xs"
              color="orange"
              leftSection={<IconLogin2 size={14} />}
              onClick={() => startOAuth({ mailboxId: mailbox.id, email: mailbox.email })}
              data-testid="banner-sign-in"
            >
              {t('mailbox.signInAgain')}
            </Button>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
