import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackHost, isTransportAllowed } from './transport-policy.ts';

describe('transport policy: plain http only to loopback, only when allowed (MS-7, MS-11)', () => {
  it('knows the loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', 'LOCALHOST'])
      assert.ok(isLoopbackHost(h), h);
    for (const h of ['10.0.0.1', 'localhost.example.com', '128.0.0.1', '::2']) assert.ok(!isLoopbackHost(h), h);
  });

  it('allows https always and http to loopback only with the flag', () => {
    assert.ok(isTransportAllowed(new URL('https://graph.microsoft.com'), false));
    assert.ok(!isTransportAllowed(new URL('http://127.0.0.1:5080'), false));
    assert.ok(isTransportAllowed(new URL('http://127.0.0.1:5080'), true));
    assert.ok(isTransportAllowed(new URL('http://[::1]:5080'), true));
    assert.ok(!isTransportAllowed(new URL('http://graph.example.com'), true));
    assert.ok(!isTransportAllowed(new URL('ftp://127.0.0.1'), true));
  });
});
