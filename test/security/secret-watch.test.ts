import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, signIn, testApp } from '../helpers/app.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { assertNoLeak, rememberSecret, rememberSecretsIn, watchedLogStream } from '../helpers/secret-watch.ts';

/**
 * The suite-wide secret watch (MS-11) must be able to fail: these tests make it see a secret in a
 * response and in a log line, so a watch that silently checks nothing cannot pass.
 */
test('secret-named fields of request bodies are remembered, nested ones too', () => {
  rememberSecretsIn({ name: 'x', imap: { password: 'nested-secret-1' }, items: [{ clientSecret: 'array-secret-1' }] });
  assert.throws(() => assertNoLeak('GET /x', '{"v":"nested-secret-1"}', {}), /MS-11/);
  assert.throws(() => assertNoLeak('GET /x', 'ok', { 'x-debug': 'array-secret-1' }), /MS-11/);
  assert.throws(() => assertNoLeak('GET /x', Buffer.from('nested-secret-1').toString('base64'), {}), /MS-11/);
  assert.doesNotThrow(() => assertNoLeak('GET /x', '{"clientSecret":{"set":true}}', {}));
});

test('a log line carrying a secret fails the next checked request', async () => {
  rememberSecret('logged-secret-1');
  const stream = watchedLogStream();
  await new Promise<void>((resolve) => stream.write('{"msg":"login logged-secret-1"}\n', () => resolve()));
  assert.throws(() => assertNoLeak('GET /y', 'ok', {}), /server log/);
});

let database: TestDatabase;
let app: FastifyInstance;
before(async () => {
  database = await freshSqlite();
  app = await testApp(database);
});
after(async () => {
  await app.close();
  await database.drop();
});

test('a test client request whose response echoes a remembered secret fails', async () => {
  const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  rememberSecret('echoed-secret-1');
  // Contact notes are returned as sent, so this response carries the remembered value.
  await assert.rejects(
    () => admin.request('POST', '/api/contacts', { fullName: 'Echo', notes: 'echoed-secret-1' }),
    /MS-11/,
  );
});
