import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/database.ts';
import { accountRoutes } from './accounts/account.routes.ts';
import { activityRoutes } from './activities/activity.routes.ts';
import { contactRoutes } from './contacts/contact.routes.ts';
import { groupRoutes } from './groups/group.routes.ts';
import { lookupRoutes } from './lookups/lookup.routes.ts';
import { rightsDefaultsRoutes } from './rights/grant.routes.ts';
import { roleRoutes } from './roles/role.routes.ts';
import { userRoutes } from './users/user.routes.ts';

/** Every CRM route, registered at the root so paths read as in DESIGN §4. */
export const crmRoutes: FastifyPluginAsync<{ db: Db }> = async (app, opts) => {
  await app.register(userRoutes, opts);
  await app.register(roleRoutes, opts);
  await app.register(lookupRoutes, opts);
  await app.register(rightsDefaultsRoutes, opts);
  await app.register(groupRoutes, opts);
  await app.register(contactRoutes, opts);
  await app.register(accountRoutes, opts);
  await app.register(activityRoutes, opts);
};
