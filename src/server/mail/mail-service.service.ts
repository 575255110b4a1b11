import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { MailServicesTable } from '../db/schema.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { columnsOf, mailServiceStore, settingsOf } from './mail-service.store.ts';
import type { MailService, MailServiceInput, MailServiceInternal, ServiceView } from './mail-service.types.ts';
import { resolveServiceSettings, type ServiceInputOptions } from './mail-service-input.ts';
import { delegatedScopes, effectiveProtocol } from './microsoft-365.ts';
import { SECRET_AAD } from './vault/secret-columns.ts';
import type { Vault } from './vault/secret-vault.ts';

/** The API shape: the secret only as "set or not" (MS-11), plus the read-only OA-1/OA-2 facts. */
function toApi(row: MailServicesTable, mailboxCount: number, view: ServiceView): MailService {
  const settings = settingsOf(row);
  return {
    id: row.id,
    ...settings,
    clientSecret: { set: row.client_secret_enc !== null },
    effectiveProtocol: effectiveProtocol(row.type, row.protocol, row.address),
    redirectUri: view.redirectUri,
    scopes: delegatedScopes(row),
    mailboxCount,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };
}

async function withCounts(db: Db, rows: MailServicesTable[], view: ServiceView): Promise<MailService[]> {
  const counts = await mailServiceStore.mailboxCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toApi(r, counts.get(r.id) ?? 0, view));
}

async function load(db: Db, id: string): Promise<MailServicesTable> {
  const row = await mailServiceStore.byId(db, id);
  if (!row) throw notFound('Mail service', id);
  return row;
}

/** A new secret is encrypted; null clears; undefined keeps what is stored. */
function secretColumn(vault: Vault, secret: string | null | undefined): string | null | undefined {
  if (secret === undefined) return undefined;
  return secret ? vault.encrypt(secret, SECRET_AAD.mailServiceClientSecret) : null;
}

/**
 * Mail services (SPEC §1). Reading is open to every signed-in user (they pick a provider for their
 * mailbox); changes need CanManageAdministration, which the routes declare (MS-1).
 */
export const mailServiceService = {
  async list(db: Db, params: { q?: string; limit: number; offset: number }, view: ServiceView) {
    const { rows, total } = await mailServiceStore.list(db, params.q, params.limit, params.offset);
    return { items: await withCounts(db, rows, view), total };
  },

  async get(db: Db, id: string, view: ServiceView): Promise<MailService> {
    const [service] = await withCounts(db, [await load(db, id)], view);
    return service as MailService;
  },

  /** The services with these ids, by name (provider detection, MS-9). */
  async byIds(db: Db, ids: string[], view: ServiceView): Promise<MailService[]> {
    return withCounts(db, await mailServiceStore.byIds(db, ids), view);
  },

  async exists(db: Db, id: string): Promise<boolean> {
    return (await mailServiceStore.byId(db, id)) !== undefined;
  },

  async create(
    db: Db,
    vault: Vault,
    input: MailServiceInput,
    opts: ServiceInputOptions,
    view: ServiceView,
  ): Promise<MailService> {
    const settings = resolveServiceSettings(input, undefined, opts);
    const now = new Date().toISOString();
    const id = randomUUID();
    await mailServiceStore.insert(db, {
      id,
      ...columnsOf(settings),
      client_secret_enc: secretColumn(vault, input.clientSecret) ?? null,
      created_at: now,
      modified_at: now,
    });
    return mailServiceService.get(db, id, view);
  },

  /** PATCH and PUT alike: omitted fields keep their values; the secret is kept unless given (MS-7). */
  async update(
    db: Db,
    vault: Vault,
    id: string,
    input: MailServiceInput,
    opts: ServiceInputOptions,
    view: ServiceView,
  ): Promise<MailService> {
    const row = await load(db, id);
    const settings = resolveServiceSettings(
      input,
      { settings: settingsOf(row), secretSet: row.client_secret_enc !== null },
      opts,
    );
    const secret = secretColumn(vault, input.clientSecret);
    await mailServiceStore.update(db, id, {
      ...columnsOf(settings),
      ...(secret !== undefined && { client_secret_enc: secret }),
      modified_at: new Date().toISOString(),
    });
    return mailServiceService.get(db, id, view);
  },

  /** MS-10: refused while any mailbox uses the service, naming how many. Its provider domains go with it. */
  async delete(db: Db, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await load(trx, id);
      const count = (await mailServiceStore.mailboxCounts(trx, [id])).get(id) ?? 0;
      if (count > 0) {
        const noun = count === 1 ? 'mailbox' : 'mailboxes';
        throw new AppError(
          'TANDEM_ERR_IN_USE',
          `Mail service "${row.name}" is used by ${count} ${noun}; remove or move them first`,
          { count },
        );
      }
      await mailServiceStore.delete(trx, id);
    });
  },

  /** For server-side use only (OAuth, connectors): every setting with the client secret decrypted. */
  async internal(db: Db, vault: Vault, id: string): Promise<MailServiceInternal> {
    const row = await load(db, id);
    return {
      id: row.id,
      ...settingsOf(row),
      clientSecret: row.client_secret_enc
        ? vault.decrypt(row.client_secret_enc, SECRET_AAD.mailServiceClientSecret)
        : null,
      effectiveProtocol: effectiveProtocol(row.type, row.protocol, row.address),
      createdAt: row.created_at,
      modifiedAt: row.modified_at,
    };
  },
};

/** Throws a validation error naming `field` unless the mail service exists. */
export async function assertMailService(db: Db, field: string, id: string): Promise<void> {
  if (!(await mailServiceService.exists(db, id))) throw invalid(field, `no mail service with id ${id}`, 'notFound');
}
