import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, ConfigError } from '../../config.ts';
import { generateVaultKey, VAULT_KEY_BYTES } from './secret-vault.ts';

/**
 * Where the vault key comes from (MS-11): TANDEM_SECRET_KEY when set (several web replicas share it),
 * otherwise `<DATA_DIR>/secret.key`, created on the first start readable by its owner only.
 */
export const KEY_FILE_NAME = 'secret.key';

/** Path of the key file under the data directory. */
export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE_NAME);
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Reads an existing key file; refuses one that group or others may read (the key opens every secret). */
function readKeyFile(path: string): Buffer {
  const mode = statSync(path).mode & 0o777;
  // POSIX permission bits mean nothing on Windows, where ACLs protect the data directory instead.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new ConfigError(
      `The secret key file ${path} is readable by other users (mode ${mode.toString(8).padStart(4, '0')}); ` +
        `restrict it with: chmod 600 ${path}`,
    );
  }
  const text = readFileSync(path, 'utf8').trim();
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text) || key.length !== VAULT_KEY_BYTES) {
    throw new ConfigError(`The secret key file ${path} does not hold the base64 of ${VAULT_KEY_BYTES} bytes`);
  }
  return key;
}

/** Writes a new key file with mode 0600; `exclusive` fails when one already exists. */
function writeKeyFile(path: string, key: Buffer, exclusive: boolean): void {
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: exclusive ? 'wx' : 'w' });
}

/** The vault key: TANDEM_SECRET_KEY, or the key file (created with mode 0600 when missing). */
export function loadVaultKey(config: Pick<Config, 'secretKey' | 'dataDir'>): Buffer {
  if (config.secretKey) return config.secretKey;
  const path = keyFilePath(config.dataDir);
  try {
    return readKeyFile(path);
  } catch (err) {
    if (!isMissing(err)) throw err;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = generateVaultKey();
  try {
    writeKeyFile(path, key, true);
  } catch (err) {
    // Another process started at the same moment and wrote its key first: use that one.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(path);
    throw new ConfigError(`Could not create the secret key file ${path}: ${(err as Error).message}`);
  }
  return key;
}

/**
 * Rotation writes the new key beside the old one first (`secret.key.new`), so that a failure before
 * the database commits leaves the old key in place; `commitStagedKey` then swaps it in atomically.
 */
export function stageKeyFile(dataDir: string, key: Buffer): string {
  const staged = `${keyFilePath(dataDir)}.new`;
  writeKeyFile(staged, key, false);
  return staged;
}

/** Replaces the key file with the staged one (rename is atomic within a directory). */
export function commitStagedKey(dataDir: string, staged: string): void {
  renameSync(staged, keyFilePath(dataDir));
}
