import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rolesApi, usersApi } from '../api/admin.api.ts';
import type { User } from '../api/api-types.ts';
import { ConfirmDeleteButton } from '../common/confirm-delete-button.tsx';
import { notifyError, notifySuccess } from '../common/notify.ts';
import { invalidate } from '../common/resource-cache.ts';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { UserFormModal } from './user-form-modal.tsx';

/** CRM users: list, create, edit, delete (not oneself). */
export function UsersTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useAsync(() => usersApi.list(), []);
  const roles = useAsync(() => rolesApi.list(), []);
  const [editing, setEditing] = useState<User | 'new' | null>(null);

  if (users.loading && !users.data) return <PageLoader />;
  if (users.error) return <LoadError error={users.error} onRetry={users.reload} />;
  const roleName = (id: string) => roles.data?.items.find((r) => r.id === id)?.name ?? id;

  const changed = () => {
    invalidate('users');
    users.reload();
  };

  const remove = async (user: User) => {
    try {
      await usersApi.remove(user.id);
      notifySuccess(t('record.deleted'));
      changed();
    } catch (error) {
      notifyError(t, error);
    }
  };

  return (
    <div data-testid="admin-users">
      <Group justify="flex-end" mb="sm">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="user-new">
          {t('admin.newUser')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={720} type="native">
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.login')}</Table.Th>
              <Table.Th>{t('profile.displayName')}</Table.Th>
              <Table.Th>{t('profile.language')}</Table.Th>
              <Table.Th>{t('profile.timeZone')}</Table.Th>
              <Table.Th>{t('admin.roles')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
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
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setEditing(user)}>
                      {t('common.edit')}
                    </Button>
                    {user.id !== me.id && (
                      <ConfirmDeleteButton
                        compact
                        name={user.displayName || user.login}
                        onConfirm={() => remove(user)}
                      />
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
