import { Badge, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rolesApi, usersApi } from '../api/admin.api.ts';
import type { User } from '../api/api-types.ts';
import { invalidate } from '../common/resource-cache.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { AdminTable, AdminToolbar, listLoadState, RowActions, removeRow } from './admin-list.tsx';
import { UserFormModal } from './user-form-modal.tsx';

/** CRM users: list, create, edit, delete (not oneself). */
export function UsersTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useAsync(() => usersApi.list(), []);
  const roles = useAsync(() => rolesApi.list(), []);
  const [editing, setEditing] = useState<User | 'new' | null>(null);

  const loadState = listLoadState(users);
  if (loadState) return loadState;
  const roleName = (id: string) => roles.data?.items.find((r) => r.id === id)?.name ?? id;

  const changed = () => {
    invalidate('users');
    users.reload();
  };

  return (
    <div data-testid="admin-users">
      <AdminToolbar addLabel={t('admin.newUser')} onAdd={() => setEditing('new')} addTestId="user-new" />
      <AdminTable
        minWidth={720}
        highlightOnHover
        head={
          <>
            <Table.Th>{t('admin.login')}</Table.Th>
            <Table.Th>{t('profile.displayName')}</Table.Th>
            <Table.Th>{t('profile.language')}</Table.Th>
            <Table.Th>{t('profile.timeZone')}</Table.Th>
            <Table.Th>{t('admin.roles')}</Table.Th>
          </>
        }
      >
        {(users.data?.items ?? []).map((user) => (
          <Table.Tr key={user.id} data-testid="user-row">
            <Table.Td>
              <Text size="sm" fw={500}>
                {user.login}
              </Text>
            </Table.Td>
            <Table.Td>{user.displayName}</Table.Td>
            <Table.Td>{user.language === 'ru' ? 'Русский' : 'English'}</Table.Td>
            <Table.Td>{user.timeZone}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {user.roleIds.map((id) => (
                  <Badge key={id} variant="light" size="sm">
                    {roleName(id)}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <RowActions
              onEdit={() => setEditing(user)}
              deleteName={user.id === me.id ? undefined : user.displayName || user.login}
              onDelete={() => removeRow(t, () => usersApi.remove(user.id), changed)}
            />
          </Table.Tr>
        ))}
      </AdminTable>
      <UserFormModal
        opened={editing !== null}
        user={editing === 'new' ? null : editing}
        roles={roles.data?.items ?? []}
        onClose={() => setEditing(null)}
        onSaved={changed}
      />
    </div>
  );
}
