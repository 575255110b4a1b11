import { assertDate } from '../crm/common/validators.ts';
import { invalid } from '../errors.ts';

/**
 * A mailbox's sync settings (MB-2; shape in DESIGN §4), their defaults and the validation of an
 * update. Pure: references to contact types and groups are checked by the caller against the database.
 */
export type FolderChoice = 'all' | string[];
export type ConflictPolicy = 'lastWriterWins' | 'crmWins' | 'exchangeWins';
export const CONFLICT_POLICIES: ConflictPolicy[] = ['lastWriterWins', 'crmWins', 'exchangeWins'];

export interface SyncSettings {
  mail: { download: boolean; folders: FolderChoice; since: string };
  contacts: {
    auto: boolean;
    import: boolean;
    importFolders: FolderChoice;
    export: boolean;
    exportScope: 'all' | { types: string[]; groupIds: string[] };
  };
  activities: {
    auto: boolean;
    importFrom: string;
    importMeetings: boolean;
    calendars: FolderChoice;
    importTasks: boolean;
    taskFolders: FolderChoice;
    export: boolean;
    exportScope: 'all' | { groupIds: string[] };
  };
  conflictPolicy: ConflictPolicy;
  deletions: { toCrm: boolean; toExchange: boolean };
}

/** The date `days` before `now` as YYYY-MM-DD (UTC). */
function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Defaults for a new mailbox: look back 30 days, import everything, export nothing automatically. */
export function defaultSyncSettings(now: Date): SyncSettings {
  const monthAgo = daysBefore(now, 30);
  return {
    mail: { download: true, folders: 'all', since: monthAgo },
    contacts: { auto: false, import: true, importFolders: 'all', export: false, exportScope: 'all' },
    activities: {
      auto: false,
      importFrom: monthAgo,
      importMeetings: true,
      calendars: 'all',
      importTasks: true,
      taskFolders: 'all',
      export: false,
      exportScope: 'all',
    },
    conflictPolicy: 'lastWriterWins',
    deletions: { toCrm: true, toExchange: true },
  };
}

type Json = Record<string, unknown>;
const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
const MAX_ITEMS = 1000;
const MAX_ID = 1024; // Graph immutable ids and EWS ids are long, but not this long

function object(path: string, value: unknown, keys: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(path || 'body', 'must be of type object', 'type', { type: 'object' });
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) throw invalid(at(path, key), 'is not a known field', 'unknownField');
  }
  return value as Json;
}

function bool(path: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(path, 'must be of type boolean', 'type', { type: 'boolean' });
  return value;
}

function date(path: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(path, 'must be a date in the form YYYY-MM-DD', 'date');
  assertDate(path, value);
  return value;
}

/** A list of ids: strings, not empty, deduplicated. */
function ids(path: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid(path, 'must be of type array', 'type', { type: 'array' });
  if (value.length > MAX_ITEMS)
    throw invalid(path, `must have at most ${MAX_ITEMS} items`, 'range', { limit: MAX_ITEMS });
  value.forEach((v, i) => {
    if (typeof v !== 'string' || !v.trim() || v.length > MAX_ID) {
      throw invalid(at(path, i), 'must be a folder or record id (non-empty text)', 'type', { type: 'string' });
    }
  });
  return [...new Set(value as string[])];
}

/** "all", or a non-empty list of folder ids (choosing no folder at all is what `import: false` is for). */
function folders(path: string, value: unknown): FolderChoice {
  if (value === 'all') return 'all';
  if (!Array.isArray(value)) throw invalid(path, 'must be "all" or a list of folder ids', 'type', { type: 'array' });
  if (value.length === 0) throw invalid(path, 'choose at least one folder, or "all"', 'required');
  return ids(path, value);
}

function contactScope(path: string, value: unknown): SyncSettings['contacts']['exportScope'] {
  if (value === 'all') return 'all';
  const o = object(path, value, ['types', 'groupIds']);
  const scope = {
    types: o.types === undefined ? [] : ids(at(path, 'types'), o.types),
    groupIds: o.groupIds === undefined ? [] : ids(at(path, 'groupIds'), o.groupIds),
  };
  if (scope.types.length === 0 && scope.groupIds.length === 0) {
    throw invalid(path, 'choose contact types or groups to export, or "all"', 'atLeastOne', {
      fields: ['types', 'groupIds'],
    });
  }
  return scope;
}

function activityScope(path: string, value: unknown): SyncSettings['activities']['exportScope'] {
  if (value === 'all') return 'all';
  const o = object(path, value, ['groupIds']);
  const groupIds = o.groupIds === undefined ? [] : ids(at(path, 'groupIds'), o.groupIds);
  if (groupIds.length === 0) throw invalid(at(path, 'groupIds'), 'choose groups to export, or "all"', 'required');
  return { groupIds };
}

type FieldParsers<T> = { [K in keyof T]: (path: string, value: unknown) => T[K] };

/** Applies the given fields of one section over the current ones. */
function section<T extends object>(path: string, input: unknown, current: T, parsers: FieldParsers<T>): T {
  const o = object(path, input, Object.keys(parsers));
  const next = { ...current };
  for (const [key, value] of Object.entries(o)) {
    const parse = parsers[key as keyof T];
    next[key as keyof T] = parse(at(path, key), value);
  }
  return next;
}

/**
 * The settings after an update: sections and fields that are given replace the current ones, the rest
 * stay. Throws a validation error naming the first wrong field (unknown fields included).
 */
export function applySyncSettings(current: SyncSettings, input: unknown): SyncSettings {
  const o = object('', input, ['mail', 'contacts', 'activities', 'conflictPolicy', 'deletions']);
  const next: SyncSettings = { ...current };
  if (o.mail !== undefined) {
    next.mail = section('mail', o.mail, current.mail, { download: bool, folders, since: date });
  }
  if (o.contacts !== undefined) {
    next.contacts = section('contacts', o.contacts, current.contacts, {
      auto: bool,
      import: bool,
      importFolders: folders,
      export: bool,
      exportScope: contactScope,
    });
  }
  if (o.activities !== undefined) {
    next.activities = section('activities', o.activities, current.activities, {
      auto: bool,
      importFrom: date,
      importMeetings: bool,
      calendars: folders,
      importTasks: bool,
      taskFolders: folders,
      export: bool,
      exportScope: activityScope,
    });
  }
  if (o.conflictPolicy !== undefined) {
    if (!CONFLICT_POLICIES.includes(o.conflictPolicy as ConflictPolicy)) {
      throw invalid('conflictPolicy', `must be one of ${CONFLICT_POLICIES.join(', ')}`, 'oneOf', {
        values: CONFLICT_POLICIES,
      });
    }
    next.conflictPolicy = o.conflictPolicy as ConflictPolicy;
  }
  if (o.deletions !== undefined) {
    next.deletions = section('deletions', o.deletions, current.deletions, { toCrm: bool, toExchange: bool });
  }
  return next;
}

/**
 * Stored settings over today's defaults, section by section, so settings saved before a field existed
 * still read complete. Null (never saved) gives the defaults.
 */
export function readSyncSettings(stored: string | null, now: Date): SyncSettings {
  const defaults = defaultSyncSettings(now);
  if (!stored) return defaults;
  const saved = JSON.parse(stored) as Partial<SyncSettings>;
  return {
    mail: { ...defaults.mail, ...saved.mail },
    contacts: { ...defaults.contacts, ...saved.contacts },
    activities: { ...defaults.activities, ...saved.activities },
    conflictPolicy: saved.conflictPolicy ?? defaults.conflictPolicy,
    deletions: { ...defaults.deletions, ...saved.deletions },
  };
}
