import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromGraphFailure, fromGraphResponse, parseRetryAfter } from './errors.ts';

const graphBody = (code: string) => ({ error: { code, message: 'whatever the server says' } });

describe('Graph error map (DESIGN §7.4)', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
  });

  it('decides by status and code, never by message text', () => {
    const h = new Headers();
    assert.equal(fromGraphResponse(400, h, graphBody('syncStateNotFound')).kind, 'CURSOR_EXPIRED');
    assert.equal(fromGraphResponse(400, h, graphBody('resyncRequired')).kind, 'CURSOR_EXPIRED');
    assert.equal(fromGraphResponse(410, h, undefined).kind, 'CURSOR_EXPIRED');
    assert.equal(fromGraphResponse(401, h, graphBody('InvalidAuthenticationToken')).kind, 'AUTH');
    assert.equal(fromGraphResponse(403, h, graphBody('ErrorAccessDenied')).reason, 'insufficientScopes');
    assert.equal(fromGraphResponse(404, h, graphBody('ErrorItemNotFound')).reason, undefined);
    assert.equal(fromGraphResponse(404, h, graphBody('MailboxNotEnabledForRESTAPI')).reason, 'mailboxNotFound');
    assert.equal(fromGraphResponse(412, h, graphBody('ErrorIrresolvableConflict')).kind, 'INVALID');
    assert.equal(fromGraphResponse(501, h, undefined).kind, 'INVALID');
    assert.equal(fromGraphResponse(502, h, 'not json').kind, 'TEMPORARY');
  });

  it('carries Retry-After on THROTTLED and on 503', () => {
    const h = new Headers({ 'retry-after': '2' });
    const throttled = fromGraphResponse(429, h, graphBody('ApplicationThrottled'));
    assert.deepEqual([throttled.kind, throttled.retryAfterMs], ['THROTTLED', 2000]);
    const busy = fromGraphResponse(503, h, graphBody('serviceNotAvailable'));
    assert.deepEqual([busy.kind, busy.retryAfterMs], ['TEMPORARY', 2000]);
  });

  it('translates transport failures and leaves programming errors alone', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) });
    assert.equal((fromGraphFailure(refused, 'h') as { kind?: string }).kind, 'UNREACHABLE');
    const dns = new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) });
    assert.equal((fromGraphFailure(dns, 'h') as { reason?: string }).reason, 'unknownHost');
    const cert = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
    });
    assert.equal((fromGraphFailure(cert, 'h') as { kind?: string }).kind, 'TLS');
    const happyEyeballs = new TypeError('fetch failed', {
      cause: new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })]),
    });
    assert.equal((fromGraphFailure(happyEyeballs, 'h') as { kind?: string }).kind, 'UNREACHABLE');
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    assert.equal((fromGraphFailure(timeout, 'h') as { kind?: string }).kind, 'TEMPORARY');
    const bug = new TypeError('x is not a function');
    assert.equal(fromGraphFailure(bug, 'h'), bug);
  });
});
