import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import { lookupService } from './lookup.service.ts';

/** GET /api/lookups: contact and account types, time zones. */
export const lookupRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/lookups',
    { config: { access: 'signedIn' }, schema: { tags: ['lookups'], summary: 'Lookup values' } },
    async () => lookupService.all(db),
  );
};
