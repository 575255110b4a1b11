import { Badge, Group, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../common/date-time.ts';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { fieldText, fieldValue } from './conflict-values.ts';
import type { ConflictRecord } from './sync-types.ts';

const RESOLUTION_COLORS: Record<ConflictRecord['resolution'], string> = {
  crm: 'blue',
  remote: 'violet',
  merged: 'teal',
};

/**
 * One conflict (DESIGN §3: both sides changed a contact between two runs): which contact, when, under which policy,
 * who won, and the fields side by side — before, in the CRM, in the mailbox, and what both sides hold now.
 */
export function ConflictCard({ conflict }: { conflict: ConflictRecord }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const text = (version: Record<string, unknown> | null, field: string) =>
    fieldText(field, fieldValue(version, field), i18n.language) || '—';
  const name = conflict.itemName || t('sync.noName');
  return (
    <Paper withBorder p="sm" data-testid="conflict" data-resolution={conflict.resolution}>
      <Group justify="space-between" gap="xs" mb="xs" wrap="wrap">
        <div>
          {conflict.crmId ? (
            <Text component={Link} to={`/contacts/${conflict.crmId}`} fw={600} c="blue" data-testid="conflict-name">
              {name}
            </Text>
          ) : (
            <Text fw={600} data-testid="conflict-name">
              {name}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {formatDateTime(conflict.at, i18n.language, user.timeZone, 'short')} · {t('sync.conflict.policy')}:{' '}
            {t(`mailboxSettings.policies.${conflict.policy}`, { defaultValue: conflict.policy })}
          </Text>
        </div>
        <Badge
          color={RESOLUTION_COLORS[conflict.resolution] ?? 'gray'}
          variant="light"
          tt="none"
          miw="max-content"
          data-testid="conflict-resolution"
        >
          {t(`sync.conflict.resolutions.${conflict.resolution}`)}
        </Badge>
      </Group>
      <Table.ScrollContainer minWidth={560} type="native">
        <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" data-testid="conflict-fields">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.conflict.field')}</Table.Th>
              <Table.Th>{t('sync.conflict.base')}</Table.Th>
              <Table.Th>{t('sync.conflict.crm')}</Table.Th>
              <Table.Th>{t('sync.conflict.remote')}</Table.Th>
              <Table.Th>{t('sync.conflict.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {conflict.fields.map((field) => (
              <Table.Tr key={field} data-testid="conflict-field" data-field={field}>
                <Table.Td fw={500}>{t(`sync.fields.${field}`, { defaultValue: field })}</Table.Td>
                <Table.Td c="dimmed">{text(conflict.base, field)}</Table.Td>
                <Table.Td>{text(conflict.crmVersion, field)}</Table.Td>
                <Table.Td>{text(conflict.remoteVersion, field)}</Table.Td>
                <Table.Td fw={600}>{text(conflict.result, field)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
