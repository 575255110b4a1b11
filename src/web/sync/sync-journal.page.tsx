import { Button, Stack, Tabs } from '@mantine/core';
import { IconRefresh, IconSettings } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { mailboxesApi } from '../api/mail.api.ts';
import { notifyError } from '../common/notify.ts';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { MailboxPageHeader } from '../mail/mailbox-page-header.tsx';
import { ConflictsTab } from './conflicts.tab.tsx';
import { DeletionGuardBanner } from './deletion-guard-banner.tsx';
import { JournalTab } from './journal.tab.tsx';
import { isFinished } from './run-follower.ts';
import { useSyncRuns } from './use-sync-runs.hook.ts';

/** How many recent runs the page lists. */
const RUNS = 20;

/**
 * «Журнал синхронизации <email>» (MB-5, DESIGN §3): the mailbox's contact sync as it happened — recent runs with live
 * counts, every action and skip with its reason and rule, and the conflicts with both versions. Deletions held back by
 * the mass-deletion guard are asked about on top. `?tab=conflicts` opens the conflicts.
 */
export function SyncJournalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const mailbox = useAsync(() => mailboxesApi.get(id), [id]);
  // Bumped when a run ends or deletions are decided: journal, conflicts and the guard banner look again.
  const [dataKey, setDataKey] = useState(0);
  const bump = useCallback(() => setDataKey((n) => n + 1), []);
  const runs = useSyncRuns(id, 'contacts', RUNS, bump);
  const tab = params.get('tab') === 'conflicts' ? 'conflicts' : 'journal';

  if (mailbox.loading) return <PageLoader />;
  if (mailbox.error) return <LoadError error={mailbox.error} onRetry={mailbox.reload} />;
  if (!mailbox.data) return <PageLoader />;

  const active = runs.latest !== null && !isFinished(runs.latest);
  const start = async () => {
    try {
      await runs.start();
    } catch (error) {
      notifyError(t, error);
    }
  };
  const setTab = (next: string | null) =>
    setParams(
      (prev) => {
        const query = new URLSearchParams(prev);
        if (next === 'conflicts') query.set('tab', 'conflicts');
        else query.delete('tab');
        return query;
      },
      { replace: true },
    );
  const changed = () => {
    bump();
    runs.reload();
  };

  return (
    <div data-testid="sync-journal-page">
      <MailboxPageHeader
        title={t('sync.journalTitle', { email: mailbox.data.email })}
        linkTo={`/mailboxes/${id}/settings?tab=contacts`}
        linkIcon={<IconSettings size={16} />}
        linkLabel={t('mailbox.settings')}
        linkTestId="journal-settings"
      >
        <Button
          leftSection={<IconRefresh size={16} />}
          onClick={start}
          loading={runs.starting || active}
          data-testid="journal-sync-now"
        >
          {t('sync.runNow')}
        </Button>
      </MailboxPageHeader>
      <Stack gap="md">
        <DeletionGuardBanner mailboxId={id} kind="contacts" reloadKey={dataKey} onChanged={changed} />
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="journal" data-testid="journal-tab-journal">
              {t('sync.tabs.journal')}
            </Tabs.Tab>
            <Tabs.Tab value="conflicts" data-testid="journal-tab-conflicts">
              {t('sync.tabs.conflicts')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="journal">
            <JournalTab mailboxId={id} runs={runs.runs} reloadKey={dataKey} />
          </Tabs.Panel>
          <Tabs.Panel value="conflicts">
            <ConflictsTab mailboxId={id} reloadKey={dataKey} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </div>
  );
}
