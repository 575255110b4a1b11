import { Button, Select, Text } from '@mantine/core';
import { IconCalendarWeek, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Activity } from '../api/api-types.ts';
import { activitiesApi } from '../api/records.api.ts';
import { formatDateTime } from '../common/date-time.ts';
import { PageHeader } from '../common/page-header.tsx';
import { type Column, RecordList } from '../common/record-list.tsx';
import { SyncActionsMenu } from '../common/sync-actions-menu.tsx';
import { GroupedListLayout, ListGroupActions, useGroupedList } from '../groups/grouped-list.tsx';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { CATEGORIES, options, STATUSES } from './activity-options.ts';

const STATUS_COLORS: Record<string, string> = {
  notStarted: 'dimmed',
  inProgress: 'blue',
  completed: 'teal',
  cancelled: 'red',
};

/** Searches activities for the group member picker. */
async function searchActivities(q: string) {
  const { items } = await activitiesApi.list({ q, limit: 20 });
  return items.map((a) => ({ value: a.id, label: a.title || a.id }));
}

/** Activities: groups, category/status filters, search, paging, Actions menu, link to the week calendar. */
export function ActivityListPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const list = useGroupedList('activity');
  const [category, setCategory] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const when = (iso: string | null) => formatDateTime(iso, i18n.language, user.timeZone, 'short');

  const columns: Column<Activity>[] = [
    { key: 'title', label: t('activity.title'), sortField: 'title', link: true, render: (a) => a.title },
    { key: 'category', label: t('activity.category'), render: (a) => t(`activity.categories.${a.category}`) },
    {
      key: 'status',
      label: t('activity.status'),
      render: (a) => (
        <Text size="sm" fw={500} c={STATUS_COLORS[a.status] ?? 'gray'} style={{ whiteSpace: 'nowrap' }}>
          {t(`activity.statuses.${a.status}`)}
        </Text>
      ),
    },
    { key: 'start', label: t('activity.start'), sortField: 'start', render: (a) => when(a.start) },
    { key: 'due', label: t('activity.due'), sortField: 'due', render: (a) => when(a.due) },
    { key: 'priority', label: t('activity.priority'), render: (a) => t(`activity.priorities.${a.priority}`) },
    { key: 'owner', label: t('common.owner'), render: (a) => a.ownerName ?? '' },
  ];

  return (
    <>
      <PageHeader title={t('nav.activities')}>
        <Button component={Link} to="/calendar" variant="default" leftSection={<IconCalendarWeek size={16} />}>
          {t('nav.calendar')}
        </Button>
        <SyncActionsMenu kind="activities" />
        <Button component={Link} to="/activities/new" leftSection={<IconPlus size={16} />} data-testid="new-record">
          {t('activity.new')}
        </Button>
      </PageHeader>
      <GroupedListLayout list={list} searchRecords={searchActivities}>
        <RecordList<Activity>
          testId="activity-list"
          api={activitiesApi}
          columns={columns}
          defaultSort="-start"
          filters={{
            groupId: list.groups.groupId ?? undefined,
            category: category ?? undefined,
            status: status ?? undefined,
          }}
          rowHref={(a) => `/activities/${a.id}`}
          rowLabel={(a) => a.title}
          {...list.listProps}
          toolbar={
            <>
              <Select
                aria-label={t('activity.category')}
                placeholder={t('activity.category')}
                data={options(t, 'activity.categories', CATEGORIES)}
                value={category}
                onChange={setCategory}
                clearable
                w={150}
              />
              <Select
                aria-label={t('activity.status')}
                placeholder={t('activity.status')}
                data={options(t, 'activity.statuses', STATUSES)}
                value={status}
                onChange={setStatus}
                clearable
                w={150}
              />
              <ListGroupActions list={list} />
            </>
          }
        />
      </GroupedListLayout>
    </>
  );
}
