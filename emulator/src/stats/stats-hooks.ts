import type { FastifyInstance } from 'fastify';
import { isControlPath } from '../control/paths.ts';
import { COUNTER, type EmulatorStats } from './emulator-stats.ts';

/**
 * Counts every finished request by method + route pattern (`GET /v1.0/me/messages/:id`; `(no route)` when nothing
 * matched) and every 429 served. Control API calls are not counted, so tests and benchmarks read clean numbers.
 */
export function registerStatsHooks(app: FastifyInstance, stats: EmulatorStats): void {
  app.addHook('onResponse', async (request, reply) => {
    if (isControlPath(request.url)) return;
    stats.recordRequest(request.method, request.routeOptions.url ?? '(no route)');
    if (reply.statusCode === 429) stats.increment(COUNTER.served429);
  });
}
