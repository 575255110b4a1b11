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
  };
}
