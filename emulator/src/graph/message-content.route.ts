import type { MessageData } from '../store/index.ts';
import { contextUrl } from './collection.ts';
import { graphErrors } from './errors.ts';
import { guard } from './ids.ts';
import type { MailboxRouter } from './mailbox-router.ts';
import { parseAttachment, renderAttachment } from './message-mapper.ts';
import { messageOf } from './messages.route.ts';
import { buildMime } from './mime-builder.ts';
import { isoSeconds } from './outlook-item-mapper.ts';

/**
 * The raw MIME of a message (`GET /messages/{id}/$value`, message-get.md "Get MIME content") and its file
 * attachments (`message-list-attachments.md`, `attachment-get.md`, `message-post-attachments.md`).
 */
export function messageContentRoutes(r: MailboxRouter): void {
  r.get('/messages/:id/$value', 'mail.read', (req, reply, ctx) => {
    const item = messageOf(req, ctx);
    const mime = buildMime(item.data as MessageData, isoSeconds(item.createdAt));
    return reply.header('content-type', 'text/plain').send(mime);
  });

  r.get('/messages/:id/attachments', 'mail.read', (req, _reply, ctx) => {
    const item = messageOf(req, ctx);
    const attachments = (item.data as MessageData).attachments ?? [];
    return {
      '@odata.context': contextUrl(ctx, `/messages('${(req.params as { id: string }).id}')/attachments`),
      value: attachments.map((a) => renderAttachment(a, true)),
    };
  });

  r.get('/messages/:id/attachments/:attachmentId', 'mail.read', (req, _reply, ctx) => {
    const item = messageOf(req, ctx);
    const id = (req.params as { attachmentId: string }).attachmentId;
    const found = ((item.data as MessageData).attachments ?? []).find((a) => a.id === id);
    if (!found) throw graphErrors.itemNotFound();
    return renderAttachment(found, true);
  });

  r.post('/messages/:id/attachments', 'mail.write', (req, reply, ctx) => {
    const item = messageOf(req, ctx);
    const data = item.data as MessageData;
    const existing = data.attachments ?? [];
    const attachment = parseAttachment(req.body, `att${existing.length + 1}-${item.version}`);
    guard(() => ctx.mailbox.updateItem(item, { attachments: [...existing, attachment] }));
    reply.code(201);
    return renderAttachment(attachment, true);
  });

  r.delete('/messages/:id/attachments/:attachmentId', 'mail.write', (req, reply, ctx) => {
    const item = messageOf(req, ctx);
    const id = (req.params as { attachmentId: string }).attachmentId;
    const existing = (item.data as MessageData).attachments ?? [];
    if (!existing.some((a) => a.id === id)) throw graphErrors.itemNotFound();
    guard(() => ctx.mailbox.updateItem(item, { attachments: existing.filter((a) => a.id !== id) }));
    return reply.code(204).send();
  });
}
