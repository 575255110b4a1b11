import { randomBytes } from 'node:crypto';
import type { Address, FileAttachment, MessageData } from '../store/index.ts';

/**
 * Builds the RFC 5322/2045 MIME text that `GET /messages/{id}/$value` returns (message-get.md, "Get MIME
 * content"). Non-ASCII header text is RFC 2047 encoded, file names use RFC 2231, bodies and attachments
 * are base64 with 76-character lines. A message with attachments is multipart/mixed.
 */
export function buildMime(d: MessageData, fallbackDate: string): string {
  const headers: string[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value) headers.push(`${name}: ${value}`);
  };
  add('From', d.from ? formatAddress(d.from) : undefined);
  add('Sender', d.sender && d.sender.address !== d.from?.address ? formatAddress(d.sender) : undefined);
  add('To', formatList(d.toRecipients));
  add('Cc', formatList(d.ccRecipients));
  add('Bcc', d.isDraft ? formatList(d.bccRecipients) : undefined);
  add('Reply-To', formatList(d.replyTo));
  add('Subject', encodeWord(d.subject ?? ''));
  add('Date', new Date(d.sentDateTime ?? d.receivedDateTime ?? fallbackDate).toUTCString().replace('GMT', '+0000'));
  add('Message-ID', d.internetMessageId);
  if (d.importance === 'high') add('Importance', 'high');
  if (d.importance === 'low') add('Importance', 'low');
  for (const h of d.internetMessageHeaders ?? []) add(h.name, encodeWord(h.value));
  add('MIME-Version', '1.0');

  const body = d.body ?? { contentType: 'text', content: '' };
  const bodyPart = part(
    `text/${body.contentType === 'html' ? 'html' : 'plain'}; charset="utf-8"`,
    Buffer.from(body.content, 'utf8'),
  );
  const attachments = d.attachments ?? [];
  if (attachments.length === 0) return `${headers.join('\r\n')}\r\n${bodyPart}`;

  const boundary = `_000_${randomBytes(10).toString('hex')}_`;
  const parts = [bodyPart, ...attachments.map(attachmentPart)];
  const content = parts.map((p) => `--${boundary}\r\n${p}`).join('\r\n');
  return `${headers.join('\r\n')}\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${content}\r\n--${boundary}--\r\n`;
}

function attachmentPart(a: FileAttachment): string {
  const disposition = `${a.isInline ? 'inline' : 'attachment'}; ${fileNameParam(a.name)}`;
  const extra = [`Content-Disposition: ${disposition}`, ...(a.contentId ? [`Content-ID: <${a.contentId}>`] : [])];
  return part(`${a.contentType}; ${nameParam(a.name)}`, Buffer.from(a.contentBytes, 'base64'), extra);
}

function part(contentType: string, bytes: Buffer, extra: string[] = []): string {
  const b64 = bytes.toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return [`Content-Type: ${contentType}`, 'Content-Transfer-Encoding: base64', ...extra, '', b64].join('\r\n');
}

function formatAddress(a: Address): string {
  if (!a.name || a.name === a.address) return a.address;
  const name = /^[\x20-\x7e]*$/.test(a.name) ? `"${a.name.replace(/(["\\])/g, '\\$1')}"` : encodeWord(a.name);
  return `${name} <${a.address}>`;
}

function formatList(list: Address[] | undefined): string | undefined {
  return list?.length ? list.map(formatAddress).join(', ') : undefined;
}

/** RFC 2047 `=?utf-8?B?…?=` for text outside printable ASCII. */
function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function nameParam(name: string): string {
  return /^[\x20-\x7e]*$/.test(name) ? `name="${name.replace(/"/g, '')}"` : `name="${encodeWord(name)}"`;
}

/** RFC 2231 `filename*=utf-8''…` for non-ASCII names. */
function fileNameParam(name: string): string {
  if (/^[\x20-\x7e]*$/.test(name)) return `filename="${name.replace(/"/g, '')}"`;
  return `filename*=utf-8''${encodeURIComponent(name)}`;
}
