import { Button, EmptyState, Group } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { i18next } from '../i18n/i18n.ts';
import { lastOAuthDraft, startOAuth } from './oauth-draft.ts';
import { useMailboxes } from './use-mailboxes.hook.ts';

/**
 * `/mailboxes/oauth-result?error=<code>`: the Microsoft sign-in did not connect the mailbox (nothing was saved).
 * Says why in the user's words and offers to try again — with the same address and provider when this tab
 * started the sign-in, else through the new-account dialog.
 */
export function OAuthResultPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { openNewAccount } = useMailboxes();
  const raw = params.get('error') ?? 'providerError';
  // The callback's codes (cancelled, invalidState, expiredState, replayedState, codeRejected, mailboxMismatch,
  // providerError) each have a sentence; anything else is worded as a provider error.
  const code = i18next.exists(`oauthResult.codes.${raw}`) ? raw : 'providerError';
  const draft = lastOAuthDraft();

  return (
    <EmptyState
      mt="xl"
      icon={<IconAlertTriangle />}
      title={t('oauthResult.title')}
      description={t(`oauthResult.codes.${code}`)}
      data-testid="oauth-result"
      data-code={code}
    >
      <Group justify="center" gap="sm">
        <Button
          leftSection={<IconRefresh size={16} />}
          onClick={() => (draft ? startOAuth(draft) : openNewAccount())}
          data-testid="oauth-retry"
        >
          {t('oauthResult.retry')}
        </Button>
        <Button component={Link} to="/mailboxes" variant="default">
          {t('mailbox.pageTitle')}
        </Button>
      </Group>
    </EmptyState>
  );
}
