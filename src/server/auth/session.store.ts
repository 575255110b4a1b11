import type { Db } from '../db/database.ts';

/** Rows of the sessions table. Tokens are stored only as SHA-256 hashes. */
export const sessionStore = {
  async insert(db: Db, row: { tokenHash: string; userId: string; csrfToken: string; expiresAt: string }) {
    await db
      .insertInto('sessions')
      .values({
        token_hash: row.tokenHash,
        user_id: row.userId,
        csrf_token: row.csrfToken,
        created_at: new Date().toISOString(),
        expires_at: row.expiresAt,
      })
      .execute();
  },

  async find(db: Db, tokenHash: string) {
    return db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.user_id', 'sessions.csrf_token', 'sessions.expires_at', 'users.login', 'users.active'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
  },

  async touch(db: Db, tokenHash: string, expiresAt: string) {
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
  },

  async delete(db: Db, tokenHash: string) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },

  async deleteForUser(db: Db, userId: string, exceptHash?: string) {
    let q = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptHash) q = q.where('token_hash', '!=', exceptHash);
    await q.execute();
  },

  async deleteExpired(db: Db, now: string) {
    await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  },
};
