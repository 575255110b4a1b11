import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { type Access, describeAccess } from './access.ts';

/**
 * OpenAPI 3 document generated from the route schemas (DESIGN §4). Each operation also carries
 * `x-tandem-access` with its declared requirement, so clients can see who may call it.
 */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tandem API',
        version,
        description: 'CRM records and sync administration. Cookie session; unsafe methods need X-CSRF-Token.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    hideUntagged: true,
    transform: ({ schema, url, route }) => {
      const access = route.config?.access as Access | undefined;
      const out = { ...(schema ?? {}) } as Record<string, unknown>;
      if (access) {
        out['x-tandem-access'] = access;
        out.description = [out.description, `Access: ${describeAccess(access)}.`].filter(Boolean).join(' ');
        if (access !== 'anonymous') out.security = [{ session: [], csrf: [] }];
      }
      return { schema: out, url };
    },
  });
  app.get('/api/openapi.json', { config: { access: 'anonymous' }, schema: { hide: true } }, async () => app.swagger());
}
