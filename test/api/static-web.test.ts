import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../helpers/app.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';

/** The UI is served by the same process: files, client-side routes, and JSON 404s under /api. */
let database: TestDatabase;
let app: FastifyInstance;
let webDir: string;

before(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'tandem-webdir-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Tandem UI</title>');
  database = await freshSqlite();
  app = await testApp(database, { WEB_DIR: webDir });
});
after(async () => {
  await app.close();
  await database.drop();
  rmSync(webDir, { recursive: true, force: true });
});

test('a client-side route (deep link or reload) gets the UI, also for HEAD', async () => {
  for (const method of ['GET', 'HEAD'] as const) {
    const res = await app.inject({ method, url: '/contacts/123' });
    assert.equal(res.statusCode, 200, method);
    assert.match(String(res.headers['content-type']), /text\/html/);
  }
  assert.match((await app.inject({ url: '/' })).body, /Tandem UI/);
});

test('an unknown /api path is a JSON 404 in the registry shape, not the UI', async () => {
  const res = await app.inject({ url: '/api/nothing-here' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, 'TANDEM_ERR_NOT_FOUND');
});

test('pages carry a Content-Security-Policy that allows only our own scripts', async () => {
  const csp = String((await app.inject({ url: '/' })).headers['content-security-policy']);
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
});

test('an action sent with a JSON content type and an empty body is not a malformed-JSON error', async () => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { 'content-type': 'application/json' },
    payload: '',
  });
  // The login route requires a body, so this is a validation error naming it — not TANDEM_ERR_MALFORMED_JSON.
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.code, 'TANDEM_ERR_VALIDATION');
  const broken = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { 'content-type': 'application/json' },
    payload: '{"login": ',
  });
  assert.equal(broken.json().error.code, 'TANDEM_ERR_MALFORMED_JSON');
});
