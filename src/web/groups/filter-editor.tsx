import { ActionIcon, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FilterCondition, FilterField, FilterFieldType, FilterGroup, FilterOp } from '../api/api-types.ts';
import { FilterValueInput } from './filter-value-input.tsx';

/** Operators that make sense for each field type. */
const OPS: Record<FilterFieldType, FilterOp[]> = {
  string: ['contains', 'startsWith', 'eq', 'neq', 'empty', 'notEmpty'],
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  datetime: ['gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  enum: ['eq', 'neq', 'empty', 'notEmpty'],
  user: ['eq', 'neq', 'empty', 'notEmpty'],
  account: ['eq', 'neq', 'empty', 'notEmpty'],
  boolean: ['eq'],
};

/** Operators that take no value. */
const NO_VALUE: FilterOp[] = ['empty', 'notEmpty'];
/** Nesting stops here: deeper trees are hard to read and the vendor UI does not offer them. */
const MAX_DEPTH = 2;

export function isFilterGroup(item: FilterCondition | FilterGroup): item is FilterGroup {
  return 'logic' in item;
}

interface Props {
  value: FilterGroup;
  onChange(value: FilterGroup): void;
  fields: FilterField[];
  depth?: number;
  onRemove?(): void;
}

/** Editor of a dynamic group's filter: conditions over fields joined by and/or, with nested groups. */
export function FilterEditor({ value, onChange, fields, depth = 0, onRemove }: Props) {
  const { t } = useTranslation();
  const first = fields[0];
  const fieldLabel = (name: string) => t(`fields.${name}`, { defaultValue: name });

  const setItem = (index: number, item: FilterCondition | FilterGroup) =>
    onChange({ ...value, conditions: value.conditions.map((c, i) => (i === index ? item : c)) });
  const removeItem = (index: number) =>
    onChange({ ...value, conditions: value.conditions.filter((_, i) => i !== index) });
  const newCondition = (): FilterCondition => ({
    field: first?.name ?? '',
    op: OPS[first?.type ?? 'string'][0] ?? 'eq',
    value: first?.type === 'boolean' ? true : '',
  });

  return (
    <Paper withBorder p="sm" bg={depth > 0 ? 'var(--mantine-color-gray-0)' : undefined} data-testid="filter-group">
      <Group justify="space-between" mb="xs">
        <SegmentedControl
          size="xs"
          value={value.logic}
          onChange={(logic) => onChange({ ...value, logic: logic as FilterGroup['logic'] })}
          data={[
            { value: 'and', label: t('filter.and') },
            { value: 'or', label: t('filter.or') },
          ]}
          data-testid="filter-logic"
        />
        {onRemove && (
          <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('filter.removeGroup')}>
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Group>
      <Stack gap="xs">
        {value.conditions.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('filter.noConditions')}
          </Text>
        )}
        {value.conditions.map((item, index) => {
          if (isFilterGroup(item)) {
            return (
              <FilterEditor
                // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id
                key={index}
                value={item}
                fields={fields}
                depth={depth + 1}
                onChange={(next) => setItem(index, next)}
                onRemove={() => removeItem(index)}
              />
            );
          }
          const field = fields.find((f) => f.name === item.field);
          const ops = OPS[field?.type ?? 'string'];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id
            <Group key={index} gap="xs" wrap="wrap" align="flex-start" data-testid="filter-condition">
              <Select
                aria-label={t('filter.field')}
                searchable
                data={fields.map((f) => ({ value: f.name, label: fieldLabel(f.name) }))}
                value={item.field}
                onChange={(name) => {
                  const next = fields.find((f) => f.name === name);
                  if (!next) return;
                  const op = OPS[next.type][0] ?? 'eq';
                  setItem(index, { field: next.name, op, value: next.type === 'boolean' ? true : '' });
                }}
                allowDeselect={false}
                w={190}
                data-testid="filter-field"
              />
              <Select
                aria-label={t('filter.operator')}
                data={ops.map((op) => ({ value: op, label: t(`filter.ops.${op}`) }))}
                value={item.op}
                onChange={(op) => op && setItem(index, { ...item, op: op as FilterOp })}
                allowDeselect={false}
                w={170}
                data-testid="filter-op"
              />
              {field && !NO_VALUE.includes(item.op) && (
                <FilterValueInput
                  field={field}
                  value={item.value}
                  onChange={(v) => setItem(index, { ...item, value: v })}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                onClick={() => removeItem(index)}
                aria-label={t('filter.removeCondition')}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          );
        })}
      </Stack>
      <Group gap="xs" mt="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange({ ...value, conditions: [...value.conditions, newCondition()] })}
          disabled={!first}
          data-testid="filter-add-condition"
        >
          {t('filter.addCondition')}
        </Button>
        {depth < MAX_DEPTH && (
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              onChange({ ...value, conditions: [...value.conditions, { logic: 'and', conditions: [newCondition()] }] })
            }
            disabled={!first}
          >
            {t('filter.addGroup')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
