import { Badge, Button, Group, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rolesApi, systemOperationsApi } from '../api/admin.api.ts';
import type { Role } from '../api/api-types.ts';
import { ConfirmDeleteButton } from '../common/confirm-delete-button.tsx';
import { notifyError, notifySuccess } from '../common/notify.ts';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { RoleFormModal } from './role-form-modal.tsx';
import { operationName } from './system-operation-name.ts';

/** Roles and the system operations each grants; built-in roles cannot be deleted. */
export function RolesTab() {
  const { t, i18n } = useTranslation();
  const roles = useAsync(() => rolesApi.list(), []);
  const operations = useAsync(() => systemOperationsApi.list(), []);
  const [editing, setEditing] = useState<Role | 'new' | null>(null);

  if (roles.loading && !roles.data) return <PageLoader />;
  if (roles.error) return <LoadError error={roles.error} onRetry={roles.reload} />;

  const remove = async (role: Role) => {
    try {
      await rolesApi.remove(role.id);
      notifySuccess(t('record.deleted'));
      roles.reload();
    } catch (error) {
      notifyError(t, error);
    }
  };

  return (
    <div data-testid="admin-roles">
      <Group justify="flex-end" mb="sm">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="role-new">
          {t('admin.newRole')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={640} type="native">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.roleName')}</Table.Th>
              <Table.Th>{t('admin.operations')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
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
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setEditing(role)}>
                      {t('common.edit')}
                    </Button>
                    {!role.builtIn && <ConfirmDeleteButton compact name={role.name} onConfirm={() => remove(role)} />}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
