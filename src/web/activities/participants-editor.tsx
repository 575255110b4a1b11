import { ActionIcon, Button, Select, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../api/api-types.ts';
import { AsyncRecordSelect } from '../common/async-record-select.tsx';
import { patchAt } from '../common/patch-at.ts';
import type { EditorArgs } from '../common/record-page.tsx';
import { searchContacts } from '../contacts/contact-list.page.tsx';
import type { ActivityDraft } from './activity-form.tsx';
import { options, RESPONSES, ROLES } from './activity-options.ts';

/** Participants of an activity: contact, role and response (AC-9 maps them to attendees). */
export function ParticipantsEditor({ draft, set, errors, readOnly }: EditorArgs<ActivityDraft>) {
  const { t } = useTranslation();
  const rows = draft.participants ?? [];
  const update = (index: number, patch: Partial<Participant>) => set({ participants: patchAt(rows, index, patch) });

  return (
    <Stack gap="sm" data-testid="participants-editor">
      <Table.ScrollContainer minWidth={640} type="native">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('participants.contact')}</Table.Th>
              <Table.Th>{t('participants.role')}</Table.Th>
              <Table.Th>{t('participants.response')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: participant rows have no id while editing
              <Table.Tr key={index} data-testid="participant-row">
                <Table.Td miw={220}>
                  <AsyncRecordSelect
                    aria-label={t('participants.contact')}
                    value={row.contactId || null}
                    valueLabel={row.contactName}
                    onChange={(contactId, label) => update(index, { contactId: contactId ?? '', contactName: label })}
                    search={searchContacts}
                    error={errors.errorFor(`participants.${index}.contactId`)}
                    readOnly={readOnly}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('participants.role')}
                    data={options(t, 'participants.roles', ROLES)}
                    value={row.role}
                    onChange={(role) => role && update(index, { role: role as Participant['role'] })}
                    allowDeselect={false}
                    readOnly={readOnly}
                    w={170}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('participants.response')}
                    data={options(t, 'participants.responses', RESPONSES)}
                    value={row.response}
                    onChange={(response) =>
                      response && update(index, { response: response as Participant['response'] })
                    }
                    allowDeselect={false}
                    readOnly={readOnly}
                    w={170}
                  />
                </Table.Td>
                <Table.Td>
                  {!readOnly && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('common.remove')}
                      onClick={() => set({ participants: rows.filter((_, i) => i !== index) })}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('participants.none')}
        </Text>
      )}
      {errors.errorFor('participants') && (
        <Text size="sm" c="red">
          {errors.errorFor('participants')}
        </Text>
      )}
      {!readOnly && (
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => set({ participants: [...rows, { contactId: '', role: 'participant', response: 'none' }] })}
          style={{ alignSelf: 'flex-start' }}
          data-testid="add-participant"
        >
          {t('participants.add')}
        </Button>
      )}
    </Stack>
  );
}
