/** Shapes of the Tandem REST API (DESIGN.md §4). Ids are strings, fields camelCase. */

export type Language = 'en' | 'ru';
export type Localized = { en: string; ru: string };

export interface SessionUser {
  id: string;
  login: string;
  displayName: string;
  language: Language;
  timeZone: string;
  roleIds: string[];
  contactId?: string | null;
  operations?: string[];
}

export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

export interface ListResponse<T> {
  items: T[];
  total: number;
}

export interface ListQuery {
  q?: string;
  limit?: number;
  offset?: number;
  sort?: string;
  [filter: string]: string | number | boolean | undefined;
}

export interface RecordPermissions {
  edit: boolean;
  delete: boolean;
}

export type CommunicationKind = 'email' | 'phone' | 'web';
export type CommunicationType = 'work' | 'home' | 'mobile' | 'other';
export interface Communication {
  kind: CommunicationKind;
  type: CommunicationType;
  value: string;
}

export type AddressType = 'work' | 'home' | 'other';
export interface Address {
  type: AddressType;
  street: string;
  city: string;
  region: string;
  country: string;
  zip: string;
}

interface Audited {
  id: string;
  changeSeq?: number;
  createdAt?: string;
  modifiedAt?: string;
  createdById?: string;
  modifiedById?: string;
  permissions?: RecordPermissions;
}

export interface Contact extends Audited {
  givenName: string;
  middleName: string;
  surname: string;
  fullName: string;
  jobTitle: string;
  department: string;
  birthday: string | null;
  type: string | null;
  accountId: string | null;
  accountName?: string | null;
  ownerId: string;
  ownerName?: string | null;
  communications: Communication[];
  addresses: Address[];
  notes: string;
}

export interface Account extends Audited {
  name: string;
  type: string | null;
  communications: Communication[];
  addresses: Address[];
  ownerId: string;
  ownerName?: string | null;
  notes: string;
}

export type ActivityCategory = 'task' | 'meeting' | 'email' | 'call';
export type ActivityStatus = 'notStarted' | 'inProgress' | 'completed' | 'cancelled';
export type ActivityPriority = 'low' | 'medium' | 'high';
export type ParticipantRole = 'responsible' | 'participant' | 'optional' | 'organizer';
export type ParticipantResponse = 'none' | 'accepted' | 'declined' | 'tentative';

export interface Participant {
  contactId: string;
  contactName?: string | null;
  role: ParticipantRole;
  response: ParticipantResponse;
}

export interface Activity extends Audited {
  category: ActivityCategory;
  title: string;
  start: string | null;
  due: string | null;
  allDay: boolean;
  status: ActivityStatus;
  priority: ActivityPriority;
  showInCalendar: boolean;
  ownerId: string;
  ownerName?: string | null;
  authorId?: string;
  location: string;
  notes: string;
  reminderAt: string | null;
  participants: Participant[];
}

export type GroupObject = 'contact' | 'activity';
export type FilterOp = 'eq' | 'neq' | 'contains' | 'startsWith' | 'gt' | 'gte' | 'lt' | 'lte' | 'empty' | 'notEmpty';

export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: string | boolean | null;
}

export interface FilterGroup {
  logic: 'and' | 'or';
  conditions: Array<FilterCondition | FilterGroup>;
}

export interface Group {
  id: string;
  name: string;
  object: GroupObject;
  kind: 'static' | 'dynamic';
  filter: FilterGroup | null;
  ownerId: string;
}

export type FilterFieldType = 'string' | 'date' | 'datetime' | 'enum' | 'user' | 'account' | 'boolean';
export interface FilterField {
  name: string;
  type: FilterFieldType;
  values?: string[];
}

export interface LookupItem {
  id: string;
  name: Localized;
}

export interface Lookups {
  contactTypes: LookupItem[];
  accountTypes: LookupItem[];
  timeZones: string[];
}

export interface User extends SessionUser {}

export interface UserInput {
  login?: string;
  password?: string;
  displayName?: string;
  language?: Language;
  timeZone?: string;
  roleIds?: string[];
}

export interface Role {
  id: string;
  name: string;
  operations: string[];
  builtIn: boolean;
}

export interface SystemOperation {
  code: string;
  name: Localized;
}

export type RightsObject = 'contact' | 'account' | 'activity';
export interface RecordRightsDefault {
  object: RightsObject;
  everyoneCanRead: boolean;
  everyoneCanEdit: boolean;
  everyoneCanDelete: boolean;
}

export interface Grant {
  granteeType: 'user' | 'role';
  granteeId: string;
  read: boolean;
  edit: boolean;
  delete: boolean;
}

export interface ProfileInput {
  displayName?: string;
  language?: Language;
  timeZone?: string;
  password?: string;
  currentPassword?: string;
}

export interface Health {
  status: string;
  db: string;
  version: string;
}
