import { Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordRightsApi } from '../api/admin.api.ts';
import type { RecordRightsDefault } from '../api/api-types.ts';
import { notifyError, notifySuccess } from '../common/notify.ts';
import { patchAt } from '../common/patch-at.ts';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';

const FLAGS = ['everyoneCanRead', 'everyoneCanEdit', 'everyoneCanDelete'] as const;

/** What every user may do with new records of each object, beyond the owner's rights. */
export function RecordRightsDefaultsTab() {
  const { t } = useTranslation();
  const defaults = useAsync(() => recordRightsApi.defaults(), []);
  const [rows, setRows] = useState<RecordRightsDefault[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (defaults.data) setRows(defaults.data.items);
  }, [defaults.data]);

  if (defaults.loading) return <PageLoader />;
  if (defaults.error) return <LoadError error={defaults.error} onRetry={defaults.reload} />;

  const save = async () => {
    setSaving(true);
    try {
      const saved = await recordRightsApi.saveDefaults(rows);
      setRows(saved.items);
      notifySuccess(t('record.saved'));
    } catch (error) {
      notifyError(t, error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack data-testid="admin-rights">
      <Text size="sm" c="dimmed">
        {t('admin.rightsIntro')}
      </Text>
      <Table.ScrollContainer minWidth={560} type="native">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.object')}</Table.Th>
              {FLAGS.map((flag) => (
                <Table.Th key={flag}>{t(`admin.${flag}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              <Table.Tr key={row.object}>
                <Table.Td>{t(`admin.objects.${row.object}`)}</Table.Td>
                {FLAGS.map((flag) => (
                  <Table.Td key={flag}>
                    <Checkbox
                      aria-label={`${t(`admin.objects.${row.object}`)}: ${t(`admin.${flag}`)}`}
                      checked={row[flag]}
                      onChange={(event) => {
                        const checked = event.currentTarget.checked;
                        setRows((prev) => patchAt(prev, index, { [flag]: checked } as Partial<(typeof prev)[number]>));
                      }}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        <Button onClick={save} loading={saving} data-testid="rights-save">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
