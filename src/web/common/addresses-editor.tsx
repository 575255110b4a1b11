import { ActionIcon, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Address, AddressType } from '../api/api-types.ts';
import { patchAt } from './patch-at.ts';

const TYPES: AddressType[] = ['work', 'home', 'other'];
const PARTS = ['street', 'city', 'region', 'country', 'zip'] as const;

interface Props {
  value: Address[];
  onChange(value: Address[]): void;
  readOnly?: boolean;
  errorFor(field: string): string | undefined;
}

/** Postal addresses of a contact or account. */
export function AddressesEditor({ value, onChange, readOnly, errorFor }: Props) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<Address>) => onChange(patchAt(value, index, patch));

  return (
    <Stack gap="xs" data-testid="addresses-editor">
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('addresses.none')}
        </Text>
      )}
      {value.map((address, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: address rows have no id while editing
        <Paper key={index} withBorder p="sm">
          <Group justify="space-between" mb="xs">
            <Select
              aria-label={t('addresses.type')}
              data={TYPES.map((k) => ({ value: k, label: t(`addresses.types.${k}`) }))}
              value={address.type}
              onChange={(type) => type && set(index, { type: type as AddressType })}
              allowDeselect={false}
              readOnly={readOnly}
              w={160}
            />
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('common.remove')}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {PARTS.map((part) => (
              <TextInput
                key={part}
                label={t(`addresses.${part}`)}
                value={address[part] ?? ''}
                onChange={(event) => set(index, { [part]: event.currentTarget.value })}
                error={errorFor(`addresses.${index}.${part}`)}
                readOnly={readOnly}
              />
            ))}
          </SimpleGrid>
        </Paper>
      ))}
      {!readOnly && (
        <Group>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              onChange([...value, { type: 'work', street: '', city: '', region: '', country: '', zip: '' }])
            }
          >
            {t('addresses.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
