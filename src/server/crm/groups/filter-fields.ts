import type { GroupObject } from '../../db/schema.ts';

/** A field a dynamic group may filter on, and where its value lives. */
export type FieldType = 'string' | 'date' | 'datetime' | 'enum' | 'user' | 'account' | 'boolean';
export interface FilterField {
  name: string;
  type: FieldType;
  /** A column of the record's own table… */
  column?: string;
  /** …or a value in a child table (any matching row counts). */
  child?: { table: 'communications' | 'addresses'; column: string; kind?: 'email' | 'phone' | 'web' };
  values?: readonly string[];
}

export const ACTIVITY_CATEGORIES = ['task', 'meeting', 'email', 'call'] as const;
export const ACTIVITY_STATUSES = ['notStarted', 'inProgress', 'completed', 'cancelled'] as const;
export const ACTIVITY_PRIORITIES = ['low', 'medium', 'high'] as const;

/** The whitelist of filterable fields per object; nothing else reaches SQL as an identifier. */
export const FILTER_FIELDS: Record<GroupObject, FilterField[]> = {
  contact: [
    { name: 'fullName', type: 'string', column: 'contacts.full_name' },
    { name: 'givenName', type: 'string', column: 'contacts.given_name' },
    { name: 'surname', type: 'string', column: 'contacts.surname' },
    { name: 'jobTitle', type: 'string', column: 'contacts.job_title' },
    { name: 'department', type: 'string', column: 'contacts.department' },
    { name: 'type', type: 'enum', column: 'contacts.type_id' },
    { name: 'accountId', type: 'account', column: 'contacts.account_id' },
    { name: 'ownerId', type: 'user', column: 'contacts.owner_id' },
    { name: 'birthday', type: 'date', column: 'contacts.birthday' },
    { name: 'email', type: 'string', child: { table: 'communications', column: 'value', kind: 'email' } },
    { name: 'phone', type: 'string', child: { table: 'communications', column: 'value', kind: 'phone' } },
    { name: 'city', type: 'string', child: { table: 'addresses', column: 'city' } },
    { name: 'country', type: 'string', child: { table: 'addresses', column: 'country' } },
    { name: 'createdAt', type: 'datetime', column: 'contacts.created_at' },
    { name: 'modifiedAt', type: 'datetime', column: 'contacts.modified_at' },
  ],
  activity: [
    { name: 'title', type: 'string', column: 'activities.title' },
    { name: 'category', type: 'enum', column: 'activities.category', values: ACTIVITY_CATEGORIES },
    { name: 'status', type: 'enum', column: 'activities.status', values: ACTIVITY_STATUSES },
    { name: 'priority', type: 'enum', column: 'activities.priority', values: ACTIVITY_PRIORITIES },
    { name: 'ownerId', type: 'user', column: 'activities.owner_id' },
    { name: 'start', type: 'datetime', column: 'activities.start_at' },
    { name: 'due', type: 'datetime', column: 'activities.due_at' },
    { name: 'showInCalendar', type: 'boolean', column: 'activities.show_in_calendar' },
    { name: 'location', type: 'string', column: 'activities.location' },
    { name: 'createdAt', type: 'datetime', column: 'activities.created_at' },
  ],
};

export const GROUP_TABLE: Record<GroupObject, 'contacts' | 'activities'> = {
  contact: 'contacts',
  activity: 'activities',
};
