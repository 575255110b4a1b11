import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';

/**
 * MB-3 for Exchange Server with Basic authentication: before a mailbox is saved, one authenticated EWS call
 * tells a wrong password, a missing mailbox and a busy server apart, in words — and nothing is saved on failure.
 * A small local EWS endpoint stands in for the server: it checks the Basic credentials and answers GetFolder
 * the way Exchange does (401, NoError, ErrorNonExistentMailbox, ErrorServerBusy).
 */
const USERS: Record<string, string> = { 'ivan@corp.test': 'right-password', 'ghost@corp.test': 'ghost-password' };
const seen: { soapAction?: string; body: string }[] = [];

function envelope(code: string): string {
  const cls = code === 'NoError' ? 'Success' : 'Error';
  return `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<m:GetFolderResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:ResponseMessages>
<m:GetFolderResponseMessage ResponseClass="${cls}"><m:ResponseCode>${code}</m:ResponseCode></m:GetFolderResponseMessage>
</m:ResponseMessages></m:GetFolderResponse></s:Body></s:Envelope>`;
}

let ews: Server;
let port = 0;
let busy = false;

describe('MB-3: connection test for Exchange Server with Basic authentication', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let user: Client;
  let serviceId = '';

  before(async () => {
    ews = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ soapAction: req.headers.soapaction as string | undefined, body });
        const [login, password] = Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
          .toString()
          .split(':');
        if (req.url !== '/EWS/Exchange.asmx' || !login || USERS[login] !== password) {
          res.writeHead(401, { 'www-authenticate': 'Basic realm="ews"' }).end();
          return;
        }
        const code = busy ? 'ErrorServerBusy' : login.startsWith('ghost') ? 'ErrorNonExistentMailbox' : 'NoError';
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(envelope(code));
      });
    });
    await new Promise<void>((r) => ews.listen(0, '127.0.0.1', () => r()));
    port = (ews.address() as AddressInfo).port;
    database = await freshSqlite();
    app = await testApp(database, { OAUTH_ALLOW_INSECURE_LOOPBACK: 'true' });
    admin = await signIn(app, 'admin', ADMIN_PASSWORD);
    const service = await admin.json<{ id: string }>(
      'POST',
      '/api/mail-services',
      { type: 'exchange', address: `127.0.0.1:${port}`, protocol: 'ews', auth: 'basic', loginFormat: 'email' },
      201,
    );
    serviceId = service.id;
    user = await createUser(admin, app, 'ivan');
  });
  after(async () => {
    await app.close();
    await database.drop();
    await new Promise((r) => ews.close(r));
  });

  const add = (email: string, password: string) =>
    user.request('POST', '/api/mailboxes', { email, mailServiceId: serviceId, password });

  it('a wrong password is refused in words, names the password field, and saves nothing', async () => {
    const res = await add('ivan@corp.test', 'wrong-password');
    assert.equal(res.statusCode, 400, res.body);
    const error = res.json().error;
    assert.equal(error.code, 'TANDEM_ERR_CONNECTION');
    assert.equal(error.details.code, 'wrongPassword');
    assert.equal(error.details.field, 'password');
    assert.match(error.message, /user name or password/);
    assert.equal((await user.json<{ total: number }>('GET', '/api/mailboxes')).total, 0);
    assert.ok(
      seen.some((s) => s.soapAction?.includes('GetFolder')),
      'the request carries SOAPAction',
    );
  });

  it('an account without a mailbox, and a busy server, are told apart', async () => {
    const ghost = await add('ghost@corp.test', 'ghost-password');
    assert.equal(ghost.json().error.details.code, 'mailboxNotFound');
    busy = true;
    try {
      const res = await add('ivan@corp.test', 'right-password');
      assert.equal(res.json().error.details.code, 'throttled');
    } finally {
      busy = false;
    }
  });

  it('the right password connects: the mailbox is saved and its last test is ok', async () => {
    const res = await add('ivan@corp.test', 'right-password');
    assert.equal(res.statusCode, 201, res.body);
    const mailbox = res.json();
    assert.equal(mailbox.lastTest?.ok, true);
    assert.deepEqual(mailbox.password, { set: true });
  });
});
