import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { Activity } from '../api/api-types.ts';
import type { RecordsApi } from '../api/records.api.ts';
import { activitiesApi } from '../api/records.api.ts';
import { textToHtml } from '../common/html-text.ts';
import { RecordPage } from '../common/record-page.tsx';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { type ActivityDraft, ActivityForm } from './activity-form.tsx';
import { ParticipantsEditor } from './participants-editor.tsx';

function toPayload(draft: ActivityDraft, original: Activity | undefined): Partial<Activity> {
  return {
    category: draft.category,
    title: draft.title,
    start: draft.start,
    due: draft.due,
    allDay: draft.allDay,
    status: draft.status,
    priority: draft.priority,
    showInCalendar: draft.showInCalendar,
    ...(draft.ownerId ? { ownerId: draft.ownerId } : {}),
    location: draft.location,
    reminderAt: draft.reminderAt,
    participants: draft.participants
      .filter((p) => p.contactId)
      .map(({ contactId, role, response }) => ({ contactId, role, response })),
    // Untouched notes keep their original HTML; edited ones become simple paragraphs.
    ...(draft.notesText !== undefined ? { notes: textToHtml(draft.notesText) } : original ? {} : { notes: '' }),
  };
}

/** An activity: details, participants, access rights. */
export function ActivityRecordPage() {
  const { t } = useTranslation();
  const { id = 'new' } = useParams();
  const user = useCurrentUser();
  const blank = (): ActivityDraft => ({
    id: '',
    category: 'task',
    title: '',
    start: null,
    due: null,
    allDay: false,
    status: 'notStarted',
    priority: 'medium',
    showInCalendar: false,
    ownerId: user.id,
    location: '',
    notes: '',
    reminderAt: null,
    participants: [],
  });
  return (
    <RecordPage<ActivityDraft>
      testId="activity-record"
      api={activitiesApi as RecordsApi<ActivityDraft>}
      id={id}
      listPath="/activities"
      listLabel={t('nav.activities')}
      newTitle={t('activity.new')}
      blank={blank}
      titleOf={(a) => a.title}
      toPayload={toPayload}
      details={(args) => <ActivityForm {...args} />}
      extraTabs={[
        {
          value: 'participants',
          label: t('participants.tab'),
          fields: ['participants'],
          render: (args) => <ParticipantsEditor {...args} />,
        },
      ]}
    />
  );
}
