import { readFileSync } from 'node:fs';
import pino from 'pino';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { userService } from './crm/users/user.service.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './db/database.ts';
import { startSyncRuntime } from './jobs/sync-runtime.ts';
import { rotateSecretKey } from './mail/vault/key-rotation.ts';
import { createVault, type Vault } from './mail/vault/secret-vault.ts';
import { loadVaultKey } from './mail/vault/vault-key.ts';

/**
 * CLI entry (DESIGN §1): `tandem start` (default: web and worker roles in one process), `tandem web` (HTTP only; runs
 * are worked by `tandem worker` processes sharing REDIS_URL), `tandem worker` (sync runs and the scheduler, no HTTP),
 * `tandem migrate` or `tandem rotate-secret-key` (MS-11). The listener role arrives with push notifications.
 */
async function main(): Promise<void> {
  const role = process.argv[2] ?? 'start';
  if (!['start', 'web', 'worker', 'migrate', 'rotate-secret-key'].includes(role)) {
    throw new ConfigError(`Unknown role "${role}": use start, web, worker, migrate or rotate-secret-key`);
  }
  const config = loadConfig();
  // The vault key is checked before anything else: a missing, malformed or exposed key stops the start.
  const vault = ['start', 'web', 'worker'].includes(role) ? createVault(loadVaultKey(config)) : undefined;
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
  if (role === 'worker') {
    await runWorker(config, database, vault);
    return;
  }
  if (role === 'web' && !config.redisUrl) {
    console.warn('tandem web without REDIS_URL: sync runs are queued in this process and nobody works them');
  }
  const logger = { level: config.logLevel };
  const app = await buildApp({
    config,
    database,
    version,
    vault,
    sync: startSyncRuntime({
      db: database.db,
      vault,
      config,
      logger: pino(logger),
      worker: role === 'start',
      scheduler: role === 'start',
      leaseMs: config.syncLeaseSeconds * 1000,
      journalDays: config.syncJournalDays,
    }),
  });
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

/** `tandem worker`: works sync runs off the queue and runs the scheduler until SIGTERM. */
async function runWorker(config: Config, database: DatabaseHandle, vault: Vault): Promise<void> {
  const logger = pino({ level: config.logLevel });
  const runtime = startSyncRuntime({
    db: database.db,
    vault,
    config,
    logger,
    leaseMs: config.syncLeaseSeconds * 1000,
    journalDays: config.syncJournalDays,
  });
  // A restarted worker picks up runs its predecessor left behind without waiting for the first tick.
  void runtime.tick().catch((err: unknown) => logger.warn({ err }, 'first sync housekeeping failed'));
  // The scheduler's and the in-process queue's timers are unref'd and SQLite holds no socket, so without this the
  // worker would exit with code 0 a few seconds after starting (PostgreSQL: once its pool went idle); it lives
  // until SIGTERM/SIGINT. (Found by test/sync/contacts-crash.test.ts.)
  const keepAlive = setInterval(() => undefined, 60 * 60 * 1000);
  const shutdown = async (signal: string) => {
    clearInterval(keepAlive);
    logger.info({ signal }, 'worker shutting down');
    await runtime.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  logger.info(`Tandem worker started (${config.redisUrl ? 'BullMQ on Redis' : 'in-process queue'})`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
