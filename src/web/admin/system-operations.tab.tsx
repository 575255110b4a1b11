import { Code, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { systemOperationsApi } from '../api/admin.api.ts';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { operationName } from './system-operation-name.ts';

/** The system operations roles can grant (read-only: the server defines them). */
export function SystemOperationsTab() {
  const { t, i18n } = useTranslation();
  const operations = useAsync(() => systemOperationsApi.list(), []);
  if (operations.loading) return <PageLoader />;
  if (operations.error) return <LoadError error={operations.error} onRetry={operations.reload} />;
  const items = operations.data?.items ?? [];
  return (
    <Table.ScrollContainer minWidth={560} type="native" data-testid="admin-operations">
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.operationName')}</Table.Th>
            <Table.Th>{t('admin.operationCode')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((op) => (
            <Table.Tr key={op.code}>
              <Table.Td>{operationName(items, op.code, i18n.language)}</Table.Td>
              <Table.Td>
                <Code>{op.code}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
