import { Divider, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Address, Communication } from '../api/api-types.ts';
import { AddressesEditor } from './addresses-editor.tsx';
import { CommunicationsEditor } from './communications-editor.tsx';
import type { FieldErrors } from './use-field-errors.hook.ts';
import { UserSelect } from './user-select.tsx';

/** The part of a record that has communication options, addresses and notes. */
interface WithChannels {
  communications: Communication[];
  addresses: Address[];
  notes: string;
}

interface ChannelsSectionProps<T extends WithChannels> {
  draft: T;
  set(patch: Partial<T>): void;
  errors: FieldErrors;
  readOnly: boolean;
}

/** The communications, addresses and notes sections shared by the account and contact forms. */
export function ChannelsSection<T extends WithChannels>({ draft, set, errors, readOnly }: ChannelsSectionProps<T>) {
  const { t } = useTranslation();
  // `Partial<T>` cannot be built from literal keys of a generic T; the keys are those of WithChannels.
  const patch = set as (patch: Partial<WithChannels>) => void;
  return (
    <>
      <Divider />
      <Title order={4}>{t('communications.title')}</Title>
      <CommunicationsEditor
        value={draft.communications ?? []}
        onChange={(communications) => patch({ communications })}
        readOnly={readOnly}
        errorFor={errors.errorFor}
      />
      <Divider />
      <Title order={4}>{t('addresses.title')}</Title>
      <AddressesEditor
        value={draft.addresses ?? []}
        onChange={(addresses) => patch({ addresses })}
        readOnly={readOnly}
        errorFor={errors.errorFor}
      />
      <Divider />
      <Textarea
        label={t('common.notes')}
        value={draft.notes ?? ''}
        onChange={(event) => patch({ notes: event.currentTarget.value })}
        autosize
        minRows={3}
        error={errors.errorFor('notes')}
        readOnly={readOnly}
      />
    </>
  );
}

interface OwnerFieldProps {
  ownerId: string;
  onChange(ownerId: string): void;
  errors: FieldErrors;
  readOnly: boolean;
  'data-testid'?: string;
}

/** The required «Owner» user picker of a record. */
export function OwnerField({ ownerId, onChange, errors, readOnly, 'data-testid': testId }: OwnerFieldProps) {
  const { t } = useTranslation();
  return (
    <UserSelect
      label={t('common.owner')}
      value={ownerId || null}
      onChange={(value) => onChange(value ?? '')}
      error={errors.errorFor('ownerId')}
      readOnly={readOnly}
      allowDeselect={false}
      data-testid={testId}
    />
  );
}
