import { Button, Group as MantineGroup, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group } from '../api/api-types.ts';
import { groupsApi } from '../api/groups.api.ts';
import { notifyError, notifySuccess } from '../common/notify.ts';

export interface MemberOption {
  value: string;
  label: string;
}

interface Props {
  opened: boolean;
  onClose(): void;
  group: Group | null;
  /** Finds records of the group's object by text. */
  search(q: string): Promise<MemberOption[]>;
  onAdded(): void;
}

/** Pick records by name and add them to a static group. */
export function ChooseMembersModal({ opened, onClose, group, search, onAdded }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const [options, setOptions] = useState<MemberOption[]>([]);
  const [chosen, setChosen] = useState<MemberOption[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (opened) {
      setChosen([]);
      setQuery('');
    }
  }, [opened]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: search is stable per page.
  useEffect(() => {
    if (!opened) return;
    let live = true;
    search(debounced)
      .then((found) => live && setOptions(found))
      .catch(() => live && setOptions([]));
    return () => {
      live = false;
    };
  }, [debounced, opened]);

  // Selected options must stay in data even when the current search does not return them.
  const data = [...chosen, ...options.filter((o) => !chosen.some((c) => c.value === o.value))];

  const add = async () => {
    if (!group) return;
    setSaving(true);
    try {
      await groupsApi.addMembers(
        group.id,
        chosen.map((c) => c.value),
      );
      notifySuccess(t('groups.membersAdded', { count: chosen.length }));
      onAdded();
      onClose();
    } catch (error) {
      notifyError(t, error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('groups.chooseMembers')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('groups.chooseMembersHint', { name: group?.name ?? '' })}
        </Text>
        <MultiSelect
          label={t('groups.members')}
          searchable
          data={data}
          value={chosen.map((c) => c.value)}
          onChange={(ids) => setChosen(ids.map((id) => data.find((o) => o.value === id) ?? { value: id, label: id }))}
          searchValue={query}
          onSearchChange={setQuery}
          filter={({ options: all }) => all}
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="members-select"
        />
        <MantineGroup justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={add} loading={saving} disabled={chosen.length === 0} data-testid="members-add">
            {t('groups.addMembers')}
          </Button>
        </MantineGroup>
      </Stack>
    </Modal>
  );
}
