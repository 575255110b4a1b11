import { Checkbox, Input, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Group } from '../api/api-types.ts';

interface Props {
  groups: Group[];
  value: string[];
  onChange(value: string[]): void;
  disabled?: boolean;
  error?: string;
  testId: string;
}

/** Ticks over CRM groups (contact groups for CT-3, activity groups for AC-5). */
export function GroupChecklist({ groups, value, onChange, disabled, error, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Input.Wrapper error={error} data-testid={testId}>
      {groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('mailboxSettings.noGroups')}
        </Text>
      ) : (
        <Checkbox.Group value={value} onChange={onChange}>
          <Stack gap={4}>
            {groups.map((group) => (
              <Checkbox
                key={group.id}
                value={group.id}
                label={group.name}
                disabled={disabled}
                data-testid="group-option"
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
    </Input.Wrapper>
  );
}
