import { opaqueToken } from '../directory/ids.ts';

/** Name of the cookie that keeps a browser signed in to the emulator's identity pages. */
export const SESSION_COOKIE = 'emulator_session';

/** Browser sign-in sessions (cookie value → user id). In memory only: a restart signs browsers out, as Entra would not, but harmlessly. */
export class BrowserSessions {
  private readonly sessions = new Map<string, string>();

  create(userId: string): string {
    const id = opaqueToken(24);
    this.sessions.set(id, userId);
    return id;
  }

  userOf(cookieHeader: string | undefined): string | undefined {
    const id = readCookie(cookieHeader, SESSION_COOKIE);
    return id ? this.sessions.get(id) : undefined;
  }

  end(cookieHeader: string | undefined): void {
    const id = readCookie(cookieHeader, SESSION_COOKIE);
    if (id) this.sessions.delete(id);
  }

  /** Ends every session of a user (revocation). */
  endAllFor(userId: string): void {
    for (const [id, uid] of this.sessions) if (uid === userId) this.sessions.delete(id);
  }

  clear(): void {
    this.sessions.clear();
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** `Set-Cookie` value for a new session: scoped to the whole host because tenant segments vary. */
export function sessionCookie(id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;
}
