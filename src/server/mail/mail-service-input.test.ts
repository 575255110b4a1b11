import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.ts';
import type { MailServiceInput } from './mail-service.types.ts';
import { resolveServiceSettings } from './mail-service-input.ts';

const opts = { allowInsecureLoopback: false };
const errorOf = (input: MailServiceInput, o = opts) => {
  try {
    resolveServiceSettings(input, undefined, o);
  } catch (err) {
    if (err instanceof AppError) return err.details;
    throw err;
  }
  return undefined;
};
const imapService = {
  type: 'imap',
  address: 'mail.example.com',
  imap: { host: 'imap.example.com' },
  smtp: { host: 'smtp.example.com' },
} as const;

describe('mail service settings', () => {
  it('MS-6, MS-13: defaults (name from address, email login, basic auth, Microsoft endpoints)', () => {
    const s = resolveServiceSettings({ type: 'exchange', address: 'Mail.Example.com' }, undefined, opts);
    assert.equal(s.name, 'mail.example.com');
    assert.equal(s.loginFormat, 'email');
    assert.equal(s.auth, 'basic');
    assert.equal(s.downloadEmails && s.sendEmails, true);
    assert.equal(s.tenant, 'organizations');
    assert.equal(s.authorityUrl, 'https://login.microsoftonline.com');
    assert.equal(s.graphUrl, 'https://graph.microsoft.com');
    assert.equal(s.imap, null);
  });

  it('MS-12: ports follow the security choice until one is typed', () => {
    const tls = resolveServiceSettings(imapService, undefined, opts);
    assert.deepEqual([tls.imap?.port, tls.smtp?.port], [993, 465]);
    const plain = resolveServiceSettings(
      {
        ...imapService,
        imap: { host: 'imap.example.com', security: 'starttls' },
        smtp: { host: 's.example.com', security: 'none' },
      },
      undefined,
      opts,
    );
    assert.deepEqual([plain.imap?.port, plain.smtp?.port], [143, 25]);
    const current = { settings: tls, secretSet: false };
    const moved = resolveServiceSettings({ smtp: { security: 'starttls' } }, current, opts);
    assert.equal(moved.smtp?.port, 587, 'a default port follows a new security choice');
    const typed = resolveServiceSettings({ smtp: { port: 2525 } }, current, opts);
    const kept = resolveServiceSettings(
      { smtp: { security: 'starttls' } },
      { settings: typed, secretSet: false },
      opts,
    );
    assert.equal(kept.smtp?.port, 2525, 'a typed port stays when only the security changes');
  });

  it('MS-12: IMAP/SMTP services need both servers; Exchange services have none', () => {
    assert.deepEqual(errorOf({ type: 'imap', address: 'mail.example.com', smtp: { host: 's.example.com' } }), {
      field: 'imap',
      rule: 'required',
    });
    assert.deepEqual(errorOf({ ...imapService, imap: { host: 'imap.example.com:993' } }), {
      field: 'imap.host',
      rule: 'host',
      params: { problem: 'host' },
    });
    assert.equal(
      errorOf({ type: 'exchange', address: 'a.example.com', imap: { host: 'x.example.com' } })?.field,
      'imap',
    );
  });

  it('MS-13: URLs must be https, http only to loopback when OAUTH_ALLOW_INSECURE_LOOPBACK is on', () => {
    const local = { type: 'exchange', address: 'a.example.com', graphUrl: 'http://127.0.0.1:5080/' } as const;
    assert.deepEqual(errorOf(local), { field: 'graphUrl', rule: 'https' });
    const allowed = resolveServiceSettings(local, undefined, { allowInsecureLoopback: true });
    assert.equal(allowed.graphUrl, 'http://127.0.0.1:5080');
    assert.deepEqual(
      errorOf(
        { type: 'exchange', address: 'a.example.com', authorityUrl: 'http://login.example.com' },
        { allowInsecureLoopback: true },
      ),
      { field: 'authorityUrl', rule: 'https' },
    );
    assert.equal(errorOf({ type: 'exchange', address: 'a.example.com', authorityUrl: 'not a url' })?.rule, 'format');
    assert.equal(errorOf({ type: 'exchange', address: 'a.example.com', tenant: 'bad tenant!' })?.field, 'tenant');
  });
});
