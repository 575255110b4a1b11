import { Button, Loader, Group as MantineGroup, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterGroup, Group, GroupObject } from '../api/api-types.ts';
import { groupsApi } from '../api/groups.api.ts';
import { notifySuccess } from '../common/notify.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { useFieldErrors } from '../common/use-field-errors.hook.ts';
import { FilterEditor } from './filter-editor.tsx';

interface Props {
  opened: boolean;
  onClose(): void;
  object: GroupObject;
  kind: Group['kind'];
  /** The group being edited; absent when creating one. */
  group?: Group | null;
  onSaved(group: Group): void;
}

const EMPTY_FILTER: FilterGroup = { logic: 'and', conditions: [] };

/** Create or edit a group: a name, and for dynamic groups the filter. */
export function GroupFormModal({ opened, onClose, object, kind, group, onSaved }: Props) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [name, setName] = useState('');
  const [filter, setFilter] = useState<FilterGroup>(EMPTY_FILTER);
  const [saving, setSaving] = useState(false);
  const fields = useAsync(
    () => (kind === 'dynamic' ? groupsApi.filterFields(object).then((r) => r.fields) : Promise.resolve([])),
    [object, kind],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time it opens.
  useEffect(() => {
    if (!opened) return;
    setName(group?.name ?? '');
    setFilter(group?.filter ?? EMPTY_FILTER);
    errors.clear();
  }, [opened, group]);

  const save = async () => {
    setSaving(true);
    errors.clear();
    try {
      const input = { name: name.trim(), ...(kind === 'dynamic' ? { filter } : {}) };
      const saved = group
        ? await groupsApi.update(group.id, input)
        : await groupsApi.create({ ...input, object, kind });
      notifySuccess(t('groups.saved'));
      onSaved(saved);
      onClose();
    } catch (error) {
      errors.handle(error);
    } finally {
      setSaving(false);
    }
  };

  const title = group ? t('groups.edit') : kind === 'static' ? t('groups.newStatic') : t('groups.newDynamic');

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={kind === 'dynamic' ? 'xl' : 'md'}
      data-testid="group-form"
    >
      <Stack>
        <TextInput
          label={t('groups.name')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.errorFor('name')}
          required
          data-autofocus
          data-testid="group-name"
        />
        {kind === 'dynamic' &&
          (fields.loading ? (
            <Loader size="sm" />
          ) : (
            <div>
              <FilterEditor value={filter} onChange={setFilter} fields={fields.data ?? []} />
              {errors.errorFor('filter') && (
                <div style={{ color: 'var(--mantine-color-red-6)' }}>{errors.errorFor('filter')}</div>
              )}
            </div>
          ))}
        <MantineGroup justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={saving} disabled={!name.trim()} data-testid="group-save">
            {t('common.save')}
          </Button>
        </MantineGroup>
      </Stack>
    </Modal>
  );
}
