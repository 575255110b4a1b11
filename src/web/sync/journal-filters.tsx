import { Badge, Button, CloseButton, Group, Select, SimpleGrid } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { JOURNAL_ACTIONS, JOURNAL_RESULTS, type JournalFilter } from './sync-types.ts';

interface Props {
  filter: JournalFilter;
  /** Rule ids present in the journal (the server lists them). */
  rules: string[];
  /** How the chosen run is named, when the journal is narrowed to one run. */
  runLabel: string | null;
  onChange(patch: Partial<Record<keyof JournalFilter, string | null>>): void;
}

/** Filters of the sync journal: action, result, rule, and the run picked in the runs list. */
export function JournalFilters({ filter, rules, runLabel, onChange }: Props) {
  const { t } = useTranslation();
  const any = t('sync.filters.any');
  const filtered = Boolean(filter.action || filter.result || filter.rule || filter.runId);
  // A rule chosen from a link stays choosable even when the journal no longer has it.
  const ruleChoices = filter.rule && !rules.includes(filter.rule) ? [...rules, filter.rule] : rules;
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
        <Select
          label={t('sync.filters.action')}
          placeholder={any}
          data={JOURNAL_ACTIONS.map((value) => ({ value, label: t(`sync.actions.${value}`) }))}
          value={filter.action ?? null}
          onChange={(value) => onChange({ action: value })}
          clearable
          data-testid="journal-filter-action"
        />
        <Select
          label={t('sync.filters.result')}
          placeholder={any}
          data={JOURNAL_RESULTS.map((value) => ({ value, label: t(`sync.results.${value}`) }))}
          value={filter.result ?? null}
          onChange={(value) => onChange({ result: value })}
          clearable
          data-testid="journal-filter-result"
        />
        <Select
          label={t('sync.filters.rule')}
          placeholder={any}
          data={ruleChoices}
          value={filter.rule ?? null}
          onChange={(value) => onChange({ rule: value })}
          clearable
          data-testid="journal-filter-rule"
        />
      </SimpleGrid>
      {filtered && (
        <Group gap="xs" mt="xs">
          {runLabel && (
            <Badge
              variant="light"
              tt="none"
              size="lg"
              rightSection={
                <CloseButton
                  size="xs"
                  onClick={() => onChange({ runId: null })}
                  aria-label={t('sync.allRuns')}
                  data-testid="journal-filter-run-clear"
                />
              }
              data-testid="journal-filter-run"
            >
              {runLabel}
            </Badge>
          )}
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconFilterOff size={14} />}
            onClick={() => onChange({ action: null, result: null, rule: null, runId: null })}
            data-testid="journal-filter-clear"
          >
            {t('sync.filters.clear')}
          </Button>
        </Group>
      )}
    </>
  );
}
