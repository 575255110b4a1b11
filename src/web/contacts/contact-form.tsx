import { Divider, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/api-types.ts';
import { accountsApi } from '../api/records.api.ts';
import { AddressesEditor } from '../common/addresses-editor.tsx';
import { AsyncRecordSelect } from '../common/async-record-select.tsx';
import { CommunicationsEditor } from '../common/communications-editor.tsx';
import { lookupName } from '../common/enum-label.ts';
import type { EditorArgs } from '../common/record-page.tsx';
import { loadLookups } from '../common/resource-cache.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { UserSelect } from '../common/user-select.tsx';

const TEXT_FIELDS = ['givenName', 'middleName', 'surname', 'jobTitle', 'department'] as const;
const NAME_FIELDS = new Set<string>(['givenName', 'surname']);

/** Searches accounts for the contact's company picker. */
async function searchAccounts(q: string) {
  const { items } = await accountsApi.list({ q, limit: 20 });
  return items.map((a) => ({ value: a.id, label: a.name }));
}

/** Contact details: names, job, type, account, owner («Ответственный»), communication options, addresses, notes. */
export function ContactForm({ draft, set, errors, readOnly }: EditorArgs<Contact>) {
  const { t, i18n } = useTranslation();
  const lookups = useAsync(loadLookups, []);
  const typeOptions = (lookups.data?.contactTypes ?? []).map((item) => ({
    value: item.id,
    label: lookupName(lookups.data?.contactTypes, item.id, i18n.language),
  }));

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
        <Select
          label={t('contact.type')}
          data={typeOptions}
          value={draft.type}
          onChange={(type) => set({ type })}
          clearable
          error={errors.errorFor('type')}
          readOnly={readOnly}
          data-testid="field-type"
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
        <UserSelect
          label={t('common.owner')}
          value={draft.ownerId || null}
          onChange={(ownerId) => set({ ownerId: ownerId ?? '' })}
          error={errors.errorFor('ownerId')}
          readOnly={readOnly}
          allowDeselect={false}
          data-testid="field-owner"
        />
      </SimpleGrid>

      <Divider />
      <Title order={4}>{t('communications.title')}</Title>
      <CommunicationsEditor
        value={draft.communications ?? []}
        onChange={(communications) => set({ communications })}
        readOnly={readOnly}
        errorFor={errors.errorFor}
      />

      <Divider />
      <Title order={4}>{t('addresses.title')}</Title>
      <AddressesEditor
        value={draft.addresses ?? []}
        onChange={(addresses) => set({ addresses })}
        readOnly={readOnly}
        errorFor={errors.errorFor}
      />

      <Divider />
      <Textarea
        label={t('common.notes')}
        value={draft.notes ?? ''}
        onChange={(event) => set({ notes: event.currentTarget.value })}
        autosize
        minRows={3}
        error={errors.errorFor('notes')}
        readOnly={readOnly}
      />
    </Stack>
  );
}
