import type { FastifyInstance } from 'fastify';
import type { OutlookControl, SubscriptionsControl } from '../contracts.ts';
import type { DirectoryService } from '../directory/directory-service.ts';
import { ControlInputError } from './control-errors.ts';

interface OutlookRouteDeps {
  directory: DirectoryService;
  outlook(): OutlookControl | undefined;
  subscriptions(): SubscriptionsControl | undefined;
}

const KINDS = ['message', 'contact', 'event', 'task'];
const LIFECYCLE = ['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const;
type Body = Record<string, unknown>;

/**
 * Acting as "the user in Outlook" (DESIGN §5): create, update, move and delete any item, and add
 * folders, outside any API client — so delta, subscriptions and EWS see a change a person made. Also
 * lifecycle notifications on demand. Bodies: `{kind, folder?, fields}`; `folder` is an id, a well-known
 * name or a display-name path.
 */
export function registerOutlookRoutes(scope: FastifyInstance, deps: OutlookRouteDeps): void {
  const outlook = (): OutlookControl => {
    const o = deps.outlook();
    if (!o) throw new ControlInputError('Outlook actions are provided by the mailbox part, which is not loaded', 501);
    return o;
  };
  const userId = (email: string): string => {
    const user = deps.directory.findUser(email);
    if (!user) throw new ControlInputError(`user '${email}' not found`, 404);
    return user.id;
  };
  const kindOf = (body: Body): string => {
    const kind = String(body.kind ?? '');
    if (!KINDS.includes(kind)) throw new ControlInputError(`kind must be one of ${KINDS.join(', ')}`);
    return kind;
  };
  const fieldsOf = (body: Body): Record<string, unknown> =>
    typeof body.fields === 'object' && body.fields !== null ? (body.fields as Record<string, unknown>) : {};
  const bodyOf = (b: unknown): Body => (typeof b === 'object' && b !== null ? (b as Body) : {});

  type Item = { Params: { email: string; id: string }; Body: Body; Querystring: { kind?: string } };

  scope.post<{ Params: { email: string }; Body: Body }>('/users/:email/items', async (request, reply) => {
    const body = bodyOf(request.body);
    const folder = typeof body.folder === 'string' ? body.folder : undefined;
    const ref = outlook().create(userId(request.params.email), kindOf(body), folder, fieldsOf(body));
    return reply.code(201).send(ref);
  });
  scope.patch<Item>('/users/:email/items/:id', async (request) => {
    const body = bodyOf(request.body);
    return outlook().update(userId(request.params.email), kindOf(body), request.params.id, fieldsOf(body));
  });
  scope.post<Item>('/users/:email/items/:id/move', async (request) => {
    const body = bodyOf(request.body);
    if (typeof body.folder !== 'string') throw new ControlInputError('folder is required');
    return outlook().move(userId(request.params.email), kindOf(body), request.params.id, body.folder);
  });
  scope.delete<Item>('/users/:email/items/:id', async (request) => {
    outlook().delete(userId(request.params.email), kindOf({ kind: request.query.kind }), request.params.id);
    return { deleted: true };
  });
  scope.post<{ Params: { email: string }; Body: Body }>('/users/:email/folders', async (request, reply) => {
    const body = bodyOf(request.body);
    if (typeof body.displayName !== 'string' || !body.displayName)
      throw new ControlInputError('displayName is required');
    const parent = typeof body.parent === 'string' ? body.parent : undefined;
    return reply
      .code(201)
      .send(outlook().createFolder(userId(request.params.email), kindOf(body), parent, body.displayName));
  });

  scope.get('/subscriptions', async () => ({ items: deps.subscriptions()?.list() ?? [] }));
  scope.post<{ Params: { id: string }; Body: Body }>('/subscriptions/:id/lifecycle', async (request) => {
    const event = String(bodyOf(request.body).event ?? '');
    if (!(LIFECYCLE as readonly string[]).includes(event)) {
      throw new ControlInputError(`event must be one of ${LIFECYCLE.join(', ')}`);
    }
    const control = deps.subscriptions();
    if (!control) throw new ControlInputError('subscriptions are provided by the Graph part, which is not loaded', 501);
    const sent = await control.fireLifecycle(request.params.id, event as (typeof LIFECYCLE)[number]);
    if (!sent) throw new ControlInputError('no such subscription, or it has no lifecycleNotificationUrl', 404);
    return { sent: true, event };
  });
}
