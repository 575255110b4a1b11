import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/api-client.ts';
import { describeError } from '../common/notify.ts';
import { i18next } from '../i18n/i18n.ts';

/** The sentence for a connection-test code (MB-3); unknown codes fall back to the server's words. */
export function connectionMessage(t: TFunction, code: string | undefined, serverMessage?: string): string {
  if (code && i18next.exists(`connection.codes.${code}`)) return t(`connection.codes.${code}`);
  return serverMessage ? t('connection.unknown', { detail: serverMessage }) : t('connection.codes.unreachable');
}

/**
 * Mail errors the generic wording would blur: a service still used by mailboxes (MS-10) and a failed
 * connection test before saving a mailbox (MB-3).
 */
export function describeMailError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'TANDEM_ERR_IN_USE') {
      const count = Number(error.details?.count);
      return Number.isFinite(count) ? t('mailService.inUse', { count }) : t('mailService.inUseUnknown');
    }
    if (error.code === 'TANDEM_ERR_CONNECTION') {
      const code = typeof error.details?.code === 'string' ? error.details.code : undefined;
      return connectionMessage(t, code, error.message);
    }
  }
  return describeError(t, error);
}

/** Why the mailbox's folder list is missing, for the folder pickers (MB-2). */
export function foldersProblemOf(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code === 'TANDEM_ERR_CONNECTION' && error.details?.code === 'unsupported') {
    return t('mailboxSettings.foldersUnsupported');
  }
  return describeMailError(t, error);
}

/** Toast for a finished connection test: green when it worked, red with the reason otherwise. */
export function notifyConnectionResult(t: TFunction, result: { ok: boolean; code: string; message?: string }): void {
  const message = connectionMessage(t, result.code, result.message);
  if (result.ok) notifications.show({ color: 'teal', message });
  else notifications.show({ color: 'red', title: t('connection.failedTitle'), message });
}

/** Red toast with the mail-aware sentence. */
export function notifyMailError(t: TFunction, error: unknown): void {
  notifications.show({ color: 'red', title: t('errors.title'), message: describeMailError(t, error) });
}
