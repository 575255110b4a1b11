import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { userService } from '../crm/users/user.service.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../http/access.ts';
import { verifyPassword } from './password.ts';
import { sessionStore } from './session.store.ts';

export const SESSION_COOKIE = 'tandem_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A password hash to compare against when the login is unknown, so timing does not reveal logins. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Cookie sessions: opaque random token in the cookie, its SHA-256 in the database (a leaked table grants nothing). */
export const sessionService = {
  async signIn(db: Db, login: string, password: string, hours: number) {
    const user = await userService.findForLogin(db, login);
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok || user.active !== 1) throw new AppError('TANDEM_ERR_BAD_CREDENTIALS');
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await sessionStore.insert(db, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(Date.now() + hours * 3600_000).toISOString(),
    });
    await sessionStore.deleteExpired(db, new Date().toISOString());
    return { token, csrfToken, userId: user.id };
  },

  /** Resolves a cookie token to an actor, sliding the expiry forward; undefined when unknown or expired. */
  async resolve(db: Db, token: string, hours: number): Promise<Actor | undefined> {
    const tokenHash = hashToken(token);
    const row = await sessionStore.find(db, tokenHash);
    if (row?.active !== 1) return undefined;
    const now = Date.now();
    const expires = Date.parse(row.expires_at);
    if (expires < now) return undefined;
    // Slide the expiry at most once per ~minute of use to avoid a write per request.
    const fresh = now + hours * 3600_000;
    if (fresh - expires > 60_000) await sessionStore.touch(db, tokenHash, new Date(fresh).toISOString());
    const { roleIds, operations } = await userService.rolesAndOperations(db, row.user_id);
    return {
      id: row.user_id,
      login: row.login,
      roleIds,
      operations: new Set(operations),
      csrfToken: row.csrf_token,
      sessionHash: tokenHash,
    };
  },

  async signOut(db: Db, actor: Actor): Promise<void> {
    await sessionStore.delete(db, actor.sessionHash);
  },

  /** Constant-time CSRF token comparison. */
  csrfMatches(actor: Actor, header: string | undefined): boolean {
    if (!header) return false;
    const a = Buffer.from(actor.csrfToken);
    const b = Buffer.from(header);
    return a.length === b.length && timingSafeEqual(a, b);
  },
};
