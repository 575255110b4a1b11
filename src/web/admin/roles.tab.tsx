import { Badge, Group, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rolesApi, systemOperationsApi } from '../api/admin.api.ts';
import type { Role } from '../api/api-types.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { AdminTable, AdminToolbar, listLoadState, RowActions, removeRow } from './admin-list.tsx';
import { RoleFormModal } from './role-form-modal.tsx';
import { operationName } from './system-operation-name.ts';

/** Roles and the system operations each grants; built-in roles cannot be deleted. */
export function RolesTab() {
  const { t, i18n } = useTranslation();
  const roles = useAsync(() => rolesApi.list(), []);
  const operations = useAsync(() => systemOperationsApi.list(), []);
  const [editing, setEditing] = useState<Role | 'new' | null>(null);

  const loadState = listLoadState(roles);
  if (loadState) return loadState;

  return (
    <div data-testid="admin-roles">
      <AdminToolbar addLabel={t('admin.newRole')} onAdd={() => setEditing('new')} addTestId="role-new" />
      <AdminTable
        minWidth={640}
        head={
          <>
            <Table.Th>{t('admin.roleName')}</Table.Th>
            <Table.Th>{t('admin.operations')}</Table.Th>
          </>
        }
      >
        {(roles.data?.items ?? []).map((role) => (
          <Table.Tr key={role.id} data-testid="role-row">
            <Table.Td>
              <Group gap="xs">
                {role.name}
                {role.builtIn && (
                  <Badge size="xs" variant="outline" color="gray">
                    {t('admin.builtIn')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {role.operations.map((code) => (
                  <Badge key={code} variant="light" size="sm" tt="none">
                    {operationName(operations.data?.items, code, i18n.language)}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <RowActions
              onEdit={() => setEditing(role)}
              deleteName={role.builtIn ? undefined : role.name}
              onDelete={() => removeRow(t, () => rolesApi.remove(role.id), roles.reload)}
            />
          </Table.Tr>
        ))}
      </AdminTable>
      <RoleFormModal
        opened={editing !== null}
        role={editing === 'new' ? null : editing}
        operations={operations.data?.items ?? []}
        onClose={() => setEditing(null)}
        onSaved={roles.reload}
      />
    </div>
  );
}
