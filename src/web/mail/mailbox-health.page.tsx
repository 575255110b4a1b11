import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconList, IconLogin2, IconPlugConnected, IconSettings } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { mailboxesApi } from '../api/mail.api.ts';
import { formatDateTime } from '../common/date-time.ts';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { RunSummary } from '../sync/run-summary.tsx';
import { useSyncRuns } from '../sync/use-sync-runs.hook.ts';
import { connectionMessage, notifyConnectionResult, notifyMailError } from './mail-errors.ts';
import { MailboxPageHeader } from './mailbox-page-header.tsx';
import { MailboxStateBadge } from './mailbox-state-badge.tsx';
import { startOAuth } from './oauth-draft.ts';
import { useMailboxes } from './use-mailboxes.hook.ts';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/**
 * Mailbox health (MB-5): connection state, token expiry, the last connection test and its result, «Проверить
 * подключение», and the last contact sync run with the way to the journal. Runs of the other kinds, push
 * subscriptions and the test email join it when they exist.
 */
export function MailboxHealthPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const { reload: reloadMailboxes } = useMailboxes();
  const mailbox = useAsync(() => mailboxesApi.get(id), [id]);
  const health = useAsync(() => mailboxesApi.health(id), [id]);
  const contactRuns = useSyncRuns(id, 'contacts', 1);
  const [testing, setTesting] = useState(false);

  if (mailbox.loading || (health.loading && !health.data)) return <PageLoader />;
  if (mailbox.error) return <LoadError error={mailbox.error} onRetry={mailbox.reload} />;
  if (health.error) return <LoadError error={health.error} onRetry={health.reload} />;
  const data = health.data;
  if (!data || !mailbox.data) return <PageLoader />;
  const when = (iso: string | null | undefined) => formatDateTime(iso, i18n.language, user.timeZone);

  const test = async () => {
    setTesting(true);
    try {
      notifyConnectionResult(t, await mailboxesApi.test(id));
      health.reload();
      reloadMailboxes();
    } catch (error) {
      notifyMailError(t, error);
    } finally {
      setTesting(false);
    }
  };

  const last = data.lastTest;
  return (
    <div data-testid="mailbox-health-page">
      <MailboxPageHeader
        title={t('health.title', { email: mailbox.data.email })}
        linkTo={`/mailboxes/${id}/settings`}
        linkIcon={<IconSettings size={16} />}
        linkLabel={t('mailbox.settings')}
      >
        <Button
          component={Link}
          to={`/mailboxes/${id}/journal`}
          variant="default"
          leftSection={<IconList size={16} />}
          data-testid="health-journal"
        >
          {t('sync.journal')}
        </Button>
        <Button
          leftSection={<IconPlugConnected size={16} />}
          onClick={test}
          loading={testing}
          data-testid="health-test"
        >
          {t('mailbox.testConnection')}
        </Button>
      </MailboxPageHeader>
      <Stack maw={880} gap="md">
        {data.state === 'needsSignIn' && (
          <Alert color="orange" title={t('mailbox.states.needsSignIn')}>
            <Group justify="space-between">
              <Text size="sm">{t('mailbox.needsSignInText', { email: mailbox.data.email })}</Text>
              <Button
                size="xs"
                color="orange"
                leftSection={<IconLogin2 size={14} />}
                onClick={() => startOAuth({ mailboxId: id, email: mailbox.data?.email })}
              >
                {t('mailbox.signInAgain')}
              </Button>
            </Group>
          </Alert>
        )}
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Fact label={t('health.connection')} testId="health-state">
              <Group gap="xs">
                <MailboxStateBadge state={data.state} />
                <Text size="sm" c="dimmed">
                  {t(`health.stateText.${data.state}`, { defaultValue: '' })}
                </Text>
              </Group>
            </Fact>
            <Fact label={t('health.provider')} testId="health-provider">
              {mailbox.data.mailServiceName ?? ''}
            </Fact>
            <Fact label={t('health.tokenExpires')} testId="health-token">
              {data.tokenExpiresAt ? when(data.tokenExpiresAt) : t('health.noToken')}
            </Fact>
            <Fact label={t('health.subscription')} testId="health-subscription">
              {data.subscription ? t('health.subscribed') : t('health.noSubscription')}
            </Fact>
            <Fact label={t('health.lastTest')} testId="health-last-test">
              {last ? (
                <Stack gap={2}>
                  <Text size="sm">{when(last.at)}</Text>
                  <Text size="sm" c={last.ok ? 'teal' : 'red'} data-testid="health-last-result">
                    {connectionMessage(t, last.code, last.message)}
                  </Text>
                </Stack>
              ) : (
                t('health.neverTested')
              )}
            </Fact>
            <Fact label={t('sync.health.contacts')} testId="health-contacts-sync">
              <Stack gap={4}>
                {contactRuns.latest ? <RunSummary run={contactRuns.latest} /> : t('sync.health.never')}
                <Anchor component={Link} to={`/mailboxes/${id}/journal`} size="sm">
                  {t('sync.openJournal')}
                </Anchor>
              </Stack>
            </Fact>
          </SimpleGrid>
        </Paper>
        <Alert color="gray" icon={<IconInfoCircle />} p="sm">
          {t('health.moreLater')}
        </Alert>
      </Stack>
    </div>
  );
}
