import { createHash } from 'node:crypto';

/**
 * Exchange threads messages by conversation topic: the subject without reply/forward prefixes. Both Graph
 * (`conversationId`) and EWS (`ConversationId`) expose the resulting id, so it is computed here, once.
 */
export function conversationIdFor(subject: string): string {
  const topic = subject
    .replace(/^\s*((re|fw|fwd|aw|wg|sv|отв|пересл|回复|转发)\s*[:：]\s*)+/i, '')
    .trim()
    .toLowerCase();
  const h = createHash('sha256').update(topic).digest();
  return `AAQk${h.subarray(0, 30).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`;
}
