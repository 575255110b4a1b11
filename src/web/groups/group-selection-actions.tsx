import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconFolderMinus, IconFolderPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Group } from '../api/api-types.ts';
import { groupsApi } from '../api/groups.api.ts';
import { notifyError, notifySuccess } from '../common/notify.ts';

interface Props {
  groups: Group[];
  /** The group the list is showing, if any. */
  current: Group | null;
  selection: string[];
  onDone(): void;
}

/** "Add selected to group" and, inside a static group, "Remove from group" for the checked rows. */
export function GroupSelectionActions({ groups, current, selection, onDone }: Props) {
  const { t } = useTranslation();
  const staticGroups = groups.filter((g) => g.kind === 'static');

  const addTo = async (group: Group) => {
    try {
      await groupsApi.addMembers(group.id, selection);
      notifySuccess(t('groups.membersAdded', { count: selection.length }));
      onDone();
    } catch (error) {
      notifyError(t, error);
    }
  };

  const removeFromCurrent = async () => {
    if (!current) return;
    try {
      for (const id of selection) await groupsApi.removeMember(current.id, id);
      notifySuccess(t('groups.membersRemoved', { count: selection.length }));
      onDone();
    } catch (error) {
      notifyError(t, error);
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconFolderPlus size={16} />}
            rightSection={<IconChevronDown size={14} />}
            disabled={selection.length === 0}
            data-testid="add-to-group"
          >
            {t('groups.addSelected', { count: selection.length })}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {staticGroups.length === 0 && <Menu.Item disabled>{t('groups.noStatic')}</Menu.Item>}
          {staticGroups.map((group) => (
            <Menu.Item key={group.id} onClick={() => void addTo(group)} data-testid="add-to-group-item">
              {group.name}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {current?.kind === 'static' && (
        <Button
          variant="default"
          leftSection={<IconFolderMinus size={16} />}
          disabled={selection.length === 0}
          onClick={() => void removeFromCurrent()}
          data-testid="remove-from-group"
        >
          {t('groups.removeSelected')}
        </Button>
      )}
    </>
  );
}
