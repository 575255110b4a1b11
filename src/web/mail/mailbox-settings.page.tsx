import { Alert, Button, Checkbox, Group, Paper, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconDeviceFloppy, IconHeartbeat, IconList } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/api-client.ts';
import { groupsApi } from '../api/groups.api.ts';
import { mailboxesApi, mailServicesApi } from '../api/mail.api.ts';
import type { ConflictPolicy, SyncSettings } from '../api/mail-types.ts';
import { notifySuccess } from '../common/notify.ts';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { useFieldErrors } from '../common/use-field-errors.hook.ts';
import { ContactsSyncPanel } from '../sync/contacts-sync-panel.tsx';
import { DeletionGuardBanner } from '../sync/deletion-guard-banner.tsx';
import { useSyncRuns } from '../sync/use-sync-runs.hook.ts';
import { foldersProblemOf } from './mail-errors.ts';
import { MailboxPageHeader } from './mailbox-page-header.tsx';
import { MailboxStateBadge } from './mailbox-state-badge.tsx';
import { SettingsActivitiesTab } from './settings-activities.tab.tsx';
import { SettingsContactsTab } from './settings-contacts.tab.tsx';
import { SettingsMailTab } from './settings-mail.tab.tsx';
import { SETTINGS_TABS, type SettingsSection, type SettingsTabProps, tabOfField } from './sync-settings-form.ts';

const POLICIES: ConflictPolicy[] = ['lastWriterWins', 'crmWins', 'exchangeWins'];

/**
 * «Настройка <email>» (MB-2): tabs «Почта», «Встречи и задачи», «Контакты» over `GET|PUT
 * /api/mailboxes/:id/sync-settings`, with folder pickers from the mailbox and CRM groups; `?tab=` opens a tab
 * (Actions menus), `?connected=1` greets a freshly connected mailbox. The «Контакты» tab also runs the sync now
 * and shows its progress (CT-5); deletions held back by the mass-deletion guard are asked about above the tabs.
 */
export function MailboxSettingsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const errors = useFieldErrors();
  const mailbox = useAsync(() => mailboxesApi.get(id), [id]);
  const loaded = useAsync(() => mailboxesApi.syncSettings(id), [id]);
  // The folder list comes from the remote server: it may be slow or unreachable; the page works without it.
  const folders = useAsync(() => mailboxesApi.folders(id), [id]);
  const contactGroups = useAsync(() => groupsApi.list('contact'), []);
  const activityGroups = useAsync(() => groupsApi.list('activity'), []);
  const serviceId = mailbox.data?.mailServiceId;
  const service = useAsync(
    () => (serviceId ? mailServicesApi.get(serviceId).catch(() => undefined) : Promise.resolve(undefined)),
    [serviceId],
  );
  const [settings, setSettings] = useState<SyncSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const requested = params.get('tab') as SettingsSection | null;
  const [tab, setTab] = useState<string>(requested && SETTINGS_TABS.includes(requested) ? requested : 'mail');
  // A run that ends may have held deletions back (or applied them): the guard banner looks again.
  const [guardKey, setGuardKey] = useState(0);
  const bumpGuard = useCallback(() => setGuardKey((n) => n + 1), []);
  const contactRuns = useSyncRuns(id, 'contacts', 1, bumpGuard);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another mailbox's settings load.
  useEffect(() => {
    setSettings(loaded.data ?? null);
    errors.clear();
  }, [loaded.data]);

  if (mailbox.loading || loaded.loading) return <PageLoader />;
  if (mailbox.error) return <LoadError error={mailbox.error} onRetry={mailbox.reload} />;
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!settings || !mailbox.data) return <PageLoader />;

  const update: SettingsTabProps['update'] = (section, patch) =>
    setSettings((prev) => (prev ? { ...prev, [section]: { ...prev[section], ...patch } } : prev));

  const save = async () => {
    setSaving(true);
    errors.clear();
    try {
      const saved = await mailboxesApi.saveSyncSettings(id, settings);
      loaded.setData(saved);
      notifySuccess(t('mailboxSettings.saved'));
    } catch (error) {
      errors.handle(error);
      const owner = tabOfField(error instanceof ApiError ? error.field : undefined);
      if (owner) setTab(owner);
    } finally {
      setSaving(false);
    }
  };

  const dismissConnected = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('connected');
        return next;
      },
      { replace: true },
    );

  const tabProps = (section: SettingsSection): SettingsTabProps => ({
    settings,
    update,
    errors,
    folders: folders.data,
    foldersProblem: folders.error ? foldersProblemOf(t, folders.error) : undefined,
    groups: (section === 'contacts' ? contactGroups.data?.items : activityGroups.data?.items) ?? [],
    service: service.data,
  });

  return (
    <div data-testid="mailbox-settings-page">
      <MailboxPageHeader
        title={t('mailboxSettings.title', { email: mailbox.data.email })}
        linkTo={`/mailboxes/${id}/health`}
        linkIcon={<IconHeartbeat size={16} />}
        linkLabel={t('mailbox.health')}
        linkTestId="settings-health"
      >
        <Button
          component={Link}
          to={`/mailboxes/${id}/journal`}
          variant="default"
          leftSection={<IconList size={16} />}
          data-testid="settings-journal"
        >
          {t('sync.journal')}
        </Button>
        <Button
          leftSection={<IconDeviceFloppy size={16} />}
          onClick={save}
          loading={saving}
          data-testid="settings-save"
        >
          {t('common.save')}
        </Button>
      </MailboxPageHeader>
      <Group gap="xs" mb="md">
        <Text size="sm" c="dimmed">
          {mailbox.data.mailServiceName}
        </Text>
        <MailboxStateBadge state={mailbox.data.state} />
      </Group>
      {params.get('connected') === '1' && (
        <Alert
          color="teal"
          icon={<IconCircleCheck />}
          title={t('mailboxSettings.connectedTitle')}
          withCloseButton
          onClose={dismissConnected}
          mb="md"
          data-testid="settings-connected"
        >
          {t('mailboxSettings.connectedText', { email: mailbox.data.email })}
        </Alert>
      )}
      <Stack gap="md" maw={880}>
        <DeletionGuardBanner mailboxId={id} kind="contacts" reloadKey={guardKey} onChanged={contactRuns.reload} />
        <Tabs value={tab} onChange={(next) => setTab(next ?? 'mail')} keepMounted={false}>
          <Tabs.List mb="md">
            {SETTINGS_TABS.map((section) => (
              <Tabs.Tab key={section} value={section} data-testid={`settings-tab-${section}`}>
                {t(`mailboxSettings.tabs.${section}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="mail">
            <Paper withBorder p="md">
              <SettingsMailTab {...tabProps('mail')} />
            </Paper>
          </Tabs.Panel>
          <Tabs.Panel value="activities">
            <Paper withBorder p="md">
              <SettingsActivitiesTab {...tabProps('activities')} />
            </Paper>
          </Tabs.Panel>
          <Tabs.Panel value="contacts">
            <ContactsSyncPanel mailboxId={id} runs={contactRuns} />
            <Paper withBorder p="md">
              <SettingsContactsTab {...tabProps('contacts')} />
            </Paper>
          </Tabs.Panel>
        </Tabs>
        <Paper withBorder p="md" data-testid="settings-both-sides">
          <Title order={5} mb="sm">
            {t('mailboxSettings.bothSides')}
          </Title>
          <Stack gap="sm">
            <Select
              label={t('mailboxSettings.conflictPolicy')}
              description={t('mailboxSettings.conflictPolicyHint')}
              data={POLICIES.map((value) => ({ value, label: t(`mailboxSettings.policies.${value}`) }))}
              value={settings.conflictPolicy}
              onChange={(value) => value && setSettings({ ...settings, conflictPolicy: value as ConflictPolicy })}
              allowDeselect={false}
              maw={420}
              error={errors.errorFor('conflictPolicy')}
              data-testid="settings-conflict-policy"
            />
            <Checkbox
              label={t('mailboxSettings.deletionsToCrm')}
              checked={settings.deletions.toCrm}
              onChange={(event) =>
                setSettings({ ...settings, deletions: { ...settings.deletions, toCrm: event.currentTarget.checked } })
              }
              error={errors.errorFor('deletions.toCrm')}
              data-testid="settings-deletions-to-crm"
            />
            <Checkbox
              label={t('mailboxSettings.deletionsToExchange')}
              checked={settings.deletions.toExchange}
              onChange={(event) =>
                setSettings({
                  ...settings,
                  deletions: { ...settings.deletions, toExchange: event.currentTarget.checked },
                })
              }
              error={errors.errorFor('deletions.toExchange')}
              data-testid="settings-deletions-to-exchange"
            />
          </Stack>
        </Paper>
      </Stack>
    </div>
  );
}
