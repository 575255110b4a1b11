import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../config.ts';
import { generateVaultKey } from './secret-vault.ts';
import { keyFilePath, loadVaultKey } from './vault-key.ts';

/** MS-11: where the vault key comes from, and the refusals that protect it. */
describe('vault key', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'tandem-key-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const posix = process.platform !== 'win32';

  it('MS-11: TANDEM_SECRET_KEY (base64 of 32 bytes) is used as is, and no key file is written', () => {
    const key = generateVaultKey();
    const dataDir = tempDir();
    const config = loadConfig({ TANDEM_SECRET_KEY: key.toString('base64'), DATA_DIR: dataDir });
    assert.deepEqual(loadVaultKey(config), key);
    assert.throws(() => statSync(keyFilePath(dataDir)), /ENOENT/);
    assert.deepEqual(loadConfig({ TANDEM_SECRET_KEY: key.toString('base64url') }).secretKey, key);
  });

  it('MS-11: a malformed TANDEM_SECRET_KEY is a ConfigError naming it, without echoing the value', () => {
    for (const bad of ['short', Buffer.alloc(16).toString('base64'), `${generateVaultKey().toString('base64')}xx`]) {
      assert.throws(
        () => loadConfig({ TANDEM_SECRET_KEY: bad }),
        (err: Error) =>
          err instanceof ConfigError && err.message.includes('TANDEM_SECRET_KEY') && !err.message.includes(bad),
      );
    }
  });

  it('MS-11: without the variable, <DATA_DIR>/secret.key is created with mode 0600 and reused', {
    skip: !posix,
  }, () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const first = loadVaultKey({ secretKey: undefined, dataDir });
    assert.equal(first.length, 32);
    assert.equal(statSync(keyFilePath(dataDir)).mode & 0o777, 0o600);
    assert.equal(readFileSync(keyFilePath(dataDir), 'utf8').trim(), first.toString('base64'));
    assert.deepEqual(loadVaultKey({ secretKey: undefined, dataDir }), first, 'the second start reads the same key');
  });

  it('MS-11: an existing key file readable by group or others stops the start with a clear message', {
    skip: !posix,
  }, () => {
    const dataDir = tempDir();
    loadVaultKey({ secretKey: undefined, dataDir });
    for (const mode of [0o644, 0o640, 0o604]) {
      chmodSync(keyFilePath(dataDir), mode);
      assert.throws(
        () => loadVaultKey({ secretKey: undefined, dataDir }),
        (err: Error) =>
          err instanceof ConfigError &&
          err.message.includes('readable by other users') &&
          err.message.includes('chmod 600'),
      );
    }
  });

  it('a key file that does not hold 32 base64 bytes is refused', () => {
    const dataDir = tempDir();
    writeFileSync(keyFilePath(dataDir), 'not a key\n', { mode: 0o600 });
    assert.throws(() => loadVaultKey({ secretKey: undefined, dataDir }), /does not hold the base64 of 32 bytes/);
  });
});
