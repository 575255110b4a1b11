import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, type Client, signIn, testApp } from '../helpers/app.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';

/**
 * Validation errors name the rule a field broke (`details.rule`, with `details.params`), so the UI can
 * say it in the user's language instead of showing the server's English sentence.
 */
let database: TestDatabase;
let app: FastifyInstance;
let admin: Client;

before(async () => {
  database = await freshSqlite();
  app = await testApp(database);
  admin = await signIn(app, 'admin', ADMIN_PASSWORD);
});
after(async () => {
  await app.close();
  await database.drop();
});

async function errorOf(method: string, url: string, body: unknown) {
  const res = await admin.request(method, url, body);
  return { status: res.statusCode, error: res.json().error as { code: string; details: Record<string, unknown> } };
}

test('an over-long title reports rule maxLength with its limit', async () => {
  const { status, error } = await errorOf('POST', '/api/activities', { title: 'x'.repeat(256) });
  assert.equal(status, 400);
  assert.deepEqual(error.details, { field: 'title', rule: 'maxLength', params: { limit: 255 } });
});

test('a missing required field, an unknown field and a wrong type each name their rule', async () => {
  assert.equal((await errorOf('POST', '/api/accounts', {})).error.details.rule, 'required');
  assert.equal(
    (await errorOf('POST', '/api/accounts', { name: 'A', colour: 'red' })).error.details.rule,
    'unknownField',
  );
  assert.equal((await errorOf('POST', '/api/activities', { title: 'T', allDay: 'yes' })).error.details.rule, 'type');
});

test('checks made by the services name their rule too', async () => {
  const email = await errorOf('POST', '/api/contacts', {
    fullName: 'A',
    communications: [{ kind: 'email', value: 'not-an-address' }],
  });
  assert.deepEqual(email.error.details, { field: 'communications.0.value', rule: 'email' });
  const tz = await errorOf('PATCH', '/api/profile', { timeZone: '+03:00' });
  assert.equal(tz.error.details.rule, 'timeZone');
  const due = await errorOf('POST', '/api/activities', {
    title: 'T',
    start: '2026-01-02T10:00:00Z',
    due: '2026-01-02T09:00:00Z',
  });
  assert.deepEqual(due.error.details, { field: 'due', rule: 'notBeforeStart' });
});

test('a login that is already used is a 409 with rule taken on field login', async () => {
  await admin.json('POST', '/api/users', { login: 'olga', password: 'olga-password' }, 201);
  const { status, error } = await errorOf('POST', '/api/users', { login: 'OLGA', password: 'another-pass' });
  assert.equal(status, 409);
  assert.deepEqual(error.details, { field: 'login', rule: 'taken' });
});
