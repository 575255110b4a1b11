import type { Generated } from 'kysely';

/**
 * Table types shared by both dialects. Portable column choices (valid on SQLite and PostgreSQL alike):
 * ids are text (UUIDs made by the app), timestamps are ISO-8601 UTC text (they sort correctly as text),
 * booleans are integers 0/1 (better-sqlite3 cannot bind JS booleans), `change_seq` is a bigint that the
 * PostgreSQL driver is told to return as a number (see database.ts).
 */
export type Flag = 0 | 1;

export interface UsersTable {
  id: string;
  login: string;
  login_lower: string;
  password_hash: string;
  display_name: string;
  language: 'en' | 'ru';
  time_zone: string;
  contact_id: string | null;
  active: Flag;
  created_at: string;
  modified_at: string;
}
export interface RolesTable {
  id: string;
  name: string;
  name_lower: string;
  built_in: Flag;
  created_at: string;
}
export interface RoleOperationsTable {
  role_id: string;
  operation_code: string;
}
export interface UserRolesTable {
  user_id: string;
  role_id: string;
}
export interface SystemOperationsTable {
  code: string;
  name_en: string;
  name_ru: string;
}
export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}
export interface LookupTable {
  id: string;
  name_en: string;
  name_ru: string;
  position: number;
}
export interface AuditColumns {
  change_seq: number;
  created_by: string | null;
  created_at: string;
  modified_by: string | null;
  modified_at: string;
}
export interface ContactsTable extends AuditColumns {
  id: string;
  given_name: string | null;
  middle_name: string | null;
  surname: string | null;
  full_name: string;
  job_title: string | null;
  department: string | null;
  birthday: string | null;
  type_id: string | null;
  account_id: string | null;
  owner_id: string | null;
  notes: string | null;
  search_text: string;
}
export interface AccountsTable extends AuditColumns {
  id: string;
  name: string;
  type_id: string | null;
  owner_id: string | null;
  notes: string | null;
  search_text: string;
}
export type RecordKind = 'contact' | 'account';
export interface CommunicationsTable {
  id: string;
  record_kind: RecordKind;
  record_id: string;
  kind: 'email' | 'phone' | 'web';
  type: string;
  value: string;
  value_lower: string;
  position: number;
}
export interface AddressesTable {
  id: string;
  record_kind: RecordKind;
  record_id: string;
  type: string;
  street: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  zip: string | null;
  position: number;
}
export interface ActivitiesTable extends AuditColumns {
  id: string;
  category: 'task' | 'meeting' | 'email' | 'call';
  title: string;
  start_at: string | null;
  due_at: string | null;
  all_day: Flag;
  status: 'notStarted' | 'inProgress' | 'completed' | 'cancelled';
  priority: 'low' | 'medium' | 'high';
  show_in_calendar: Flag;
  owner_id: string | null;
  author_id: string | null;
  location: string | null;
  notes: string | null;
  reminder_at: string | null;
  search_text: string;
}
export interface ActivityParticipantsTable {
  activity_id: string;
  contact_id: string;
  role: 'responsible' | 'participant' | 'optional' | 'organizer';
  response: 'none' | 'accepted' | 'declined' | 'tentative';
  position: number;
}
export type GroupObject = 'contact' | 'activity';
export interface RecordGroupsTable {
  id: string;
  name: string;
  object: GroupObject;
  kind: 'static' | 'dynamic';
  filter: string | null;
  owner_id: string | null;
  created_at: string;
  modified_at: string;
}
export interface GroupMembersTable {
  group_id: string;
  record_id: string;
}
export type RightsObject = 'contact' | 'account' | 'activity';
export interface RecordGrantsTable {
  object: RightsObject;
  record_id: string;
  grantee_type: 'user' | 'role';
  grantee_id: string;
  can_read: Flag;
  can_edit: Flag;
  can_delete: Flag;
}
export interface RightsDefaultsTable {
  object: RightsObject;
  everyone_read: Flag;
  everyone_edit: Flag;
  everyone_delete: Flag;
}
export interface RecordTombstonesTable {
  object: RightsObject;
  record_id: string;
  change_seq: number;
  deleted_by: string | null;
  deleted_at: string;
}
export interface CountersTable {
  name: string;
  value: Generated<number>;
}

// Mail (migration 004). Columns ending in `_enc` hold vault ciphertext (MS-11), never plaintext.
export type MailServiceType = 'exchange' | 'imap';
export type LoginFormat = 'manual' | 'email' | 'mailboxName';
export type MailAuth = 'basic' | 'oauth2';
export type ExchangeProtocol = 'auto' | 'graph' | 'ews';
export type TransportSecurity = 'tls' | 'starttls' | 'none';
export type MailboxState = 'new' | 'connected' | 'needsSignIn' | 'error';
export interface MailServicesTable {
  id: string;
  name: string;
  type: MailServiceType;
  address: string;
  download_emails: Flag;
  send_emails: Flag;
  login_format: LoginFormat;
  auth: MailAuth;
  client_id: string | null;
  client_secret_enc: string | null;
  tenant: string;
  protocol: ExchangeProtocol;
  authority_url: string;
  graph_url: string;
  imap_host: string | null;
  imap_port: number | null;
  imap_security: TransportSecurity | null;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_security: TransportSecurity | null;
  created_at: string;
  modified_at: string;
}
export interface MailProviderDomainsTable {
  id: string;
  domain: string;
  mail_service_id: string;
}
export interface MailboxesTable {
  id: string;
  email: string;
  email_lower: string;
  mail_service_id: string;
  owner_id: string;
  login: string | null;
  password_enc: string | null;
  state: MailboxState;
  access_token_enc: string | null;
  refresh_token_enc: string | null;
  token_expires_at: string | null;
  remote_user_id: string | null;
  last_test_at: string | null;
  last_test_result: string | null;
  sync_settings: string | null;
  created_at: string;
  modified_at: string;
}
export interface OAuthStatesTable {
  state_hash: string;
  user_id: string;
  session_hash: string;
  mailbox_id: string | null;
  draft: string | null;
  code_verifier_enc: string;
  nonce: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

// Sync engine (migration 005, DESIGN §3).
export type SyncKind = 'contacts';
export type SyncRunState = 'queued' | 'running' | 'succeeded' | 'failed' | 'needsConfirmation';
export interface SyncLinksTable {
  mailbox_id: string;
  kind: SyncKind;
  crm_id: string;
  remote_id: string | null;
  folder_id: string | null;
  remote_version: string | null;
  crm_seq: number;
  base: string | null;
  crm_base: string | null;
  pending: 'create' | 'detached' | 'echo' | null;
  seen_round: string | null;
  updated_at: string;
}
export interface SyncCursorsTable {
  mailbox_id: string;
  kind: SyncKind;
  scope: string;
  value: string | null;
  listing: string | null;
  updated_at: string;
}
export interface SyncRunsTable {
  id: string;
  mailbox_id: string;
  kind: SyncKind;
  state: SyncRunState;
  trigger: 'manual' | 'schedule' | 'confirm';
  active_key: string | null;
  confirm_deletions: Flag;
  attempt: number;
  created: number;
  updated: number;
  deleted: number;
  skipped: number;
  failed: number;
  conflicts: number;
  stage: string | null;
  error_code: string | null;
  error_message: string | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
  worker: string | null;
}
export interface SyncJournalTable {
  id: string;
  mailbox_id: string;
  kind: SyncKind;
  run_id: string | null;
  at: string;
  seq: number;
  action: string;
  side: 'crm' | 'remote' | null;
  result: 'ok' | 'skipped' | 'failed';
  rule: string | null;
  crm_id: string | null;
  remote_id: string | null;
  item_name: string | null;
  message: string | null;
  /** What the message says, for the UI to word (migration 006); arguments as a JSON object. */
  message_code: string | null;
  message_args: string | null;
}
export interface SyncConflictsTable {
  id: string;
  mailbox_id: string;
  kind: SyncKind;
  run_id: string | null;
  at: string;
  crm_id: string;
  remote_id: string | null;
  item_name: string | null;
  policy: string;
  resolution: 'crm' | 'remote' | 'merged';
  fields: string;
  base: string | null;
  crm_version: string;
  remote_version: string;
  result: string;
}
export interface SyncPendingDeletionsTable {
  mailbox_id: string;
  kind: SyncKind;
  side: 'crm' | 'remote';
  crm_id: string;
  remote_id: string | null;
  folder_id: string | null;
  item_name: string | null;
  run_id: string | null;
  created_at: string;
}
export interface SyncLeasesTable {
  mailbox_id: string;
  kind: SyncKind;
  run_id: string;
  holder: string;
  expires_at: string;
}

export interface Database {
  users: UsersTable;
  roles: RolesTable;
  role_operations: RoleOperationsTable;
  user_roles: UserRolesTable;
  system_operations: SystemOperationsTable;
  sessions: SessionsTable;
  contact_types: LookupTable;
  account_types: LookupTable;
  contacts: ContactsTable;
  accounts: AccountsTable;
  communications: CommunicationsTable;
  addresses: AddressesTable;
  activities: ActivitiesTable;
  activity_participants: ActivityParticipantsTable;
  record_groups: RecordGroupsTable;
  group_members: GroupMembersTable;
  record_grants: RecordGrantsTable;
  rights_defaults: RightsDefaultsTable;
  record_tombstones: RecordTombstonesTable;
  counters: CountersTable;
  mail_services: MailServicesTable;
  mail_provider_domains: MailProviderDomainsTable;
  mailboxes: MailboxesTable;
  oauth_states: OAuthStatesTable;
  sync_links: SyncLinksTable;
  sync_cursors: SyncCursorsTable;
  sync_runs: SyncRunsTable;
  sync_journal: SyncJournalTable;
  sync_conflicts: SyncConflictsTable;
  sync_pending_deletions: SyncPendingDeletionsTable;
  sync_leases: SyncLeasesTable;
}
