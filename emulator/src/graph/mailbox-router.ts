import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from './permissions.ts';
import { type GraphRuntime, type MailboxContext, mailboxContext } from './request-context.ts';

export type MailboxHandler = (req: FastifyRequest, reply: FastifyReply, ctx: MailboxContext) => unknown;

/** Registers mailbox routes; every route states the access it needs (DESIGN.md §4: no undeclared access). */
export interface MailboxRouter {
  get(url: string, access: Access, handler: MailboxHandler): void;
  post(url: string, access: Access, handler: MailboxHandler): void;
  patch(url: string, access: Access, handler: MailboxHandler): void;
  delete(url: string, access: Access, handler: MailboxHandler): void;
}

/**
 * A router bound to one mailbox prefix (`/me` or `/users/:userIdOrUpn`). Graph's URL segments are
 * case-insensitive and Microsoft's own samples mix `mailFolders` and `mailfolders`, so each route is also
 * registered with its static segments lower-cased.
 */
export function mailboxRouter(app: FastifyInstance, options: GraphRuntime, graphPrefix: string): MailboxRouter {
  const add =
    (method: 'GET' | 'POST' | 'PATCH' | 'DELETE') => (url: string, access: Access, handler: MailboxHandler) => {
      const run = async (req: FastifyRequest, reply: FastifyReply) => {
        const ctx = mailboxContext(req, reply, options, graphPrefix, access);
        const result = await handler(req, reply, ctx);
        if (method !== 'GET' && reply.statusCode < 300) options.hooks.onNotify?.();
        return result;
      };
      for (const path of new Set([url, lowerStaticSegments(url)])) app.route({ method, url: path, handler: run });
    };
  return { get: add('GET'), post: add('POST'), patch: add('PATCH'), delete: add('DELETE') };
}

function lowerStaticSegments(url: string): string {
  return url
    .split('/')
    .map((seg) => (seg.startsWith(':') ? seg : seg.toLowerCase()))
    .join('/');
}
