import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Client } from '../helpers/app.ts';

/**
 * Small helpers shared by the API tests in this folder (not a test file itself: node:test only runs
 * `*.test.ts`). They only read responses; no production logic is repeated here.
 */

/** The `{error: {code, message, details}}` body of a failed response. */
export interface ApiError {
  code: string;
  message: string;
  details?: { field?: string; [k: string]: unknown };
}

export function errorOf(res: LightMyRequestResponse): ApiError {
  const body = res.json() as { error?: ApiError };
  assert.ok(body.error, `expected an error body, got ${res.statusCode} ${res.body}`);
  return body.error;
}

/** Asserts status and registry code and, when given, the field named in `details.field`. */
export function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string): ApiError {
  assert.equal(res.statusCode, status, `expected ${status} ${code}, got ${res.statusCode}: ${res.body}`);
  const err = errorOf(res);
  assert.equal(err.code, code, res.body);
  if (field !== undefined) assert.equal(err.details?.field, field, `expected details.field=${field}: ${res.body}`);
  return err;
}

/** A session as a raw cookie and CSRF token, for requests the `Client` helper cannot shape. */
export interface RawSession {
  cookie: string;
  csrf: string;
  userId: string;
}

export async function rawSession(app: FastifyInstance, login: string, password: string): Promise<RawSession> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { login, password } });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'tandem_session')?.value;
  assert.ok(cookie, 'sign-in sets the tandem_session cookie');
  const body = res.json() as { csrfToken: string; user: { id: string } };
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

/** `{items, total}` of a list request, asserting 200. */
export async function list<T = Record<string, unknown>>(
  client: Client,
  url: string,
): Promise<{ items: T[]; total: number }> {
  return client.json<{ items: T[]; total: number }>('GET', url, undefined, 200);
}

/** Ids of a list response. */
export async function listIds(client: Client, url: string): Promise<string[]> {
  return (await list<{ id: string }>(client, url)).items.map((i) => i.id);
}

/** Creates a record through the API (201 expected) and returns it. */
export async function create<T = { id: string; changeSeq: number }>(
  client: Client,
  url: string,
  body: object,
): Promise<T> {
  return client.json<T>('POST', url, body, 201);
}

/** A well-formed id no record has. */
export const MISSING_ID = '7f1d3c52-0000-4000-8000-00000000dead';
