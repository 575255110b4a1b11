import { Anchor, Badge, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../common/date-time.ts';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { detailsOf } from './journal-details.ts';
import type { JournalLine, JournalResult } from './sync-types.ts';

const RESULT_COLORS: Record<JournalResult, string> = { ok: 'teal', skipped: 'orange', failed: 'red' };

/** The sync journal (DESIGN §3, MB-5): what was done where, with which result, by which rule, to which record. */
export function JournalTable({ lines }: { lines: JournalLine[] }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table verticalSpacing="xs" striped data-testid="journal-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sync.columns.at')}</Table.Th>
            <Table.Th>{t('sync.columns.action')}</Table.Th>
            <Table.Th>{t('sync.columns.side')}</Table.Th>
            <Table.Th>{t('sync.columns.result')}</Table.Th>
            <Table.Th>{t('sync.columns.rule')}</Table.Th>
            <Table.Th>{t('sync.columns.item')}</Table.Th>
            <Table.Th>{t('sync.columns.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr
              key={line.id}
              data-testid="journal-line"
              data-action={line.action}
              data-result={line.result}
              data-rule={line.rule ?? ''}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDateTime(line.at, i18n.language, user.timeZone, 'short')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`sync.actions.${line.action}`, { defaultValue: line.action })}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" data-testid="journal-side">
                  {line.side ? t(`sync.sides.${line.side}`) : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge
                  color={RESULT_COLORS[line.result] ?? 'gray'}
                  variant="light"
                  tt="none"
                  miw="max-content"
                  data-testid="journal-result"
                >
                  {t(`sync.results.${line.result}`, { defaultValue: line.result })}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {line.rule && (
                  <Tooltip
                    label={t(`sync.rules.${line.rule}`, { defaultValue: line.rule })}
                    multiline
                    w={260}
                    withArrow
                  >
                    <Text size="sm" ff="monospace" data-testid="journal-rule">
                      {line.rule}
                    </Text>
                  </Tooltip>
                )}
              </Table.Td>
              <Table.Td data-testid="journal-item">
                {line.crmId && line.action !== 'delete' ? (
                  <Anchor component={Link} to={`/contacts/${line.crmId}`} size="sm">
                    {line.itemName || t('sync.noName')}
                  </Anchor>
                ) : (
                  <Text size="sm">{line.itemName ?? ''}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" maw={360} data-testid="journal-message">
                  {detailsOf(t, line)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
