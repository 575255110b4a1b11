import type { Db } from '../db/database.ts';
import type { OAuthStatesTable } from '../db/schema.ts';

/** Row access for `oauth_states` (pending sign-ins); only the oauth module touches this table (DESIGN §2). */
export const oauthStateStore = {
  async insert(db: Db, row: OAuthStatesTable): Promise<void> {
    await db.insertInto('oauth_states').values(row).execute();
  },

  async find(db: Db, stateHash: string): Promise<OAuthStatesTable | undefined> {
    return db.selectFrom('oauth_states').selectAll().where('state_hash', '=', stateHash).executeTakeFirst();
  },

  /**
   * Marks the state used, once: the update only matches while `used_at` is null, so of two callbacks racing with
   * the same state exactly one wins (compare-and-set, DESIGN §7.6). True for the winner.
   */
  async markUsed(db: Db, stateHash: string, usedAt: string): Promise<boolean> {
    const result = await db
      .updateTable('oauth_states')
      .set({ used_at: usedAt })
      .where('state_hash', '=', stateHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Removes states that expired before `before`. */
  async deleteExpiredBefore(db: Db, before: string): Promise<void> {
    await db.deleteFrom('oauth_states').where('expires_at', '<', before).execute();
  },
};
