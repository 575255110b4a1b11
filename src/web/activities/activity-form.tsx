import { Checkbox, Group, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { DateInput, DateTimePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../api/api-types.ts';
import { OwnerField } from '../common/channels-section.tsx';
import { isoToPicker, pickerToIso } from '../common/date-time.ts';
import { htmlToText } from '../common/html-text.ts';
import type { EditorArgs } from '../common/record-page.tsx';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { CATEGORIES, options, PRIORITIES, STATUSES } from './activity-options.ts';

/**
 * The notes field is HTML on the server. The form edits its text only (never injecting server HTML);
 * `notesText` is set once the user types, and only then are the notes rewritten.
 */
export type ActivityDraft = Activity & { notesText?: string };

/** Activity details: title, category, dates, status, priority, calendar flag, owner, reminder, notes. */
export function ActivityForm({ draft, set, errors, readOnly }: EditorArgs<ActivityDraft>) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const zone = user.timeZone;

  const dateField = (field: 'start' | 'due') => {
    const common = {
      label: t(`activity.${field}`),
      error: errors.errorFor(field),
      readOnly,
      clearable: true,
      'data-testid': `field-${field}`,
    };
    if (draft.allDay) {
      return (
        <DateInput
          {...common}
          valueFormat="DD.MM.YYYY"
          value={isoToPicker(draft[field], zone)?.slice(0, 10) ?? null}
          onChange={(value) => set({ [field]: pickerToIso(value ? `${value} 00:00:00` : null, zone) })}
        />
      );
    }
    return (
      <DateTimePicker
        {...common}
        valueFormat="DD.MM.YYYY HH:mm"
        value={isoToPicker(draft[field], zone)}
        onChange={(value) => set({ [field]: pickerToIso(value, zone) })}
      />
    );
  };

  return (
    <Stack gap="md" data-testid="activity-form">
      <TextInput
        label={t('activity.title')}
        value={draft.title}
        onChange={(event) => set({ title: event.currentTarget.value })}
        error={errors.errorFor('title')}
        maxLength={255}
        readOnly={readOnly}
        required
        data-testid="field-title"
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <Select
          label={t('activity.category')}
          data={options(t, 'activity.categories', CATEGORIES)}
          value={draft.category}
          onChange={(category) => category && set({ category: category as Activity['category'] })}
          allowDeselect={false}
          error={errors.errorFor('category')}
          readOnly={readOnly}
          data-testid="field-category"
        />
        <Select
          label={t('activity.status')}
          data={options(t, 'activity.statuses', STATUSES)}
          value={draft.status}
          onChange={(status) => status && set({ status: status as Activity['status'] })}
          allowDeselect={false}
          error={errors.errorFor('status')}
          readOnly={readOnly}
          data-testid="field-status"
        />
        <Select
          label={t('activity.priority')}
          data={options(t, 'activity.priorities', PRIORITIES)}
          value={draft.priority}
          onChange={(priority) => priority && set({ priority: priority as Activity['priority'] })}
          allowDeselect={false}
          error={errors.errorFor('priority')}
          readOnly={readOnly}
        />
        {dateField('start')}
        {dateField('due')}
        <OwnerField
          ownerId={draft.ownerId}
          onChange={(ownerId) => set({ ownerId })}
          errors={errors}
          readOnly={readOnly}
        />
      </SimpleGrid>
      <Group gap="xl">
        <Switch
          label={t('activity.allDay')}
          checked={draft.allDay}
          onChange={(event) => set({ allDay: event.currentTarget.checked })}
          disabled={readOnly}
        />
        <Checkbox
          label={t('activity.showInCalendar')}
          checked={draft.showInCalendar}
          onChange={(event) => set({ showInCalendar: event.currentTarget.checked })}
          disabled={readOnly}
          data-testid="field-showInCalendar"
        />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('activity.location')}
          value={draft.location ?? ''}
          onChange={(event) => set({ location: event.currentTarget.value })}
          error={errors.errorFor('location')}
          readOnly={readOnly}
        />
        <Stack gap={4}>
          <Switch
            label={t('activity.reminder')}
            checked={draft.reminderAt !== null}
            onChange={(event) =>
              set({ reminderAt: event.currentTarget.checked ? (draft.start ?? new Date().toISOString()) : null })
            }
            disabled={readOnly}
          />
          {draft.reminderAt !== null && (
            <DateTimePicker
              aria-label={t('activity.reminderAt')}
              valueFormat="DD.MM.YYYY HH:mm"
              value={isoToPicker(draft.reminderAt, zone)}
              onChange={(value) => set({ reminderAt: pickerToIso(value, zone) })}
              error={errors.errorFor('reminderAt')}
              readOnly={readOnly}
            />
          )}
        </Stack>
      </SimpleGrid>
      <Textarea
        label={t('common.notes')}
        description={t('activity.notesHint')}
        value={draft.notesText ?? htmlToText(draft.notes)}
        onChange={(event) => set({ notesText: event.currentTarget.value })}
        autosize
        minRows={4}
        error={errors.errorFor('notes')}
        readOnly={readOnly}
        data-testid="field-notes"
      />
    </Stack>
  );
}
