import type { Db } from '../db/database.ts';
import type { MailboxesTable, MailboxState } from '../db/schema.ts';
import { AppError, invalid, taken } from '../errors.ts';
import { splitMailAddress } from './mail-address.ts';
import { mailServiceService } from './mail-service.service.ts';
import type { MailServiceInternal } from './mail-service.types.ts';
import { type MailboxRow, mailboxStore } from './mailbox.store.ts';
import type {
  ConnectedMailboxInput,
  ConnectionTestResult,
  Mailbox,
  MailboxCreateInput,
  MailboxUpdateInput,
  TestConnection,
  TestRecord,
} from './mailbox.types.ts';
import { mailboxInternals, newMailboxRow } from './mailbox-internal.ts';
import { loginFor } from './mailbox-login.ts';
import { blocksSave, connectionError, lastTestOf, testResultJson, toMailbox } from './mailbox-view.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { SECRET_AAD } from './vault/secret-columns.ts';
import type { Vault } from './vault/secret-vault.ts';

/** How a request wants the pre-save connection test run (MB-3). */
export interface TestOptions {
  testConnection: TestConnection;
  /** `?skipTest=true`: save without testing; the mailbox stays `new`. */
  skipTest: boolean;
}

/** The state a test result leaves a mailbox in (MB-5); undefined when it proves nothing either way. */
function stateAfter(result: ConnectionTestResult): MailboxState | undefined {
  if (result.ok) return 'connected';
  if (result.code === 'unsupported') return undefined;
  return result.code === 'needsSignIn' ? 'needsSignIn' : 'error';
}

/** MB-4: the actor's own mailbox or 404, whoever the actor is (administrators included). */
export async function owned(db: Db, ownerId: string, id: string): Promise<MailboxRow> {
  const found = await mailboxStore.owned(db, ownerId, id);
  if (!found) throw new AppError('TANDEM_ERR_NOT_FOUND', `Mailbox ${id} was not found`, { id });
  return found;
}

async function serviceFor(db: Db, vault: Vault, id: string): Promise<MailServiceInternal> {
  if (!(await mailServiceService.exists(db, id)))
    throw invalid('mailServiceId', `no mail service with id ${id}`, 'notFound');
  return mailServiceService.internal(db, vault, id);
}

/** MB-3: tests the credentials unless skipped; a failure throws and nothing is saved. */
async function pretest(
  opts: TestOptions,
  input: { mailboxId?: string; service: MailServiceInternal; email: string; login: string; password: string },
): Promise<TestRecord | undefined> {
  if (opts.skipTest) return undefined;
  const at = new Date().toISOString();
  const result = await opts.testConnection(input);
  if (blocksSave(result)) throw connectionError(result);
  return { ok: result.ok, code: result.code, message: result.message, at };
}

/** A mailbox is `connected` only after a passed test; untested (or unverifiable) ones stay `new`. */
const testColumns = (test: TestRecord | undefined): Partial<MailboxesTable> =>
  test
    ? { state: test.ok ? 'connected' : 'new', last_test_at: test.at, last_test_result: testResultJson(test) }
    : { state: 'new' };

/**
 * Mailboxes (SPEC §2). A user sees and changes only their own (MB-4); basic-auth mailboxes are added
 * here, OAuth 2.0 ones through the sign-in flow (OA-3), which uses the internal operations.
 */
export const mailboxService = {
  ...mailboxInternals,

  async list(db: Db, ownerId: string) {
    const items = (await mailboxStore.listOwned(db, ownerId)).map(toMailbox);
    return { items, total: items.length };
  },

  async get(db: Db, ownerId: string, id: string): Promise<Mailbox> {
    return toMailbox(await owned(db, ownerId, id));
  },

  /** MB-1, MS-5, MB-3: a mailbox with basic authentication, tested before it is saved. */
  async create(db: Db, vault: Vault, ownerId: string, input: MailboxCreateInput, opts: TestOptions): Promise<Mailbox> {
    const email = input.email.trim();
    if (!splitMailAddress(email)) throw invalid('email', 'is not an email address', 'email');
    const service = await serviceFor(db, vault, input.mailServiceId);
    if (service.auth === 'oauth2') {
      const startUrl = `/api/mailboxes/oauth/start?email=${encodeURIComponent(email)}&mailServiceId=${service.id}`;
      throw invalid(
        'mailServiceId',
        'signs in with OAuth 2.0: add the mailbox through the sign-in page',
        'oauthSignIn',
        {
          startUrl,
        },
      );
    }
    const login = loginFor(service.loginFormat, email, input.login);
    if (!input.password) throw invalid('password', 'is required', 'required');
    if (await mailboxStore.ownedByEmail(db, ownerId, email.toLowerCase())) {
      throw taken('email', `You already have the mailbox ${email}`);
    }
    const test = await pretest(opts, { service, email, login, password: input.password });
    const row = newMailboxRow({ email, mailServiceId: service.id, ownerId, login, state: 'new' });
    try {
      await mailboxStore.insert(db, {
        ...row,
        password_enc: vault.encrypt(input.password, SECRET_AAD.mailboxPassword),
        ...testColumns(test),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw taken('email', `You already have the mailbox ${email}`);
      throw err;
    }
    return mailboxService.get(db, ownerId, row.id);
  },

  /** New login (manual format only, MS-5) or password; tested again before saving (MB-3). */
  async update(
    db: Db,
    vault: Vault,
    ownerId: string,
    id: string,
    input: MailboxUpdateInput,
    opts: TestOptions,
  ): Promise<Mailbox> {
    const current = await owned(db, ownerId, id);
    // A form that sends the login back unchanged is not asking to change it.
    const newLogin = input.login !== undefined && input.login.trim() !== current.login ? input.login : undefined;
    if (newLogin === undefined && input.password === undefined) return toMailbox(current);
    const service = await mailServiceService.internal(db, vault, current.mail_service_id);
    if (service.auth === 'oauth2') {
      const field = input.password !== undefined ? 'password' : 'login';
      throw invalid(field, 'this mailbox signs in with OAuth 2.0: sign in again instead', 'oauthSignIn', {
        startUrl: `/api/mailboxes/${id}/oauth/start`,
      });
    }
    if (newLogin !== undefined && service.loginFormat !== 'manual') {
      throw invalid('login', `is set from the address by this mail service (${service.loginFormat})`, 'invalid');
    }
    const login = newLogin !== undefined ? loginFor('manual', current.email, newLogin) : (current.login ?? '');
    if (input.password === '') throw invalid('password', 'is required', 'required');
    const password =
      input.password ??
      (current.password_enc ? vault.decrypt(current.password_enc, SECRET_AAD.mailboxPassword) : undefined);
    if (!password) throw invalid('password', 'is required', 'required');
    const test = await pretest(opts, { mailboxId: id, service, email: current.email, login, password });
    await mailboxStore.update(db, id, {
      login,
      ...(input.password !== undefined && { password_enc: vault.encrypt(input.password, SECRET_AAD.mailboxPassword) }),
      ...testColumns(test),
      modified_at: new Date().toISOString(),
    });
    return mailboxService.get(db, ownerId, id);
  },

  async delete(db: Db, ownerId: string, id: string): Promise<void> {
    await owned(db, ownerId, id);
    await mailboxStore.delete(db, id);
  },

  /** `POST /api/mailboxes/:id/test`: tests the stored credentials and records the outcome (MB-3, MB-5). */
  async test(db: Db, vault: Vault, ownerId: string, id: string, testConnection: TestConnection): Promise<TestRecord> {
    await owned(db, ownerId, id);
    const box = await mailboxService.internal(db, vault, id);
    const at = new Date().toISOString();
    const result = await testConnection({
      mailboxId: id,
      service: box.service,
      email: box.email,
      login: box.login,
      password: box.password,
      tokens: box.tokens,
    });
    const record: TestRecord = { ok: result.ok, code: result.code, message: result.message, at };
    await mailboxService.recordTest(db, id, record);
    const state = stateAfter(result);
    if (state) await mailboxService.setState(db, id, state);
    return record;
  },

  /** MB-5, first version: connection state, token expiry and the last test; subscriptions come later. */
  async health(db: Db, ownerId: string, id: string) {
    const r = await owned(db, ownerId, id);
    return { state: r.state, tokenExpiresAt: r.token_expires_at, lastTest: lastTestOf(r), subscription: null };
  },

  /** After an OAuth sign-in (OA-3): the actor's mailbox for the address, created or updated, connected. */
  async createConnected(db: Db, vault: Vault, actor: { id: string }, input: ConnectedMailboxInput): Promise<Mailbox> {
    const id = await mailboxInternals.connect(db, vault, actor.id, input);
    return mailboxService.get(db, actor.id, id);
  },
};
