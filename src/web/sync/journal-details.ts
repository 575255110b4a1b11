import type { TFunction } from 'i18next';
import { i18next } from '../i18n/i18n.ts';
import type { JournalLine } from './sync-types.ts';

/**
 * The line's details in the user's language when the server says what happened as a code (field names and the
 * conflict rule worded too); otherwise the server's own sentence (errors from the server or the CRM, lines written
 * before codes existed).
 */
export function detailsOf(t: TFunction, line: JournalLine): string {
  const key = `sync.messages.${line.messageCode}`;
  if (line.messageCode && i18next.exists(key)) {
    const args: Record<string, string | number> = { ...line.messageArgs };
    if (typeof args.fields === 'string')
      args.fields = args.fields
        .split(', ')
        .map((f) => t(`sync.fields.${f}`, { defaultValue: f }))
        .join(', ');
    if (typeof args.policy === 'string')
      args.policy = t(`mailboxSettings.policies.${args.policy}`, { defaultValue: args.policy });
    return t(key, args);
  }
  return line.message ?? '';
}
