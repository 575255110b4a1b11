import { GraphError } from '../../contracts.ts';
import type { MailboxRouter } from '../mailbox-router.ts';
import { eventRefOf } from './calendar-context.ts';
import { eventData } from './event-instances.ts';
import { isOrganizedBy, respondToMeeting } from './meeting-invitations.ts';

/**
 * Meeting responses (`api/event-accept.md`, `api/event-tentativelyaccept.md`, `api/event-decline.md`):
 * `POST /events/{id}/accept|tentativelyAccept|decline {comment, sendResponse}` → 202 Accepted, no body.
 * Answering an occurrence answers the series (per-occurrence responses are not modelled).
 */
export function eventResponseRoutes(r: MailboxRouter): void {
  const actions = [
    ['accept', 'accepted'],
    ['tentativelyAccept', 'tentativelyAccepted'],
    ['decline', 'declined'],
  ] as const;
  for (const [action, response] of actions) {
    r.post(`/events/:id/${action}`, 'calendars.write', (req, reply, ctx) => {
      const { item } = eventRefOf(req, ctx);
      if (isOrganizedBy(eventData(item), ctx.owner)) {
        throw new GraphError(
          400,
          'ErrorInvalidRequest',
          "Your request can't be completed. You can't respond to a meeting you organized.",
        );
      }
      const body = (req.body ?? {}) as { sendResponse?: unknown; comment?: unknown };
      if (body.comment !== undefined && typeof body.comment !== 'string') {
        throw new GraphError(400, 'BadRequest', "Invalid value for property 'comment'.");
      }
      respondToMeeting(ctx.options, ctx.owner, item, response, body.sendResponse !== false);
      return reply.code(202).send();
    });
  }
}
