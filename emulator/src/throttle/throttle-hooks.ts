import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Directory, MailboxLease, Principal, RequestLike } from '../contracts.ts';
import { isGraphPath } from '../control/paths.ts';
import type { MailboxLimiter } from './mailbox-limiter.ts';
import { mailboxOfGraphPath } from './mailbox-of-request.ts';
import { throttledError } from './throttle-errors.ts';

export interface ThrottleHookDeps {
  limiter: MailboxLimiter;
  directory: Directory;
  /** Graph token validation; requests whose token fails are not throttled (the Graph routes answer 401). */
  authenticate(request: RequestLike): Principal;
}

/**
 * Applies the mailbox limits to `/v1.0/*` in `onRequest`, before any fault delay, so a delayed request holds its
 * slot for as long as it is in flight. The slot is released when the response finishes or the connection closes.
 */
export function registerThrottleHooks(app: FastifyInstance, deps: ThrottleHookDeps): void {
  const leases = new WeakMap<FastifyRequest, MailboxLease>();

  app.addHook('onRequest', (request, reply, done) => {
    if (!isGraphPath(request.url)) return done();
    let principal: Principal;
    try {
      principal = deps.authenticate(request);
    } catch {
      return done();
    }
    const mailbox = mailboxOfGraphPath(request.url.replace(/^\/v1\.0/i, ''), principal, deps.directory);
    if (!mailbox) return done();
    const decision = deps.limiter.tryAcquire(principal.appId, mailbox);
    if (!decision.ok) {
      const err = throttledError(decision);
      reply
        .code(429)
        .headers(err.headers)
        .send({ error: { code: err.code, message: err.message } });
      return;
    }
    leases.set(request, decision.lease);
    reply.raw.once('close', () => decision.lease.release());
    done();
  });

  app.addHook('onResponse', (request, _reply, done) => {
    leases.get(request)?.release();
    done();
  });
}
