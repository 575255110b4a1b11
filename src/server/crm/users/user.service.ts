import { randomUUID } from 'node:crypto';
import { generatePassword, hashPassword, verifyPassword } from '../../auth/password.ts';
import type { Db } from '../../db/database.ts';
import { ADMINISTRATORS_ROLE_ID } from '../../db/migrations/002-reference-data.migration.ts';
import type { UsersTable } from '../../db/schema.ts';
import { AppError, invalid, notFound, taken } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { assertTimeZone } from '../common/validators.ts';
import { contactService } from '../contacts/contact.service.ts';
import { rightsService } from '../rights/rights.service.ts';
import { userStore } from './user.store.ts';
import type { ProfileInput, User, UserInput } from './user.types.ts';

export const MIN_PASSWORD_LENGTH = 8;
const LOGIN = /^[\p{L}\p{N}._@+-]{1,64}$/u;

function assertPassword(field: string, password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw invalid(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`, 'minLength', {
      limit: MIN_PASSWORD_LENGTH,
    });
}

async function assertRoles(db: Db, roleIds: string[]): Promise<void> {
  for (const [i, id] of roleIds.entries()) {
    const row = await db.selectFrom('roles').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) throw invalid(`roleIds.${i}`, `no role with id ${id}`, 'notFound');
  }
}

/** Refuses a change that would leave nobody able to administer the system. */
export async function assertAdministratorRemains(trx: Db): Promise<void> {
  if ((await userStore.administratorIds(trx)).length === 0) {
    throw new AppError(
      'TANDEM_ERR_CONFLICT',
      'At least one active user must keep the CanManageAdministration operation',
    );
  }
}

/** Users, memberships and the signed-in user's own profile. */
export const userService = {
  findForLogin: (db: Db, login: string) => userStore.findByLogin(db, login),

  async rolesAndOperations(db: Db, userId: string) {
    const roleIds = await userStore.roleIdsOf(db, userId);
    return { roleIds, operations: await userStore.operationsOfRoles(db, roleIds) };
  },

  /**
   * The user as an actor outside any session: background work acts with its owner's rights (the sync imports and
   * exports as the mailbox's owner, CT-2, CT-3). Undefined for an unknown or deactivated user.
   */
  async actorFor(db: Db, userId: string): Promise<Actor | undefined> {
    const user = await db
      .selectFrom('users')
      .select(['id', 'login', 'active'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (user?.active !== 1) return undefined;
    const { roleIds, operations } = await userService.rolesAndOperations(db, userId);
    return { id: user.id, login: user.login, roleIds, operations: new Set(operations), csrfToken: '', sessionHash: '' };
  },

  list: (db: Db, q: string | undefined, limit: number, offset: number) => userStore.list(db, q, limit, offset),

  async get(db: Db, id: string): Promise<User> {
    const user = await userStore.findById(db, id);
    if (!user) throw notFound('User', id);
    return user;
  },

  /** Creates a user and, unless one is given, their own contact of type Employee. */
  async create(db: Db, actor: Actor, input: UserInput & { login: string; password: string }): Promise<User> {
    const login = input.login.trim();
    if (!LOGIN.test(login)) throw invalid('login', 'use 1–64 letters, digits and . _ @ + - (no spaces)', 'login');
    assertPassword('password', input.password);
    const timeZone = input.timeZone ?? 'UTC';
    assertTimeZone('timeZone', timeZone);
    const displayName = input.displayName?.trim() || login;
    const roleIds = [...new Set(input.roleIds ?? [])];
    const passwordHash = await hashPassword(input.password);
    const id = randomUUID();
    await db.transaction().execute(async (trx) => {
      if (await userStore.findByLogin(trx, login)) {
        throw taken('login', `A user with login "${login}" already exists`);
      }
      await assertRoles(trx, roleIds);
      const now = new Date().toISOString();
      const row: UsersTable = {
        id,
        login,
        login_lower: login.toLowerCase(),
        password_hash: passwordHash,
        display_name: displayName,
        language: input.language ?? 'en',
        time_zone: timeZone,
        contact_id: null,
        active: input.active === false ? 0 : 1,
        created_at: now,
        modified_at: now,
      };
      await userStore.insert(trx, row);
      await userStore.setRoles(trx, id, roleIds);
      const contactId =
        input.contactId ??
        (await contactService.createIn(trx, actor, { fullName: displayName, type: 'employee', ownerId: id }));
      await userStore.update(trx, id, { contact_id: contactId });
    });
    return userService.get(db, id);
  },

  async update(db: Db, actor: Actor, id: string, input: UserInput): Promise<User> {
    if (id === actor.id && input.active === false) {
      throw new AppError('TANDEM_ERR_CONFLICT', 'You cannot deactivate your own user', { field: 'active' });
    }
    await db.transaction().execute(async (trx) => {
      const current = await userStore.rawById(trx, id);
      if (!current) throw notFound('User', id);
      const set: Partial<UsersTable> = { modified_at: new Date().toISOString() };
      if (input.login !== undefined) {
        const login = input.login.trim();
        if (!LOGIN.test(login)) throw invalid('login', 'use 1–64 letters, digits and . _ @ + - (no spaces)', 'login');
        const other = await userStore.findByLogin(trx, login);
        if (other && other.id !== id) {
          throw taken('login', `A user with login "${login}" already exists`);
        }
        set.login = login;
        set.login_lower = login.toLowerCase();
      }
      if (input.password !== undefined) {
        assertPassword('password', input.password);
        set.password_hash = await hashPassword(input.password);
      }
      if (input.displayName !== undefined) {
        if (!input.displayName.trim()) throw invalid('displayName', 'is required', 'required');
        set.display_name = input.displayName.trim();
      }
      if (input.language !== undefined) set.language = input.language;
      if (input.timeZone !== undefined) {
        assertTimeZone('timeZone', input.timeZone);
        set.time_zone = input.timeZone;
      }
      if (input.contactId !== undefined) set.contact_id = input.contactId;
      if (input.active !== undefined) set.active = input.active ? 1 : 0;
      await userStore.update(trx, id, set);
      if (input.roleIds !== undefined) {
        const roleIds = [...new Set(input.roleIds)];
        await assertRoles(trx, roleIds);
        await userStore.setRoles(trx, id, roleIds);
      }
      await assertAdministratorRemains(trx);
      // A new password or deactivation ends the user's other sessions.
      if (input.password !== undefined || input.active === false) {
        await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      }
    });
    return userService.get(db, id);
  },

  async delete(db: Db, actor: Actor, id: string): Promise<void> {
    if (id === actor.id) throw new AppError('TANDEM_ERR_CONFLICT', 'You cannot delete your own user');
    await db.transaction().execute(async (trx) => {
      if (!(await userStore.rawById(trx, id))) throw notFound('User', id);
      await rightsService.forgetGrantee(trx, 'user', id);
      await userStore.delete(trx, id);
      await assertAdministratorRemains(trx);
    });
  },

  async updateProfile(db: Db, actor: Actor, input: ProfileInput): Promise<User> {
    const current = await userStore.rawById(db, actor.id);
    if (!current) throw notFound('User', actor.id);
    const set: Partial<UsersTable> = { modified_at: new Date().toISOString() };
    if (input.password !== undefined) {
      if (!input.currentPassword || !(await verifyPassword(input.currentPassword, current.password_hash))) {
        throw invalid('currentPassword', 'is wrong', 'wrongPassword');
      }
      assertPassword('password', input.password);
      set.password_hash = await hashPassword(input.password);
    }
    if (input.displayName !== undefined) {
      if (!input.displayName.trim()) throw invalid('displayName', 'is required', 'required');
      set.display_name = input.displayName.trim();
    }
    if (input.language !== undefined) set.language = input.language;
    if (input.timeZone !== undefined) {
      assertTimeZone('timeZone', input.timeZone);
      set.time_zone = input.timeZone;
    }
    await db.transaction().execute(async (trx) => {
      await userStore.update(trx, actor.id, set);
      if (input.password !== undefined) {
        await trx
          .deleteFrom('sessions')
          .where('user_id', '=', actor.id)
          .where('token_hash', '!=', actor.sessionHash)
          .execute();
      }
    });
    return userService.get(db, actor.id);
  },

  /**
   * On first start, creates the administrator `admin` (password from TANDEM_ADMIN_PASSWORD or generated).
   * Returns the generated password so the caller can print it once; undefined when users already exist.
   */
  async ensureAdministrator(db: Db, configured: string | undefined) {
    const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (any) return undefined;
    const password = configured ?? generatePassword();
    const system: Actor = {
      id: '',
      login: 'system',
      roleIds: [ADMINISTRATORS_ROLE_ID],
      operations: new Set(['CanManageAdministration', 'CanManageAllRecords']),
      csrfToken: '',
      sessionHash: '',
    };
    const user = await userService.create(db, system, {
      login: 'admin',
      password,
      displayName: 'Administrator',
      roleIds: [ADMINISTRATORS_ROLE_ID],
    });
    return { login: user.login, password, generated: configured === undefined };
  },
};
