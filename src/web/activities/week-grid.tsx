import { Anchor, Badge, Box, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Activity } from '../api/api-types.ts';
import { formatTime, inZone } from '../common/date-time.ts';

interface Props {
  /** Monday 00:00 in the user's zone. */
  start: Dayjs;
  activities: Activity[];
  timeZone: string;
  today: Dayjs;
}

/** Whether the activity overlaps the day [day, day+1). */
function overlaps(activity: Activity, day: Dayjs, timeZone: string): boolean {
  const from = activity.start ?? activity.due;
  if (!from) return false;
  const begin = inZone(from, timeZone);
  const end = activity.due ? inZone(activity.due, timeZone) : begin;
  const next = day.add(1, 'day');
  return begin.isBefore(next) && (end.isAfter(day) || end.isSame(day) || begin.isSame(day));
}

/** Seven day columns with the activities shown in the calendar («Отображать в расписании»). */
export function WeekGrid({ start, activities, timeZone, today }: Props) {
  const { t, i18n } = useTranslation();
  const days = Array.from({ length: 7 }, (_, i) => start.add(i, 'day'));

  return (
    // Seven columns where there is room; on a phone the days stack, which reads better than sideways scrolling.
    <Box data-testid="week-grid">
      <SimpleGrid cols={{ base: 1, md: 7 }} spacing="xs">
        {days.map((day) => {
          const items = activities
            .filter((a) => overlaps(a, day, timeZone))
            .sort((a, b) => Number(b.allDay) - Number(a.allDay) || (a.start ?? '').localeCompare(b.start ?? ''));
          const isToday = day.isSame(today, 'day');
          return (
            <Paper
              key={day.format('YYYY-MM-DD')}
              withBorder
              p="xs"
              mih={{ base: 0, md: 320 }}
              bg={isToday ? 'var(--mantine-color-indigo-0)' : undefined}
              data-testid="week-day"
            >
              <Text size="xs" c="dimmed" tt="capitalize">
                {new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone }).format(day.toDate())}
              </Text>
              <Text fw={700} mb="xs">
                {new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone }).format(
                  day.toDate(),
                )}
              </Text>
              <Stack gap={6}>
                {items.map((activity) => (
                  <Paper
                    key={activity.id}
                    p={6}
                    radius="sm"
                    bg="var(--mantine-color-indigo-light)"
                    data-testid="calendar-item"
                  >
                    <Text size="xs" c="dimmed">
                      {activity.allDay || !activity.start
                        ? t('activity.allDay')
                        : formatTime(activity.start, i18n.language, timeZone)}
                    </Text>
                    <Anchor component={Link} to={`/activities/${activity.id}`} size="sm" fw={500} lineClamp={3}>
                      {activity.title || t('list.untitled')}
                    </Anchor>
                    <Badge size="xs" variant="outline" mt={2}>
                      {t(`activity.categories.${activity.category}`)}
                    </Badge>
                  </Paper>
                ))}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Box>
  );
}
