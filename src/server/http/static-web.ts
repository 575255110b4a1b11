import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Serves the built UI (dist/web) with a fallback to index.html for client-side routes; unknown /api
 * paths get the JSON 404. Without a build, pages explain how to make one.
 */
export async function installStaticWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const built = existsSync(join(webDir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: webDir, index: ['index.html'], wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api') || (request.method !== 'GET' && request.method !== 'HEAD')) {
      throw new AppError('TANDEM_ERR_NOT_FOUND', `No such endpoint: ${request.method} ${request.url.split('?')[0]}`);
    }
    if (!built) {
      return reply
        .status(503)
        .type('text/html')
        .send(
          '<!doctype html><title>Tandem</title><p>The web UI has not been built. Run <code>npm run build:web</code>.</p>',
        );
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
