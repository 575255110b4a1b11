import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Db } from '../../src/server/db/database.ts';
import { installAccessHook } from '../../src/server/http/access-hook.ts';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { expectError, MISSING_ID, rawSession } from './api-support.ts';

/**
 * DESIGN §4: every /api route declares its access requirement, and the access hook enforces it
 * before any handler runs. This file walks EVERY route the app has, so a new route is covered the
 * day it is added. Record-level rights (who sees whose records) are in authz-records.test.ts.
 */

type Access = 'anonymous' | 'signedIn' | { operation: string };
interface Route {
  method: string;
  url: string;
  /** The declared requirement as the OpenAPI document exposes it (x-tandem-access = route.config.access). */
  access: Access | undefined;
}

/** Every (method, url) the router knows, from Fastify's own route tree. */
function routerRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)(?:[├└]── )?(\S+)(?: \(([^)]+)\))?$/.exec(line.trimEnd());
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4 + (line.includes('── ') ? 1 : 0);
    while (stack.length && (stack.at(-1)?.depth ?? 0) >= depth) stack.pop();
    const path = (stack.at(-1)?.path ?? '') + m[2];
    stack.push({ depth, path });
    for (const method of (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      out.push({ method, url: path });
    }
  }
  return out;
}

/** Routes that are deliberately not in the OpenAPI document (their access is checked by behaviour). */
const UNDOCUMENTED = new Set(['GET /api/openapi.json', 'HEAD /api/openapi.json']);

function apiRoutes(app: FastifyInstance): Route[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, { 'x-tandem-access'?: Access }>> };
  return routerRoutes(app)
    .filter((r) => r.url.startsWith('/api'))
    .map((r) => {
      const openApiPath = r.url.replace(/:(\w+)/g, '{$1}');
      // Fastify adds HEAD for every GET with the same options; the document lists the GET.
      const method = r.method === 'HEAD' ? 'get' : r.method.toLowerCase();
      return { ...r, access: doc.paths[openApiPath]?.[method]?.['x-tandem-access'] };
    });
}

/** A concrete URL for a route pattern: ids that exist nowhere. */
const concrete = (url: string) => url.replace(':id', MISSING_ID).replace(':recordId', MISSING_ID);
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const label = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('authorization matrix over every /api route', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let routes: Route[];
  let admin: Client;
  let user: Client;

  before(async () => {
    db = await freshSqlite();
    app = await testApp(db);
    await app.ready();
    routes = apiRoutes(app);
    admin = await signIn(app, 'admin', ADMIN_PASSWORD);
    user = await createUser(admin, app, 'plainuser');
  });
  after(async () => {
    await app.close();
    await db.drop();
  });

  it('finds the whole API surface (sanity check of the route walk)', () => {
    const names = new Set(routes.map(label));
    for (const expected of [
      'GET /api/health',
      'POST /api/session',
      'DELETE /api/session',
      'PATCH /api/profile',
      'GET /api/contacts/:id/grants',
      'DELETE /api/groups/:id/members/:recordId',
      'PUT /api/record-rights/defaults',
      'GET /api/system-operations',
    ]) {
      assert.ok(names.has(expected), `route walk misses ${expected}; found ${[...names].join(', ')}`);
    }
    assert.ok(routes.length >= 60, `only ${routes.length} routes found`);
  });

  it('DESIGN §4: every /api route declares config.access', () => {
    const undeclared = routes.filter((r) => r.access === undefined && !UNDOCUMENTED.has(label(r)));
    assert.deepEqual(undeclared.map(label), []);
  });

  it('DESIGN §4: registering an /api route without config.access fails at start-up', async () => {
    const bare = Fastify({ logger: false });
    installAccessHook(bare, {} as Db, 1);
    let failure: unknown;
    try {
      bare.get('/api/forgotten', async () => ({ ok: true }));
      await bare.ready();
    } catch (err) {
      failure = err;
    }
    await bare.close();
    assert.ok(failure instanceof Error, 'a route without an access declaration must not register');
    assert.match(failure.message, /GET \/api\/forgotten declares no access requirement/);
  });

  it('routes outside /api (the web UI) need no declaration', async () => {
    const bare = Fastify({ logger: false });
    installAccessHook(bare, {} as Db, 1);
    bare.get('/about', async () => 'ok');
    await bare.ready();
    assert.equal((await bare.inject({ method: 'GET', url: '/about' })).statusCode, 200);
    await bare.close();
  });

  it('the undocumented OpenAPI route is public', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode, 200);
  });

  it('anonymous callers get 401 TANDEM_ERR_UNAUTHENTICATED on every non-anonymous route', async () => {
    const guarded = routes.filter((r) => r.access !== undefined && r.access !== 'anonymous');
    assert.ok(guarded.length > 50);
    for (const r of guarded) {
      const res = await app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        ...(UNSAFE.has(r.method) && { payload: {} }),
      });
      assert.equal(res.statusCode, 401, `${label(r)} → ${res.statusCode}`);
      if (r.method !== 'HEAD') expectError(res, 401, 'TANDEM_ERR_UNAUTHENTICATED');
    }
  });

  it('a stale or forged session cookie is treated as anonymous (401)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/contacts', cookies: { tandem_session: 'forged' } });
    expectError(res, 401, 'TANDEM_ERR_UNAUTHENTICATED');
  });

  it('the administration routes are exactly the user, role, system-operation, rights-default and mail-service writes (MS-1)', () => {
    const adminOnly = routes
      .filter((r) => typeof r.access === 'object' && r.access.operation === 'CanManageAdministration')
      .filter((r) => r.method !== 'HEAD')
      .map(label)
      .sort();
    assert.deepEqual(adminOnly, [
      'DELETE /api/mail-provider-domains/:id',
      'DELETE /api/mail-services/:id',
      'DELETE /api/roles/:id',
      'DELETE /api/users/:id',
      'GET /api/mail-services/oauth-preview',
      'GET /api/record-rights/defaults',
      'GET /api/system-operations',
      'PATCH /api/mail-provider-domains/:id',
      'PATCH /api/mail-services/:id',
      'PATCH /api/roles/:id',
      'PATCH /api/users/:id',
      'POST /api/mail-provider-domains',
      'POST /api/mail-services',
      'POST /api/roles',
      'POST /api/users',
      'PUT /api/mail-provider-domains/:id',
      'PUT /api/mail-services/:id',
      'PUT /api/record-rights/defaults',
      'PUT /api/roles/:id',
      'PUT /api/users/:id',
    ]);
  });

  it('an ordinary user gets 403 TANDEM_ERR_FORBIDDEN on every CanManageAdministration route', async () => {
    const adminOnly = routes.filter((r) => typeof r.access === 'object');
    for (const r of adminOnly) {
      const res = await user.request(r.method, concrete(r.url), UNSAFE.has(r.method) ? {} : undefined);
      assert.equal(res.statusCode, 403, `${label(r)} → ${res.statusCode} ${res.body}`);
      if (r.method !== 'HEAD') expectError(res, 403, 'TANDEM_ERR_FORBIDDEN');
    }
  });

  it('the administrator passes every access check (answers are 2xx or 4xx validation/not-found, never 401/403)', async () => {
    for (const r of routes.filter((x) => x.access !== undefined && label(x) !== 'DELETE /api/session')) {
      const res = await admin.request(r.method, concrete(r.url), UNSAFE.has(r.method) ? {} : undefined);
      assert.ok(![401, 403].includes(res.statusCode), `${label(r)} → ${res.statusCode} ${res.body}`);
      assert.ok(res.statusCode < 500, `${label(r)} → ${res.statusCode} ${res.body}`);
    }
    // The session still works: nothing above signed the administrator out.
    await admin.json('GET', '/api/session', undefined, 200);
  });

  it('an ordinary user passes the signed-in routes (never 401, and 403 only from record rights)', async () => {
    for (const r of routes.filter((x) => x.access === 'signedIn' && label(x) !== 'DELETE /api/session')) {
      const res = await user.request(r.method, concrete(r.url), UNSAFE.has(r.method) ? {} : undefined);
      assert.notEqual(res.statusCode, 401, `${label(r)} → ${res.statusCode} ${res.body}`);
      assert.ok(res.statusCode < 500, `${label(r)} → ${res.statusCode} ${res.body}`);
      if (res.statusCode === 403) assert.notEqual(res.json().error.code, 'TANDEM_ERR_CSRF', label(r));
    }
  });

  it('unsafe methods without X-CSRF-Token get 403 TANDEM_ERR_CSRF on every route (except the login)', async () => {
    const session = await rawSession(app, 'plainuser', 'plainuser-password');
    const unsafe = routes.filter((r) => UNSAFE.has(r.method) && r.access !== 'anonymous');
    assert.ok(unsafe.length > 25);
    for (const r of unsafe) {
      for (const headers of [{}, { 'x-csrf-token': 'wrong-token' }, { 'x-csrf-token': `${session.csrf}x` }]) {
        const res = await app.inject({
          method: r.method as 'POST',
          url: concrete(r.url),
          cookies: { tandem_session: session.cookie },
          headers,
          payload: {},
        });
        expectError(res, 403, 'TANDEM_ERR_CSRF');
      }
    }
    // The same session with its token is accepted, so the 403s above were about the header alone.
    const ok = await app.inject({
      method: 'POST',
      url: '/api/contacts',
      cookies: { tandem_session: session.cookie },
      headers: { 'x-csrf-token': session.csrf },
      payload: { fullName: 'CSRF control' },
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it("one user's CSRF token does not unlock another user's session", async () => {
    const a = await rawSession(app, 'plainuser', 'plainuser-password');
    const b = await rawSession(app, 'admin', ADMIN_PASSWORD);
    const res = await app.inject({
      method: 'POST',
      url: '/api/contacts',
      cookies: { tandem_session: a.cookie },
      headers: { 'x-csrf-token': b.csrf },
      payload: { fullName: 'Cross-session' },
    });
    expectError(res, 403, 'TANDEM_ERR_CSRF');
  });

  it('safe methods need no CSRF token', async () => {
    const session = await rawSession(app, 'plainuser', 'plainuser-password');
    const res = await app.inject({ method: 'GET', url: '/api/contacts', cookies: { tandem_session: session.cookie } });
    assert.equal(res.statusCode, 200);
  });

  it('signing in needs no CSRF token and no session', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'plainuser', password: 'plainuser-password' },
    });
    assert.equal(res.statusCode, 200, res.body);
  });
});
