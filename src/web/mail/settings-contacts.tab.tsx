import { Checkbox, Input, Radio, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FolderChoice } from './folder-choice.tsx';
import { GroupChecklist } from './group-checklist.tsx';
import type { SettingsTabProps } from './sync-settings-form.ts';

/** Contact types offered for export (CT-3): ids of the contact-type lookup. */
const EXPORT_TYPES = ['employee', 'customer'] as const;

/** «Контакты»: import (CT-1), export by types and groups (CT-3), automatic sync (CT-4). */
export function SettingsContactsTab(props: SettingsTabProps) {
  const { settings, update, errors, folders, foldersProblem, groups } = props;
  const { t } = useTranslation();
  const contacts = settings.contacts;
  const scope = contacts.exportScope === 'all' ? null : contacts.exportScope;
  // «Из групп» stays ticked while the user picks groups, even before the first one is chosen.
  const [fromGroups, setFromGroups] = useState(Boolean(scope?.groupIds.length));
  const setScope = (patch: Partial<{ types: string[]; groupIds: string[] }>) =>
    update('contacts', { exportScope: { types: scope?.types ?? [], groupIds: scope?.groupIds ?? [], ...patch } });

  return (
    <Stack gap="md" data-testid="settings-contacts">
      <Checkbox
        label={t('mailboxSettings.contactsAuto')}
        checked={contacts.auto}
        onChange={(event) => update('contacts', { auto: event.currentTarget.checked })}
        error={errors.errorFor('contacts.auto')}
        data-testid="contacts-auto"
      />
      <Checkbox
        label={t('mailboxSettings.contactsImport')}
        checked={contacts.import}
        onChange={(event) => update('contacts', { import: event.currentTarget.checked })}
        error={errors.errorFor('contacts.import')}
        data-testid="contacts-import"
      />
      <Stack ml="lg">
        <FolderChoice
          value={contacts.importFolders}
          onChange={(importFolders) => update('contacts', { importFolders })}
          allLabel={t('mailboxSettings.contactsAllFolders')}
          selectedLabel={t('mailboxSettings.contactsSelectedFolders')}
          folders={folders?.contacts}
          foldersProblem={foldersProblem}
          disabled={!contacts.import}
          error={errors.errorFor('contacts.importFolders')}
          testId="contacts-folders"
        />
      </Stack>
      <Checkbox
        label={t('mailboxSettings.contactsExport')}
        checked={contacts.export}
        onChange={(event) => update('contacts', { export: event.currentTarget.checked })}
        error={errors.errorFor('contacts.export')}
        data-testid="contacts-export"
      />
      <Input.Wrapper ml="lg" error={errors.errorFor('contacts.exportScope')}>
        <Radio.Group
          value={scope ? 'selected' : 'all'}
          onChange={(mode) => update('contacts', { exportScope: mode === 'all' ? 'all' : { types: [], groupIds: [] } })}
        >
          <Stack gap={6}>
            <Radio
              value="all"
              label={t('mailboxSettings.contactsExportAll')}
              disabled={!contacts.export}
              data-testid="contacts-export-all"
            />
            <Radio
              value="selected"
              label={t('mailboxSettings.contactsExportSelected')}
              disabled={!contacts.export}
              data-testid="contacts-export-selected"
            />
          </Stack>
        </Radio.Group>
        {scope && (
          <Stack gap={6} mt="xs" ml="lg" data-testid="contacts-export-scope">
            <Checkbox.Group value={scope.types} onChange={(types) => setScope({ types })}>
              <Stack gap={6}>
                {EXPORT_TYPES.map((type) => (
                  <Checkbox
                    key={type}
                    value={type}
                    label={t(`mailboxSettings.contactTypes.${type}`)}
                    disabled={!contacts.export}
                    data-testid={`contacts-export-type-${type}`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            <Checkbox
              label={t('mailboxSettings.fromGroups')}
              checked={fromGroups}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                setFromGroups(on);
                if (!on) setScope({ groupIds: [] });
              }}
              disabled={!contacts.export}
              data-testid="contacts-export-from-groups"
            />
            {fromGroups && (
              <Stack ml="lg">
                <GroupChecklist
                  groups={groups}
                  value={scope.groupIds}
                  onChange={(groupIds) => setScope({ groupIds })}
                  disabled={!contacts.export}
                  error={errors.errorFor('contacts.exportScope.groupIds')}
                  testId="contacts-export-groups"
                />
              </Stack>
            )}
          </Stack>
        )}
      </Input.Wrapper>
    </Stack>
  );
}
