import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { migrateToLatest, openDatabase } from '../../src/server/db/database.ts';
import { mailServiceService } from '../../src/server/mail/mail-service.service.ts';
import { createVault } from '../../src/server/mail/vault/secret-vault.ts';
import { keyFilePath, loadVaultKey } from '../../src/server/mail/vault/vault-key.ts';

/** MS-11 at the command line: `tandem start` guards its key; `tandem rotate-secret-key` does the whole job. */

function run(role: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', role], {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        TANDEM_SECRET_KEY: '',
        DATABASE_URL: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const posix = process.platform !== 'win32';

describe('MS-11: the secret key at the command line', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('MS-11: start refuses a key file that group or others can read, and says how to fix it', {
    skip: !posix,
  }, async () => {
    const dataDir = tempDir();
    loadVaultKey({ secretKey: undefined, dataDir });
    chmodSync(keyFilePath(dataDir), 0o644);
    const { code, output } = await run('start', { DATA_DIR: dataDir });
    assert.equal(code, 1, output);
    assert.match(
      output,
      /Configuration error: The secret key file .*secret\.key is readable by other users \(mode 0644\)/,
    );
    assert.match(output, /chmod 600/);
  });

  it('MS-11: a malformed TANDEM_SECRET_KEY stops the start naming the variable', async () => {
    const { code, output } = await run('start', { DATA_DIR: tempDir(), TANDEM_SECRET_KEY: 'too-short' });
    assert.equal(code, 1, output);
    assert.match(output, /Configuration error: TANDEM_SECRET_KEY must be the base64 of 32 random bytes/);
    assert.ok(!output.includes('too-short'), 'the value is not echoed');
  });

  it('MS-11: `tandem rotate-secret-key` re-encrypts the stored secrets and replaces the key file', {
    skip: !posix,
  }, async () => {
    const dataDir = tempDir();
    const database = openDatabase({ dataDir });
    await migrateToLatest(database.db);
    const oldVault = createVault(loadVaultKey({ secretKey: undefined, dataDir }));
    const svc = await mailServiceService.create(
      database.db,
      oldVault,
      {
        type: 'exchange',
        address: 'outlook.office365.com',
        auth: 'oauth2',
        clientId: 'app',
        clientSecret: 'cli-secret',
      },
      { allowInsecureLoopback: false },
      { redirectUri: 'https://crm.example.com/cb' },
    );
    await database.close();
    const oldKey = readFileSync(keyFilePath(dataDir), 'utf8');

    const { code, output } = await run('rotate-secret-key', { DATA_DIR: dataDir });
    assert.equal(code, 0, output);
    assert.match(output, /Re-encrypted 1 secret value\(s\)/);
    assert.notEqual(readFileSync(keyFilePath(dataDir), 'utf8'), oldKey);
    assert.equal(statSync(keyFilePath(dataDir)).mode & 0o777, 0o600);

    const reopened = openDatabase({ dataDir });
    try {
      const newVault = createVault(loadVaultKey({ secretKey: undefined, dataDir }));
      assert.equal((await mailServiceService.internal(reopened.db, newVault, svc.id)).clientSecret, 'cli-secret');
      await assert.rejects(mailServiceService.internal(reopened.db, oldVault, svc.id), /encrypted with key/);
    } finally {
      await reopened.close();
    }
  });
});
