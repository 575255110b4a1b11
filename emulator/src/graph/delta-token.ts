/**
 * Delta state tokens. Graph's `$skiptoken`/`$deltatoken` are opaque and carry every query option of the
 * initial request (`concepts/delta-query-overview.md`, "State tokens"), so ours are self-contained:
 * resource, mailbox, folder, the log window and the options. Nothing is kept on the server, which is also
 * why a token of a mailbox that was reset or re-created no longer resolves (syncStateNotFound).
 */

/** messages, contacts, mailFolders, contactFolders, calendarView, To Do lists, To Do tasks. */
export type DeltaResourceCode = 'm' | 'c' | 'mf' | 'cf' | 'cv' | 'tl' | 't';

export interface DeltaState {
  v: 1;
  /** Resource: messages, contacts, mailFolders, contactFolders. */
  r: DeltaResourceCode;
  /** Mailbox GUID. */
  mb: string;
  /** Folder number (0 for the folder hierarchies). */
  f: number;
  /** Exclusive lower bound of the round's log window. */
  s: number;
  /** Upper bound of the round, fixed by its first page (skip tokens only). */
  u?: number;
  /** Log index to resume from (skip tokens only). */
  i?: number;
  sel?: string[];
  /** Raw `$expand`. */
  exp?: string;
  ct?: 'created' | 'updated' | 'deleted';
  /** `$filter=receivedDateTime ge|gt {value}` (messages only). */
  rf?: { op: 'ge' | 'gt'; t: number };
  top?: number;
  /** calendarView window [start, end) in ms since epoch (calendarView delta only). */
  w?: [number, number];
}

export function encodeDeltaState(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

/** Undefined when the token is not one of ours. */
export function decodeDeltaState(token: string): DeltaState | undefined {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
    if (state?.v !== 1 || typeof state.mb !== 'string' || typeof state.s !== 'number' || typeof state.f !== 'number') {
      return undefined;
    }
    if (!['m', 'c', 'mf', 'cf', 'cv', 'tl', 't'].includes(state.r)) return undefined;
    return state;
  } catch {
    return undefined;
  }
}
