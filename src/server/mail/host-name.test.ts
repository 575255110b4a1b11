import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostOf, isHostName, isLoopbackHost, parseHostPort } from './host-name.ts';
import { splitMailAddress } from './mail-address.ts';

describe('host names and addresses', () => {
  it('MS-3: host or host:port, lowercased; IPv4 and bracketed IPv6 too', () => {
    assert.deepEqual(parseHostPort(' Example.Exchange.com '), { host: 'example.exchange.com', port: null });
    assert.deepEqual(parseHostPort('mail.example.com:8443'), { host: 'mail.example.com', port: 8443 });
    assert.deepEqual(parseHostPort('10.0.0.5:443'), { host: '10.0.0.5', port: 443 });
    assert.deepEqual(parseHostPort('[::1]:8443'), { host: '[::1]', port: 8443 });
    assert.deepEqual(parseHostPort('xn--80ak6aa92e.com'), { host: 'xn--80ak6aa92e.com', port: null });
  });

  it('MS-3: says why a value is not an address (scheme, path, spaces, host, port)', () => {
    const problem = (v: string) =>
      'problem' in parseHostPort(v) ? (parseHostPort(v) as { problem: string }).problem : 'ok';
    assert.equal(problem(''), 'empty');
    assert.equal(problem('https://mail.example.com'), 'scheme');
    assert.equal(problem('mail.example.com/EWS/Exchange.asmx'), 'path');
    assert.equal(problem('mail example.com'), 'spaces');
    assert.equal(problem('-bad-.example.com'), 'host');
    assert.equal(problem('mail_example.com'), 'host');
    assert.equal(problem('mail.example.com:0'), 'port');
    assert.equal(problem('mail.example.com:65536'), 'port');
  });

  it('host names, loopback hosts and the host of a stored address', () => {
    assert.ok(isHostName('localhost'));
    assert.ok(!isHostName(`${'a'.repeat(64)}.com`));
    assert.ok(isLoopbackHost('127.0.0.1') && isLoopbackHost('[::1]') && isLoopbackHost('LOCALHOST'));
    assert.ok(!isLoopbackHost('10.0.0.1') && !isLoopbackHost('localhost.example.com'));
    assert.equal(hostOf('mail.example.com:443'), 'mail.example.com');
    assert.equal(hostOf('[::1]:443'), '::1');
    assert.equal(hostOf('::1'), '::1');
  });

  it('mail addresses split into local part and lowercased domain', () => {
    assert.deepEqual(splitMailAddress('Example@Google.COM'), { local: 'Example', domain: 'google.com' });
    for (const bad of ['no-at', '@example.com', 'a@', 'a b@example.com', 'a@localhost', 'a@exa mple.com']) {
      assert.equal(splitMailAddress(bad), undefined, bad);
    }
  });
});
