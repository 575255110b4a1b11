import { readFileSync } from 'node:fs';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { userService } from './crm/users/user.service.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { rotateSecretKey } from './mail/vault/key-rotation.ts';
import { createVault } from './mail/vault/secret-vault.ts';
import { loadVaultKey } from './mail/vault/vault-key.ts';

/**
 * CLI entry: `tandem start` (default: web, worker and listener roles in one process), `tandem migrate`
 * or `tandem rotate-secret-key` (MS-11). Later roles (worker, listener) arrive with the sync engine.
 */
async function main(): Promise<void> {
  const role = process.argv[2] ?? 'start';
  if (!['start', 'web', 'migrate', 'rotate-secret-key'].includes(role)) {
    throw new ConfigError(`Unknown role "${role}": use start, web, migrate or rotate-secret-key`);
  }
  const config = loadConfig();
  // The vault key is checked before anything else: a missing, malformed or exposed key stops the start.
  const vault = role === 'start' || role === 'web' ? createVault(loadVaultKey(config)) : undefined;
  const version = (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database.db);
  if (role === 'migrate') {
    console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date');
    await database.close();
    return;
  }
  if (role === 'rotate-secret-key') {
    try {
      await rotateSecretKey(database.db, config);
    } finally {
      await database.close();
    }
    return;
  }
  if (!vault) throw new Error(`No vault for role ${role}`);
  const admin = await userService.ensureAdministrator(database.db, config.adminPassword).catch((err: Error) => {
    throw new ConfigError(`Could not create the first administrator: ${err.message} (TANDEM_ADMIN_PASSWORD)`);
  });
  const app = await buildApp({ config, database, version, vault });
  if (admin?.generated) {
    // Printed once, on the first start only; it is stored as a hash and cannot be shown again.
    console.log(`\n  First start: administrator "${admin.login}" created with password: ${admin.password}\n`);
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close(); // stops accepting, lets in-flight requests finish
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  const where = database.dialect === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL';
  app.log.info(`Tandem ${version} serving on port ${config.port} (${where})`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
