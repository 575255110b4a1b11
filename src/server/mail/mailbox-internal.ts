import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { MailboxesTable, MailboxState } from '../db/schema.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { splitMailAddress } from './mail-address.ts';
import { mailServiceService } from './mail-service.service.ts';
import { mailboxStore } from './mailbox.store.ts';
import type { ConnectedMailboxInput, MailboxInternal, MailboxTokens, TestRecord } from './mailbox.types.ts';
import { testResultJson } from './mailbox-view.ts';
import { defaultSyncSettings, readSyncSettings, type SyncSettings } from './sync-settings.ts';
import { SECRET_AAD } from './vault/secret-columns.ts';
import type { Vault } from './vault/secret-vault.ts';

/**
 * Mailbox operations for server-side code (the OAuth callback, the token manager's storage callbacks,
 * connectors, sync). They are not scoped to a signed-in user and return secrets in clear, so no route
 * may send their results to a client (MS-11).
 */
const STATES: MailboxState[] = ['new', 'connected', 'needsSignIn', 'error'];

async function row(db: Db, id: string): Promise<MailboxesTable> {
  const found = await mailboxStore.byId(db, id);
  if (!found) throw notFound('Mailbox', id);
  return found;
}

const open = (vault: Vault, enc: string | null, aad: string) => (enc === null ? null : vault.decrypt(enc, aad));

/** The columns that hold a token set (refresh token kept when the provider did not send a new one). */
function tokenColumns(vault: Vault, tokens: MailboxTokens): Partial<MailboxesTable> {
  return {
    access_token_enc: vault.encrypt(tokens.accessToken, SECRET_AAD.mailboxAccessToken),
    ...(tokens.refreshToken !== null && {
      refresh_token_enc: vault.encrypt(tokens.refreshToken, SECRET_AAD.mailboxRefreshToken),
    }),
    token_expires_at: new Date(tokens.expiresAt).toISOString(),
  };
}

/** A new mailbox row with the defaults every mailbox starts with (MB-2 settings included). */
export function newMailboxRow(fields: {
  email: string;
  mailServiceId: string;
  ownerId: string;
  login: string | null;
  state: MailboxState;
}): MailboxesTable {
  const now = new Date();
  return {
    id: randomUUID(),
    email: fields.email,
    email_lower: fields.email.toLowerCase(),
    mail_service_id: fields.mailServiceId,
    owner_id: fields.ownerId,
    login: fields.login,
    password_enc: null,
    state: fields.state,
    access_token_enc: null,
    refresh_token_enc: null,
    token_expires_at: null,
    remote_user_id: null,
    last_test_at: null,
    last_test_result: null,
    // Stored at creation so "the last 30 days" means the 30 days before the mailbox was added.
    sync_settings: JSON.stringify(defaultSyncSettings(now)),
    created_at: now.toISOString(),
    modified_at: now.toISOString(),
  };
}

export const mailboxInternals = {
  /** Every mailbox with its owner, state and sync settings (the scheduler decides from these, CT-4). */
  async allForSync(db: Db): Promise<{ id: string; ownerId: string; state: MailboxState; settings: SyncSettings }[]> {
    const rows = await mailboxStore.all(db);
    return rows.map((r) => ({
      id: r.id,
      ownerId: r.owner_id,
      state: r.state,
      settings: readSyncSettings(r.sync_settings, new Date(r.created_at)),
    }));
  },

  /** One mailbox's owner, state and sync settings, not scoped to a signed-in user. */
  async forSync(
    db: Db,
    id: string,
  ): Promise<{ id: string; ownerId: string; state: MailboxState; settings: SyncSettings }> {
    const r = await row(db, id);
    return {
      id: r.id,
      ownerId: r.owner_id,
      state: r.state,
      settings: readSyncSettings(r.sync_settings, new Date(r.created_at)),
    };
  },

  /** Everything about a mailbox, secrets decrypted, with its service (client secret decrypted too). */
  async internal(db: Db, vault: Vault, id: string): Promise<MailboxInternal> {
    const r = await row(db, id);
    const accessToken = open(vault, r.access_token_enc, SECRET_AAD.mailboxAccessToken);
    return {
      id: r.id,
      email: r.email,
      ownerId: r.owner_id,
      login: r.login,
      password: open(vault, r.password_enc, SECRET_AAD.mailboxPassword),
      state: r.state,
      remoteUserId: r.remote_user_id,
      tokens:
        accessToken === null
          ? null
          : {
              accessToken,
              refreshToken: open(vault, r.refresh_token_enc, SECRET_AAD.mailboxRefreshToken),
              expiresAt: r.token_expires_at ?? new Date(0).toISOString(),
            },
      service: await mailServiceService.internal(db, vault, r.mail_service_id),
    };
  },

  /** Stores a token set (OA-3: the rotated refresh token every time; null keeps the stored one). */
  async saveTokens(
    db: Db,
    vault: Vault,
    id: string,
    tokens: MailboxTokens & { remoteUserId?: string | null },
  ): Promise<void> {
    await row(db, id);
    await mailboxStore.update(db, id, {
      ...tokenColumns(vault, tokens),
      ...(tokens.remoteUserId !== undefined && { remote_user_id: tokens.remoteUserId }),
      modified_at: new Date().toISOString(),
    });
  },

  /** Sets the connection state (OA-3: `needsSignIn` after a revoked or expired grant). */
  async setState(db: Db, id: string, state: MailboxState): Promise<void> {
    if (!STATES.includes(state)) throw new AppError('TANDEM_ERR_INTERNAL', `Unknown mailbox state ${state}`);
    await row(db, id);
    await mailboxStore.update(db, id, { state, modified_at: new Date().toISOString() });
  },

  /** Records the outcome of a connection test (MB-3, MB-5 health). */
  async recordTest(db: Db, id: string, test: TestRecord): Promise<void> {
    await row(db, id);
    await mailboxStore.update(db, id, {
      last_test_at: test.at,
      last_test_result: testResultJson(test),
    });
  },

  /**
   * After an OAuth sign-in (OA-3): creates the actor's mailbox for the address, or updates the one they
   * already have (signing in again keeps its sync settings). The mailbox is then `connected`.
   * Returns the mailbox id; callers read the API shape with `mailboxService.get`.
   */
  async connect(db: Db, vault: Vault, ownerId: string, input: ConnectedMailboxInput): Promise<string> {
    const email = input.email.trim();
    if (!splitMailAddress(email)) throw invalid('email', 'is not an email address', 'email');
    if (!(await mailServiceService.exists(db, input.mailServiceId))) {
      throw invalid('mailServiceId', `no mail service with id ${input.mailServiceId}`, 'notFound');
    }
    return db.transaction().execute(async (trx) => {
      const existing = await mailboxStore.ownedByEmail(trx, ownerId, email.toLowerCase());
      const signedIn: Partial<MailboxesTable> = {
        ...tokenColumns(vault, input.tokens),
        mail_service_id: input.mailServiceId,
        remote_user_id: input.remoteUserId,
        // OAuth replaces any stored password: the CRM no longer needs one (OA-3).
        password_enc: null,
        state: 'connected',
        modified_at: new Date().toISOString(),
      };
      if (existing) {
        await mailboxStore.update(trx, existing.id, { ...signedIn, login: existing.login ?? email });
        return existing.id;
      }
      const fresh = newMailboxRow({
        email,
        mailServiceId: input.mailServiceId,
        ownerId,
        login: email,
        state: 'connected',
      });
      await mailboxStore.insert(trx, { ...fresh, ...signedIn });
      return fresh.id;
    });
  },
};
