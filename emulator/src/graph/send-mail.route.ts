import type { MessageData } from '../store/index.ts';
import { graphErrors } from './errors.ts';
import { sendMessage } from './mail-delivery.ts';
import type { MailboxRouter } from './mailbox-router.ts';
import { readMessageBody } from './message-mapper.ts';
import { messageOf } from './messages.route.ts';

/**
 * Sending (protocols.md §3.3): `POST /sendMail {message, saveToSentItems}` and `POST /messages/{id}/send`
 * both answer **202 Accepted with an empty body** and no id (`user-sendmail.md`, `message-send.md`).
 */
export function sendMailRoutes(r: MailboxRouter): void {
  r.post('/sendMail', 'mail.send', (req, reply, ctx) => {
    const body = req.body as { message?: unknown; saveToSentItems?: unknown } | undefined;
    if (!body || typeof body.message !== 'object' || body.message === null) {
      throw graphErrors.badRequest("The property 'message' is required.");
    }
    const { data, side } = readMessageBody(body.message, 'create');
    if (!hasRecipients(data))
      throw graphErrors.invalidRequest('At least one recipient is required, but none were found.');
    sendMessage({
      store: ctx.options.store,
      directory: ctx.options.directory,
      sender: ctx.owner,
      mailbox: ctx.mailbox,
      message: data,
      extendedProperties: side.extendedProperties,
      saveToSentItems: body.saveToSentItems !== false && body.saveToSentItems !== 'false',
    });
    return reply.code(202).send();
  });

  r.post('/messages/:id/send', 'mail.send', (req, reply, ctx) => {
    const draft = messageOf(req, ctx);
    const data = draft.data as MessageData;
    if (data.isDraft === false) throw graphErrors.invalidRequest('Only draft messages can be sent.');
    if (!hasRecipients(data))
      throw graphErrors.invalidRequest('At least one recipient is required, but none were found.');
    sendMessage({
      store: ctx.options.store,
      directory: ctx.options.directory,
      sender: ctx.owner,
      mailbox: ctx.mailbox,
      message: {},
      saveToSentItems: true,
      draft,
    });
    return reply.code(202).send();
  });
}

function hasRecipients(d: Partial<MessageData>): boolean {
  return (d.toRecipients?.length ?? 0) + (d.ccRecipients?.length ?? 0) + (d.bccRecipients?.length ?? 0) > 0;
}
