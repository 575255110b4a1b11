import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { userService } from '../../src/server/crm/users/user.service.ts';
import { migrateToLatest, openDatabase } from '../../src/server/db/database.ts';
import { createVault } from '../../src/server/mail/vault/secret-vault.ts';
import { loadVaultKey } from '../../src/server/mail/vault/vault-key.ts';

/**
 * The real app listening on a random loopback port with a fresh SQLite database (browser tests);
 * `env` adds or overrides settings (e.g. OAUTH_ALLOW_INSECURE_LOOPBACK for the emulator).
 */
export async function startTestServer(opts: { env?: Record<string, string> } = {}): Promise<{
  url: string;
  adminLogin: string;
  adminPassword: string;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-web-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOGIN_RATE_LIMIT: '1000',
    ...opts.env,
  });
  const database = openDatabase({ dataDir: dir });
  await migrateToLatest(database.db);
  const adminPassword = 'admin-password-1';
  await userService.ensureAdministrator(database.db, adminPassword);
  // The key file under the temporary data directory, as a real start would create it.
  const vault = createVault(loadVaultKey(config));
  const app = await buildApp({ config, database, version: 'test', logger: false, vault });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    adminLogin: 'admin',
    adminPassword,
    async close() {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
