import { readFileSync } from 'node:fs';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { userService } from './crm/users/user.service.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';

/**
 * CLI entry: `tandem start` (default: web, worker and listener roles in one process) or `tandem migrate`.
 * Later roles (worker, listener) arrive with the sync engine.
 */
async function main(): Promise<void> {
  const role = process.argv[2] ?? 'start';
  if (!['start', 'web', 'migrate'].includes(role)) {
    throw new ConfigError(`Unknown role "${role}": use start, web or migrate`);
  }
  const config = loadConfig();
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
  const admin = await userService.ensureAdministrator(database.db, config.adminPassword).catch((err: Error) => {
    throw new ConfigError(`Could not create the first administrator: ${err.message} (TANDEM_ADMIN_PASSWORD)`);
  });
  const app = await buildApp({ config, database, version });
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
