import type { FastifyInstance } from 'fastify';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** True for addresses of this machine (IPv4 127/8, IPv6 ::1 and v4-mapped 127/8). */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.test(address);
}

/**
 * The control API can create users and read passwords' effects, so only local callers may use it. The socket's
 * peer address decides; `X-Forwarded-For` is ignored (Fastify runs without trustProxy).
 */
export function registerLoopbackGuard(scope: FastifyInstance): void {
  scope.addHook('onRequest', (request, reply, done) => {
    if (isLoopback(request.socket.remoteAddress)) return done();
    reply.code(403).send({ error: { code: 'Forbidden', message: 'The control API only answers loopback clients.' } });
  });
}
