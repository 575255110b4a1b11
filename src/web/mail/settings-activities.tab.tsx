import { Checkbox, Input, Radio, Stack } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { FolderChoice } from './folder-choice.tsx';
import { GroupChecklist } from './group-checklist.tsx';
import type { SettingsTabProps } from './sync-settings-form.ts';

/** «Встречи и задачи»: import meetings (AC-1) and tasks (AC-2) from a date (AC-4), export (AC-5), auto (AC-7). */
export function SettingsActivitiesTab(props: SettingsTabProps) {
  const { settings, update, errors, folders, foldersProblem, groups } = props;
  const { t } = useTranslation();
  const activities = settings.activities;
  const scope = activities.exportScope === 'all' ? null : activities.exportScope;

  return (
    <Stack gap="md" data-testid="settings-activities">
      <Checkbox
        label={t('mailboxSettings.activitiesAuto')}
        checked={activities.auto}
        onChange={(event) => update('activities', { auto: event.currentTarget.checked })}
        error={errors.errorFor('activities.auto')}
        data-testid="activities-auto"
      />
      <DateInput
        label={t('mailboxSettings.activitiesImportFrom')}
        value={activities.importFrom}
        onChange={(importFrom) => update('activities', { importFrom })}
        valueFormat="DD.MM.YYYY"
        maw={260}
        error={errors.errorFor('activities.importFrom')}
        data-testid="activities-import-from"
      />
      <Checkbox
        label={t('mailboxSettings.meetingsImport')}
        checked={activities.importMeetings}
        onChange={(event) => update('activities', { importMeetings: event.currentTarget.checked })}
        error={errors.errorFor('activities.importMeetings')}
        data-testid="activities-import-meetings"
      />
      <Stack ml="lg">
        <FolderChoice
          value={activities.calendars}
          onChange={(calendars) => update('activities', { calendars })}
          allLabel={t('mailboxSettings.meetingsAll')}
          selectedLabel={t('mailboxSettings.meetingsSelected')}
          folders={folders?.calendars}
          foldersProblem={foldersProblem}
          disabled={!activities.importMeetings}
          error={errors.errorFor('activities.calendars')}
          testId="activities-calendars"
        />
      </Stack>
      <Checkbox
        label={t('mailboxSettings.tasksImport')}
        checked={activities.importTasks}
        onChange={(event) => update('activities', { importTasks: event.currentTarget.checked })}
        error={errors.errorFor('activities.importTasks')}
        data-testid="activities-import-tasks"
      />
      <Stack ml="lg">
        <FolderChoice
          value={activities.taskFolders}
          onChange={(taskFolders) => update('activities', { taskFolders })}
          allLabel={t('mailboxSettings.tasksAll')}
          selectedLabel={t('mailboxSettings.tasksSelected')}
          folders={folders?.tasks}
          foldersProblem={foldersProblem}
          disabled={!activities.importTasks}
          error={errors.errorFor('activities.taskFolders')}
          testId="activities-task-folders"
        />
      </Stack>
      <Checkbox
        label={t('mailboxSettings.activitiesExport')}
        checked={activities.export}
        onChange={(event) => update('activities', { export: event.currentTarget.checked })}
        error={errors.errorFor('activities.export')}
        data-testid="activities-export"
      />
      <Input.Wrapper ml="lg" error={errors.errorFor('activities.exportScope')}>
        <Radio.Group
          value={scope ? 'selected' : 'all'}
          onChange={(mode) => update('activities', { exportScope: mode === 'all' ? 'all' : { groupIds: [] } })}
        >
          <Stack gap={6}>
            <Radio
              value="all"
              label={t('mailboxSettings.activitiesExportAll')}
              disabled={!activities.export}
              data-testid="activities-export-all"
            />
            <Radio
              value="selected"
              label={t('mailboxSettings.activitiesExportSelected')}
              disabled={!activities.export}
              data-testid="activities-export-selected"
            />
          </Stack>
        </Radio.Group>
        {scope && (
          <Stack mt="xs" ml="lg">
            <GroupChecklist
              groups={groups}
              value={scope.groupIds}
              onChange={(groupIds) => update('activities', { exportScope: { groupIds } })}
              disabled={!activities.export}
              error={errors.errorFor('activities.exportScope.groupIds')}
              testId="activities-export-groups"
            />
          </Stack>
        )}
      </Input.Wrapper>
    </Stack>
  );
}
