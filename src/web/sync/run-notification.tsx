import { Anchor, Stack, Text } from '@mantine/core';
import { type NotificationData, notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { RunCounts } from './run-counts.tsx';
import { runErrorText } from './run-error-text.ts';
import { followRun, isFinished, subscribeRuns } from './run-follower.ts';
import type { SyncRun } from './sync-types.ts';

interface NoticeOptions {
  /** Named in the title when the user has more than one mailbox. */
  email?: string;
  /** In-app navigation: toasts render outside the router, so links get it from the page that started the run. */
  navigate(path: string): void;
}

/** A link inside a toast that navigates within the app (and still opens in a new tab with a middle click). */
function NoticeLink({ to, label, testId, navigate }: { to: string; label: string; testId: string } & NoticeOptions) {
  return (
    <Anchor
      href={to}
      size="sm"
      data-testid={testId}
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
    >
      {label}
    </Anchor>
  );
}

/** The toast's body for one state of the run. */
function RunNotice({ run, navigate }: { run: SyncRun } & NoticeOptions) {
  const { t } = useTranslation();
  const journal = `/mailboxes/${run.mailboxId}/journal?runId=${run.id}`;
  return (
    <Stack gap={4} data-testid="sync-run-notice" data-state={run.state} data-run-id={run.id}>
      {run.state === 'queued' && <Text size="sm">{t('sync.notify.queued')}</Text>}
      {run.state === 'running' && <Text size="sm">{t('sync.notify.progress', { ...run.counts })}</Text>}
      {!isFinished(run) && run.error && (
        <Text size="xs" c="dimmed">
          {t('sync.retrying', { reason: runErrorText(t, run.error) })}
        </Text>
      )}
      {run.state === 'failed' && run.error && (
        <Text size="sm" data-testid="sync-run-error">
          {runErrorText(t, run.error)}
        </Text>
      )}
      {run.state === 'needsConfirmation' && <Text size="sm">{t('sync.notify.needsConfirmationText')}</Text>}
      {isFinished(run) && <RunCounts run={run} size="xs" />}
      {run.state === 'needsConfirmation' ? (
        <NoticeLink
          to={`/mailboxes/${run.mailboxId}/settings?tab=contacts`}
          label={t('sync.notify.review')}
          testId="sync-run-review"
          navigate={navigate}
        />
      ) : (
        isFinished(run) && (
          <NoticeLink to={journal} label={t('sync.openJournal')} testId="sync-run-journal" navigate={navigate} />
        )
      )}
    </Stack>
  );
}

/** Title, colour and lifetime of the toast for the run's state. */
function TitleOf({ run, email }: { run: SyncRun; email?: string }) {
  const { t } = useTranslation();
  if (run.state === 'succeeded') return <>{t('sync.notify.succeeded')}</>;
  if (run.state === 'failed') return <>{t('sync.notify.failed')}</>;
  if (run.state === 'needsConfirmation') return <>{t('sync.notify.needsConfirmation')}</>;
  return <>{email ? t('sync.notify.titleOf', { email }) : t('sync.notify.title')}</>;
}

const COLORS: Record<SyncRun['state'], string> = {
  queued: 'blue',
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  needsConfirmation: 'orange',
};

/** Runs whose toast is on screen (or was closed by the user), so a second click does not open a second one. */
const noticed = new Map<string, { closed: boolean }>();

/**
 * A toast that follows a run (CT-5): «Синхронизация… создано N, обновлено M…» while it goes, then the result —
 * the counts, the error, or a link to confirm the deletions the guard held back. Successful runs close by themselves;
 * a failure or a question stays until the user closes it. A toast closed early comes back with the result.
 */
export function notifyRun(run: SyncRun, options: NoticeOptions): void {
  const id = `sync-run-${run.id}`;
  const data = (r: SyncRun): NotificationData => ({
    id,
    color: COLORS[r.state],
    loading: !isFinished(r),
    title: <TitleOf run={r} email={options.email} />,
    message: <RunNotice run={r} navigate={options.navigate} />,
    autoClose: r.state === 'succeeded' ? 10_000 : false,
    withCloseButton: true,
    onClose: () => {
      const entry = noticed.get(r.id);
      if (entry) entry.closed = true;
    },
  });
  if (!noticed.has(run.id)) {
    noticed.set(run.id, { closed: false });
    notifications.show(data(run));
  }
  const stop = subscribeRuns((event) => {
    if (event.type === 'lost') {
      if (event.runId !== run.id) return;
      stop();
      noticed.delete(run.id);
      notifications.hide(id);
      notifications.show({ color: 'red', title: <TitleOf run={run} />, message: <LostNotice /> });
      return;
    }
    if (event.run.id !== run.id) return;
    const entry = noticed.get(run.id);
    if (isFinished(event.run)) {
      stop();
      noticed.delete(run.id);
      if (entry?.closed) notifications.show(data(event.run));
      else notifications.update(data(event.run));
    } else if (!entry?.closed) {
      notifications.update(data(event.run));
    }
  });
  followRun(run);
}

function LostNotice() {
  const { t } = useTranslation();
  return <Text size="sm">{t('sync.notify.lost')}</Text>;
}
