import { Divider, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api/api-types.ts';
import { AddressesEditor } from '../common/addresses-editor.tsx';
import { CommunicationsEditor } from '../common/communications-editor.tsx';
import { lookupName } from '../common/enum-label.ts';
import type { EditorArgs } from '../common/record-page.tsx';
import { loadLookups } from '../common/resource-cache.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { UserSelect } from '../common/user-select.tsx';

/** Account details: name, type, owner, communication options, addresses, notes. */
export function AccountForm({ draft, set, errors, readOnly }: EditorArgs<Account>) {
  const { t, i18n } = useTranslation();
  const lookups = useAsync(loadLookups, []);
  const typeOptions = (lookups.data?.accountTypes ?? []).map((item) => ({
    value: item.id,
    label: lookupName(lookups.data?.accountTypes, item.id, i18n.language),
  }));

  return (
    <Stack gap="md" data-testid="account-form">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <TextInput
          label={t('account.name')}
          value={draft.name}
          onChange={(event) => set({ name: event.currentTarget.value })}
          error={errors.errorFor('name')}
          readOnly={readOnly}
          required
          data-testid="field-name"
        />
        <Select
          label={t('account.type')}
          data={typeOptions}
          value={draft.type}
          onChange={(type) => set({ type })}
          clearable
          error={errors.errorFor('type')}
          readOnly={readOnly}
          data-testid="field-type"
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
