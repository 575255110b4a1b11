import { resolve } from 'node:path';

/** Typed configuration from environment variables; every value has a default so `npm start` needs none. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` switches storage to PostgreSQL; unset means SQLite under `dataDir`. */
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  /** Session lifetime in hours (sliding). */
  sessionHours: number;
  /** Login attempts allowed per IP and login within one minute. */
  loginRateLimit: number;
  /** Secure flag on the session cookie; on by default behind https, off for loopback development. */
  cookieSecure: boolean;
  logLevel: string;
  webDir: string;
  /**
   * Key of the secret vault (MS-11) from TANDEM_SECRET_KEY; undefined means the key file
   * `<dataDir>/secret.key` (created on first start).
   */
  secretKey: Buffer | undefined;
  /** External base URL without a trailing slash (OA-1 redirect URI); undefined → derived from the request. */
  publicUrl: string | undefined;
  /** Lets OAuth and Graph use plain http to loopback hosts only (local emulator); never on by default. */
  oauthAllowInsecureLoopback: boolean;
  /** `redis://…` moves the job queue to BullMQ on Redis (workers in other processes); unset → in-process. */
  redisUrl: string | undefined;
  /** Minutes between automatic syncs of a mailbox («Синхронизировать автоматически»). */
  syncIntervalMinutes: number;
  /**
   * Seconds a worker's claim on a running sync lasts without a heartbeat; a run whose worker died is taken over
   * after about 1.5 × this (DESIGN §7.6).
   */
  syncLeaseSeconds: number;
  /** Days the sync journal and conflicts are kept (DESIGN §3). */
  syncJournalDays: number;
}

/** Thrown for a malformed environment variable; the message names it. */
export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** TANDEM_SECRET_KEY: base64 (or base64url) of exactly 32 random bytes, the AES-256 key of the vault. */
function secretKeyVar(env: NodeJS.ProcessEnv): Buffer | undefined {
  const raw = env.TANDEM_SECRET_KEY?.trim();
  if (!raw) return undefined;
  const key = /^[A-Za-z0-9+/_-]{43}=?$/.test(raw) ? Buffer.from(raw, 'base64') : undefined;
  if (key?.length !== 32) {
    // The value itself is never echoed: it is a secret even when malformed.
    throw new ConfigError(
      'TANDEM_SECRET_KEY must be the base64 of 32 random bytes (e.g. `openssl rand -base64 32`); leave it unset to use <DATA_DIR>/secret.key',
    );
  }
  return key;
}

/** PUBLIC_URL: an http(s) origin, optionally with a path prefix; no query or fragment. */
function publicUrlVar(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username) {
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL such as https://crm.example.com, got "${raw}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** REDIS_URL: a redis:// or rediss:// (TLS) URL; unset keeps the in-process job queue. */
function redisUrlVar(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.REDIS_URL?.trim();
  if (!raw) return undefined;
  if (!/^rediss?:\/\//.test(raw)) {
    // The value is not echoed: a Redis URL often carries a password.
    throw new ConfigError(
      'REDIS_URL must start with redis:// or rediss://, e.g. redis://127.0.0.1:6379 (leave it unset for the in-process queue)',
    );
  }
  return raw;
}

function flagVar(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** Reads the configuration; throws ConfigError naming the first malformed variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// (leave it unset for SQLite)');
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`);
  }
  return {
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR?.trim() || 'data'),
    databaseUrl,
    adminPassword: env.TANDEM_ADMIN_PASSWORD || undefined,
    sessionHours: intVar(env, 'SESSION_HOURS', 12, 1, 24 * 90),
    loginRateLimit: intVar(env, 'LOGIN_RATE_LIMIT', 10, 1, 10000),
    cookieSecure: env.COOKIE_SECURE === 'true',
    logLevel,
    webDir: resolve(env.WEB_DIR?.trim() || 'dist/web'),
    secretKey: secretKeyVar(env),
    publicUrl: publicUrlVar(env),
    oauthAllowInsecureLoopback: flagVar(env, 'OAUTH_ALLOW_INSECURE_LOOPBACK'),
    redisUrl: redisUrlVar(env),
    syncIntervalMinutes: intVar(env, 'SYNC_INTERVAL_MINUTES', 15, 1, 1440),
    syncLeaseSeconds: intVar(env, 'SYNC_LEASE_SECONDS', 30, 1, 3600),
    syncJournalDays: intVar(env, 'SYNC_JOURNAL_DAYS', 30, 1, 3650),
  };
}
