import { SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/api-types.ts';
import { accountsApi } from '../api/records.api.ts';
import { AsyncRecordSelect } from '../common/async-record-select.tsx';
import { ChannelsSection, OwnerField } from '../common/channels-section.tsx';
import type { EditorArgs } from '../common/record-page.tsx';
import { TypeField } from '../common/type-field.tsx';

const TEXT_FIELDS = ['givenName', 'middleName', 'surname', 'jobTitle', 'department'] as const;
const NAME_FIELDS = new Set<string>(['givenName', 'surname']);

/** Searches accounts for the contact's company picker. */
async function searchAccounts(q: string) {
  const { items } = await accountsApi.list({ q, limit: 20 });
  return items.map((a) => ({ value: a.id, label: a.name }));
}

/** Contact details: names, job, type, account, owner («Ответственный»), communication options, addresses, notes. */
export function ContactForm({ draft, set, errors, readOnly }: EditorArgs<Contact>) {
  const { t } = useTranslation();

  return (
    <Stack gap="md" data-testid="contact-form">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {TEXT_FIELDS.map((field) => (
          <TextInput
            key={field}
            label={t(`contact.${field}`)}
            value={draft[field] ?? ''}
            onChange={(event) => set({ [field]: event.currentTarget.value })}
            // A contact needs some name; the API reports that as "fullName", shown on the name fields.
            error={errors.errorFor(field) ?? (NAME_FIELDS.has(field) ? errors.errorFor('fullName') : undefined)}
            readOnly={readOnly}
            data-testid={`field-${field}`}
          />
        ))}
        <DateInput
          label={t('contact.birthday')}
          value={draft.birthday}
          onChange={(birthday) => set({ birthday })}
          valueFormat="DD.MM.YYYY"
          clearable
          error={errors.errorFor('birthday')}
          readOnly={readOnly}
          data-testid="field-birthday"
        />
        <TypeField
          lookup="contactTypes"
          label={t('contact.type')}
          value={draft.type}
          onChange={(type) => set({ type })}
          errors={errors}
          readOnly={readOnly}
        />
        <AsyncRecordSelect
          label={t('contact.account')}
          value={draft.accountId}
          valueLabel={draft.accountName}
          onChange={(accountId, label) => set({ accountId, accountName: label })}
          search={searchAccounts}
          error={errors.errorFor('accountId')}
          readOnly={readOnly}
          data-testid="field-account"
        />
        <OwnerField
          ownerId={draft.ownerId}
          onChange={(ownerId) => set({ ownerId })}
          errors={errors}
          readOnly={readOnly}
          data-testid="field-owner"
        />
      </SimpleGrid>
      <ChannelsSection draft={draft} set={set} errors={errors} readOnly={readOnly} />
    </Stack>
  );
}
