import { Alert, Checkbox, Stack } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FolderChoice } from './folder-choice.tsx';
import type { SettingsTabProps } from './sync-settings-form.ts';

/** «Почта»: download mail of this mailbox (ML-1), from a date and from chosen folders (ML-5). */
export function SettingsMailTab({ settings, update, errors, folders, foldersProblem, service }: SettingsTabProps) {
  const { t } = useTranslation();
  const mail = settings.mail;
  const serviceDownloads = service?.downloadEmails !== false;
  return (
    <Stack gap="md" data-testid="settings-mail">
      {!serviceDownloads && (
        <Alert color="gray" icon={<IconInfoCircle />} p="xs">
          {t('mailboxSettings.serviceNoDownload', { name: service?.name ?? '' })}
        </Alert>
      )}
      <Checkbox
        label={t('mailboxSettings.mailDownload')}
        checked={mail.download}
        onChange={(event) => update('mail', { download: event.currentTarget.checked })}
        disabled={!serviceDownloads}
        error={errors.errorFor('mail.download')}
        data-testid="mail-download"
      />
      <DateInput
        label={t('mailboxSettings.mailSince')}
        value={mail.since}
        onChange={(since) => update('mail', { since })}
        valueFormat="DD.MM.YYYY"
        maw={260}
        disabled={!mail.download}
        error={errors.errorFor('mail.since')}
        data-testid="mail-since"
      />
      <FolderChoice
        value={mail.folders}
        onChange={(folders) => update('mail', { folders })}
        allLabel={t('mailboxSettings.mailAllFolders')}
        selectedLabel={t('mailboxSettings.mailSelectedFolders')}
        folders={folders?.mail}
        foldersProblem={foldersProblem}
        disabled={!mail.download}
        error={errors.errorFor('mail.folders')}
        testId="mail-folders"
      />
    </Stack>
  );
}
