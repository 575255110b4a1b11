import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rolesApi } from '../api/admin.api.ts';
import type { Role, SystemOperation } from '../api/api-types.ts';
import { useFieldErrors } from '../common/use-field-errors.hook.ts';
import { useModalSave } from './admin-list.tsx';
import { operationName } from './system-operation-name.ts';

interface Props {
  opened: boolean;
  role: Role | null;
  operations: SystemOperation[];
  onClose(): void;
  onSaved(): void;
}

/** Create or edit a role: its name and the system operations it grants. */
export function RoleFormModal({ opened, role, operations, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const errors = useFieldErrors();
  const [name, setName] = useState('');
  const [codes, setCodes] = useState<string[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on open.
  useEffect(() => {
    if (!opened) return;
    errors.clear();
    setName(role?.name ?? '');
    setCodes(role?.operations ?? []);
  }, [opened, role]);

  const { saving, save } = useModalSave(
    errors,
    () => (role ? rolesApi.update(role.id, { name, operations: codes }) : rolesApi.create({ name, operations: codes })),
    onSaved,
    onClose,
  );

  return (
    <Modal opened={opened} onClose={onClose} title={role ? t('admin.editRole') : t('admin.newRole')}>
      <Stack data-testid="role-form">
        <TextInput
          label={t('admin.roleName')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.errorFor('name')}
          required
        />
        <Checkbox.Group
          label={t('admin.operations')}
          value={codes}
          onChange={setCodes}
          error={errors.errorFor('operations')}
        >
          <Stack gap="xs" mt="xs">
            {operations.map((op) => (
              <Checkbox key={op.code} value={op.code} label={operationName(operations, op.code, i18n.language)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={saving} disabled={!name.trim()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
