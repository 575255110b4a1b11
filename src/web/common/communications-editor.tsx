import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Communication, CommunicationKind, CommunicationType } from '../api/api-types.ts';
import { patchAt } from './patch-at.ts';

const KINDS: CommunicationKind[] = ['email', 'phone', 'web'];
const TYPES: CommunicationType[] = ['work', 'home', 'mobile', 'other'];

interface Props {
  value: Communication[];
  onChange(value: Communication[]): void;
  readOnly?: boolean;
  /** Field errors by path, e.g. "communications.1.value". */
  errorFor(field: string): string | undefined;
}

/** Communication options (emails, phones, web sites) of a contact or account. */
export function CommunicationsEditor({ value, onChange, readOnly, errorFor }: Props) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<Communication>) => onChange(patchAt(value, index, patch));
  const add = (kind: CommunicationKind) => onChange([...value, { kind, type: 'work', value: '' }]);

  return (
    <Stack gap="xs" data-testid="communications-editor">
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('communications.none')}
        </Text>
      )}
      {value.map((item, index) => (
        // Rows have no id; the index is their identity while editing.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Group key={index} gap="xs" align="flex-start" wrap="wrap" data-testid="communication-row">
          <Select
            aria-label={t('communications.kind')}
            data={KINDS.map((k) => ({ value: k, label: t(`communications.kinds.${k}`) }))}
            value={item.kind}
            onChange={(kind) => kind && set(index, { kind: kind as CommunicationKind })}
            allowDeselect={false}
            readOnly={readOnly}
            w={130}
          />
          <Select
            aria-label={t('communications.type')}
            data={TYPES.map((k) => ({ value: k, label: t(`communications.types.${k}`) }))}
            value={item.type}
            onChange={(type) => type && set(index, { type: type as CommunicationType })}
            allowDeselect={false}
            readOnly={readOnly}
            w={130}
          />
          <TextInput
            aria-label={t('communications.value')}
            placeholder={t(`communications.placeholders.${item.kind}`)}
            value={item.value}
            onChange={(event) => set(index, { value: event.currentTarget.value })}
            error={errorFor(`communications.${index}.value`) ?? errorFor(`communications[${index}].value`)}
            readOnly={readOnly}
            style={{ flex: '1 1 200px' }}
            data-testid="communication-value"
          />
          {!readOnly && (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('common.remove')}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
              mt={4}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {errorFor('communications') && (
        <Text size="sm" c="red">
          {errorFor('communications')}
        </Text>
      )}
      {!readOnly && (
        <Group gap="xs">
          {KINDS.map((kind) => (
            <Button
              key={kind}
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => add(kind)}
              data-testid={`add-${kind}`}
            >
              {t(`communications.add.${kind}`)}
            </Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}
