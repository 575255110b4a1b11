import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freshPostgres, PG_ADMIN_URL, postgresAvailable } from '../helpers/databases.ts';

/** Starts `src/server/main.ts` as `npm start` would (without the UI build) and collects its output. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'start'], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  return { child, output: () => out };
}

async function waitFor(url: string, timeoutMs = 30_000): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const port = () => String(20_000 + Math.floor(Math.random() * 20_000));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('zero-config start: SQLite under DATA_DIR, administrator password printed once, graceful SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-start-'));
  dirs.push(dataDir);
  const p = port();
  const first = start({ DATA_DIR: dataDir, PORT: p, TANDEM_ADMIN_PASSWORD: '' });
  const health = await (await waitFor(`http://127.0.0.1:${p}/api/health`)).json();
  assert.equal(health.status, 'ok');
  assert.equal(health.db, 'sqlite');
  assert.equal(typeof health.version, 'string');
  const password = /administrator "admin" created with password: (\S+)/.exec(first.output())?.[1];
  assert.ok(password, `the generated password is printed on the first start:\n${first.output()}`);
  const login = await fetch(`http://127.0.0.1:${p}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password }),
  });
  assert.equal(login.status, 200, 'the printed password signs in');
  assert.ok(
    !first.output().includes(String(login.headers.get('set-cookie')).split(';')[0] ?? '-'),
    'no cookie in the log',
  );
  const exited = exitOf(first.child);
  first.child.kill('SIGTERM');
  assert.equal(await exited, 0, 'SIGTERM shuts down cleanly');

  const second = start({ DATA_DIR: dataDir, PORT: p });
  await waitFor(`http://127.0.0.1:${p}/api/health`);
  assert.doesNotMatch(second.output(), /created with password/, 'the password is printed on the first start only');
  const again = await fetch(`http://127.0.0.1:${p}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password }),
  });
  assert.equal(again.status, 200, 'data survives a restart');
  const closed = exitOf(second.child);
  second.child.kill('SIGTERM');
  assert.equal(await closed, 0);
});

test('a malformed setting stops the start with a message naming the variable', async () => {
  const bad = start({ PORT: 'eighty' });
  assert.equal(await exitOf(bad.child), 1);
  assert.match(bad.output(), /PORT must be a whole number/);
});

test('DATABASE_URL switches to PostgreSQL with the same migrations', {
  skip: !(await postgresAvailable()),
}, async () => {
  const pg = await freshPostgres();
  try {
    const p = port();
    const current = await pg.db
      .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
      .executeTakeFirstOrThrow();
    const base = new URL(PG_ADMIN_URL);
    base.pathname = `/${current.name}`;
    const child = start({ DATABASE_URL: base.toString(), PORT: p, TANDEM_ADMIN_PASSWORD: 'admin-password-1' });
    const health = await (await waitFor(`http://127.0.0.1:${p}/api/health`)).json();
    assert.equal(health.db, 'postgres');
    const exited = exitOf(child.child);
    child.child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    await pg.drop();
  }
});
