import { ActionIcon, Group as MantineGroup, Menu, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconDots, IconFilter, IconFolder, IconList, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group, GroupObject } from '../api/api-types.ts';
import { groupsApi } from '../api/groups.api.ts';
import { ConfirmModal } from '../common/confirm-modal.tsx';
import { notifyError, notifySuccess } from '../common/notify.ts';
import { ChooseMembersModal, type MemberOption } from './choose-members-modal.tsx';
import { GroupFormModal } from './group-form-modal.tsx';

interface Props {
  object: GroupObject;
  groups: Group[];
  selectedId: string | null;
  onSelect(id: string | null): void;
  /** Groups changed (created, renamed, deleted). */
  onGroupsChanged(): void;
  /** Members of a group changed: the list must reload. */
  onMembersChanged(): void;
  searchRecords(q: string): Promise<MemberOption[]>;
}

type Editing = { kind: Group['kind']; group: Group | null } | null;

/** Side panel of groups: pick one to filter the list; create, edit, delete; choose members of static ones. */
export function GroupPanel(props: Props) {
  const { object, groups, selectedId, onSelect, onGroupsChanged, onMembersChanged, searchRecords } = props;
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Group | null>(null);
  const [choosing, setChoosing] = useState<Group | null>(null);

  const remove = async (group: Group) => {
    try {
      await groupsApi.remove(group.id);
      notifySuccess(t('groups.deleted'));
      if (selectedId === group.id) onSelect(null);
      onGroupsChanged();
    } catch (error) {
      notifyError(t, error);
    }
  };

  return (
    <Stack gap={4} data-testid="group-panel">
      <MantineGroup justify="space-between" wrap="nowrap">
        <Text fw={700} size="sm">
          {t('groups.title')}
        </Text>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" aria-label={t('groups.new')} data-testid="group-new">
              <IconPlus size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              leftSection={<IconFolder size={16} />}
              onClick={() => setEditing({ kind: 'static', group: null })}
              data-testid="group-new-static"
            >
              {t('groups.newStatic')}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconFilter size={16} />}
              onClick={() => setEditing({ kind: 'dynamic', group: null })}
              data-testid="group-new-dynamic"
            >
              {t('groups.newDynamic')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </MantineGroup>
      <ScrollArea.Autosize mah="calc(100vh - 220px)">
        <NavLink
          label={t('groups.all')}
          leftSection={<IconList size={16} />}
          active={selectedId === null}
          onClick={() => onSelect(null)}
          data-testid="group-all"
        />
        {groups.map((group) => (
          <NavLink
            key={group.id}
            label={group.name}
            description={group.kind === 'static' ? t('groups.static') : t('groups.dynamic')}
            leftSection={group.kind === 'static' ? <IconFolder size={16} /> : <IconFilter size={16} />}
            active={selectedId === group.id}
            onClick={() => onSelect(group.id)}
            data-testid="group-item"
            rightSection={
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon
                    variant="subtle"
                    size="sm"
                    aria-label={t('groups.menu', { name: group.name })}
                    onClick={(event) => event.stopPropagation()}
                  >
                    <IconDots size={14} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown onClick={(event) => event.stopPropagation()}>
                  <Menu.Item onClick={() => setEditing({ kind: group.kind, group })}>
                    {group.kind === 'dynamic' ? t('groups.editFilter') : t('groups.rename')}
                  </Menu.Item>
                  {group.kind === 'static' && (
                    <Menu.Item onClick={() => setChoosing(group)}>{t('groups.chooseMembers')}</Menu.Item>
                  )}
                  <Menu.Divider />
                  <Menu.Item color="red" onClick={() => setDeleting(group)}>
                    {t('common.delete')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            }
          />
        ))}
        {groups.length === 0 && (
          <Text size="xs" c="dimmed" px="sm" py="xs">
            {t('groups.none')}
          </Text>
        )}
      </ScrollArea.Autosize>

      <GroupFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        object={object}
        kind={editing?.kind ?? 'static'}
        group={editing?.group ?? null}
        onSaved={(saved) => {
          onGroupsChanged();
          onMembersChanged();
          onSelect(saved.id);
        }}
      />
      <ChooseMembersModal
        opened={choosing !== null}
        onClose={() => setChoosing(null)}
        group={choosing}
        search={searchRecords}
        onAdded={onMembersChanged}
      />
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        text={t('common.confirmDeleteText', { name: deleting?.name ?? '' })}
        onConfirm={async () => {
          if (deleting) await remove(deleting);
        }}
      />
    </Stack>
  );
}
