import { ActionIcon, Alert, Button, Checkbox, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rolesApi } from '../api/admin.api.ts';
import { ApiError } from '../api/api-client.ts';
import type { Grant } from '../api/api-types.ts';
import type { RecordsApi } from '../api/records.api.ts';
import { notifyError, notifySuccess } from './notify.ts';
import { patchAt } from './patch-at.ts';
import { loadUsers } from './resource-cache.ts';
import { PageLoader } from './status-pages.tsx';
import { useAsync } from './use-async.hook.ts';

interface Props {
  api: RecordsApi<unknown>;
  recordId: string;
}

const RIGHTS = ['read', 'edit', 'delete'] as const;

/** "Access rights" tab: who besides the owner may read, edit or delete this record. */
export function GrantsTab({ api, recordId }: Props) {
  const { t } = useTranslation();
  const grants = useAsync(() => api.getGrants(recordId), [api, recordId]);
  const users = useAsync(loadUsers, []);
  // Roles may be closed to non-admins; then only users can be chosen.
  const roles = useAsync(
    () =>
      rolesApi
        .list()
        .then((r) => r.items)
        .catch(() => []),
    [],
  );
  const [rows, setRows] = useState<Grant[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (grants.data) setRows(grants.data.items);
  }, [grants.data]);

  if (grants.loading) return <PageLoader />;
  if (grants.error) {
    const denied = grants.error instanceof ApiError && (grants.error.status === 403 || grants.error.status === 404);
    return (
      <Alert icon={<IconInfoCircle />} color={denied ? 'gray' : 'red'} data-testid="grants-unavailable">
        {denied ? t('grants.onlyOwner') : t('errors.unexpected')}
      </Alert>
    );
  }

  const granteeOptions = (type: Grant['granteeType']) =>
    type === 'user'
      ? (users.data ?? []).map((u) => ({ value: u.id, label: u.displayName || u.login }))
      : (roles.data ?? []).map((r) => ({ value: r.id, label: r.name }));

  const set = (index: number, patch: Partial<Grant>) => setRows((prev) => patchAt(prev, index, patch));

  const save = async () => {
    setSaving(true);
    try {
      const saved = await api.putGrants(
        recordId,
        rows.filter((row) => row.granteeId),
      );
      setRows(saved.items);
      notifySuccess(t('grants.saved'));
    } catch (error) {
      notifyError(t, error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="grants-tab">
      <Text size="sm" c="dimmed">
        {t('grants.intro')}
      </Text>
      <Table.ScrollContainer minWidth={600} type="native">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('grants.granteeType')}</Table.Th>
              <Table.Th>{t('grants.grantee')}</Table.Th>
              {RIGHTS.map((right) => (
                <Table.Th key={right}>{t(`grants.${right}`)}</Table.Th>
              ))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: grant rows have no id while editing
              <Table.Tr key={index}>
                <Table.Td>
                  <Select
                    aria-label={t('grants.granteeType')}
                    data={[
                      { value: 'user', label: t('grants.user') },
                      { value: 'role', label: t('grants.role') },
                    ]}
                    value={row.granteeType}
                    onChange={(type) =>
                      type && set(index, { granteeType: type as Grant['granteeType'], granteeId: '' })
                    }
                    allowDeselect={false}
                    w={140}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('grants.grantee')}
                    searchable
                    data={granteeOptions(row.granteeType)}
                    value={row.granteeId || null}
                    onChange={(id) => set(index, { granteeId: id ?? '' })}
                    nothingFoundMessage={t('common.nothingFound')}
                    miw={180}
                  />
                </Table.Td>
                {RIGHTS.map((right) => (
                  <Table.Td key={right}>
                    <Checkbox
                      aria-label={t(`grants.${right}`)}
                      checked={row[right]}
                      onChange={(event) => set(index, { [right]: event.currentTarget.checked })}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('common.remove')}
                    onClick={() => setRows((prev) => prev.filter((_, i) => i !== index))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('grants.none')}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setRows((prev) => [...prev, { granteeType: 'user', granteeId: '', read: true, edit: false, delete: false }])
          }
        >
          {t('grants.add')}
        </Button>
        <Button onClick={save} loading={saving} data-testid="grants-save">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
