import { rmSync } from 'node:fs';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { replaceSecretValue, secretColumns, secretValues } from './secret-columns.ts';
import { createVault, generateVaultKey, type Vault } from './secret-vault.ts';
import { commitStagedKey, keyFilePath, loadVaultKey, stageKeyFile } from './vault-key.ts';

export interface RotationResult {
  /** `table.column` of every secret column visited. */
  columns: string[];
  /** How many values were re-encrypted. */
  values: number;
  keyId: string;
}

/**
 * Re-encrypts every `*_enc` value from one key to another in one transaction: either all values move
 * to the new key or none does, so the database never holds a mix the running key cannot read.
 */
export async function reencryptSecrets(db: Db, from: Vault, to: Vault): Promise<RotationResult> {
  return db.transaction().execute(async (trx) => {
    const columns = await secretColumns(trx);
    let values = 0;
    for (const col of columns) {
      for (const enc of await secretValues(trx, col)) {
        await replaceSecretValue(trx, col, enc, to.encrypt(from.decrypt(enc, col.aad), col.aad));
        values++;
      }
    }
    return { columns: columns.map((c) => `${c.table}.${c.column}`), values, keyId: to.keyId };
  });
}

/**
 * `tandem rotate-secret-key`: a new random key, every secret re-encrypted with it, then the key put
 * where the next start finds it. With a key file the new key is staged beside it before the commit and
 * swapped in after; with TANDEM_SECRET_KEY the new value is printed for the operator to set.
 */
export async function rotateSecretKey(
  db: Db,
  config: Pick<Config, 'secretKey' | 'dataDir'>,
  print: (line: string) => void = console.log,
): Promise<RotationResult> {
  const current = createVault(loadVaultKey(config));
  const nextKey = generateVaultKey();
  const next = createVault(nextKey);
  const summary = (r: RotationResult) =>
    `Re-encrypted ${r.values} secret value(s) in ${r.columns.length} column(s) with key ${r.keyId}.`;
  if (config.secretKey) {
    const result = await reencryptSecrets(db, current, next);
    print(summary(result));
    print(`Set TANDEM_SECRET_KEY=${nextKey.toString('base64')} before the next start: the old key no longer works.`);
    return result;
  }
  const staged = stageKeyFile(config.dataDir, nextKey);
  let result: RotationResult;
  try {
    result = await reencryptSecrets(db, current, next);
  } catch (err) {
    rmSync(staged, { force: true });
    throw err;
  }
  try {
    commitStagedKey(config.dataDir, staged);
  } catch (err) {
    // The database already uses the new key: say exactly how to finish by hand.
    throw new Error(
      `Secrets were re-encrypted, but ${staged} could not replace ${keyFilePath(config.dataDir)} ` +
        `(${(err as Error).message}); move it there by hand before starting Tandem`,
    );
  }
  print(`${summary(result)} The new key is in ${keyFilePath(config.dataDir)}.`);
  return result;
}
