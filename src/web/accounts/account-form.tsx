import { SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api/api-types.ts';
import { ChannelsSection, OwnerField } from '../common/channels-section.tsx';
import type { EditorArgs } from '../common/record-page.tsx';
import { TypeField } from '../common/type-field.tsx';

/** Account details: name, type, owner, communication options, addresses, notes. */
export function AccountForm({ draft, set, errors, readOnly }: EditorArgs<Account>) {
  const { t } = useTranslation();

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
        <TypeField
          lookup="accountTypes"
          label={t('account.type')}
          value={draft.type}
          onChange={(type) => set({ type })}
          errors={errors}
          readOnly={readOnly}
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
