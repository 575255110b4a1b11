import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { mailServiceRoutes } from './mail-service.routes.ts';
import { mailboxRoutes } from './mailbox.routes.ts';
import type { TestConnection } from './mailbox.types.ts';
import { providerDomainRoutes } from './provider-domain.routes.ts';
import type { FolderIdLister } from './sync-settings-folders.ts';
import type { Vault } from './vault/secret-vault.ts';

export interface MailOptions {
  db: Db;
  vault: Vault;
  config: Config;
  testConnection: TestConnection;
  listFolderIds?: FolderIdLister;
}

/** Mail services, provider domains and mailboxes (SPEC §1–2), registered at the root as in DESIGN §4. */
export const mailRoutes: FastifyPluginAsync<MailOptions> = async (
  app,
  { db, vault, config, testConnection, listFolderIds },
) => {
  await app.register(mailServiceRoutes, { db, vault, config });
  await app.register(providerDomainRoutes, { db });
  await app.register(mailboxRoutes, { db, vault, testConnection, ...(listFolderIds && { listFolderIds }) });
};
