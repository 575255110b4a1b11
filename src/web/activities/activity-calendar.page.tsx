import { ActionIcon, Button, Group, Loader, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconList, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { activitiesApi } from '../api/records.api.ts';
import { nowIn, safeZone, weekStart } from '../common/date-time.ts';
import { PageHeader } from '../common/page-header.tsx';
import { LoadError } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { WeekGrid } from './week-grid.tsx';

/** A week is at most a few hundred items; one request covers it. */
const WEEK_LIMIT = 500;

/** Week calendar of activities with «Отображать в расписании», in the user's time zone. */
export function ActivityCalendarPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const zone = safeZone(user.timeZone);
  const today = nowIn(zone);
  const [offset, setOffset] = useState(0);
  const start = weekStart(today).add(offset, 'week');
  const end = start.add(7, 'day');

  const week = useAsync(
    () =>
      activitiesApi.list({
        showInCalendar: 'true',
        from: start.toISOString(),
        to: end.toISOString(),
        limit: WEEK_LIMIT,
        sort: 'start',
      }),
    [start.toISOString()],
  );

  const range = new Intl.DateTimeFormat(i18n.language, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: zone,
  });

  return (
    <>
      <PageHeader title={t('nav.calendar')}>
        <Button component={Link} to="/activities" variant="default" leftSection={<IconList size={16} />}>
          {t('nav.activities')}
        </Button>
        <Button component={Link} to="/activities/new" leftSection={<IconPlus size={16} />}>
          {t('activity.new')}
        </Button>
      </PageHeader>
      <Group mb="md" gap="xs" wrap="wrap">
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => setOffset((n) => n - 1)}
          aria-label={t('calendar.previous')}
          data-testid="week-prev"
        >
          <IconChevronLeft size={18} />
        </ActionIcon>
        <Button variant="default" onClick={() => setOffset(0)} data-testid="week-today">
          {t('calendar.today')}
        </Button>
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => setOffset((n) => n + 1)}
          aria-label={t('calendar.next')}
          data-testid="week-next"
        >
          <IconChevronRight size={18} />
        </ActionIcon>
        <Text fw={600} data-testid="week-range">
          {range.format(start.toDate())} – {range.format(end.subtract(1, 'day').toDate())}
        </Text>
        {week.loading && <Loader size="xs" />}
      </Group>
      {week.error ? (
        <LoadError error={week.error} onRetry={week.reload} />
      ) : (
        <WeekGrid start={start} activities={week.data?.items ?? []} timeZone={zone} today={today} />
      )}
      <Text size="xs" c="dimmed" mt="xs">
        {t('calendar.hint', { zone: user.timeZone })}
      </Text>
    </>
  );
}
