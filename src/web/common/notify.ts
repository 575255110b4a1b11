import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/api-client.ts';
import { i18next } from '../i18n/i18n.ts';

/**
 * The sentence shown next to a field: the rule the server names (`details.rule`) in the user's
 * language; for rules without a translation, the server's own sentence after a translated lead-in.
 */
export function fieldMessage(t: TFunction, error: ApiError): string {
  const rule = typeof error.details?.rule === 'string' ? error.details.rule : undefined;
  const params = (error.details?.params ?? {}) as Record<string, unknown>;
  if (rule && i18next.exists(`errors.rules.${rule}`)) return t(`errors.rules.${rule}`, params);
  // The server's sentence starts with the field path ("communications.0.value: …"); next to the
  // field that is noise.
  const detail = error.message.replace(/^[\w.[\]]+:\s*/, '');
  return detail ? t('errors.invalidValueDetail', { detail }) : t('errors.invalidValue');
}

/** A sentence for an API error, by HTTP status; the server's own text is added when it helps. */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const byStatus: Record<number, string> = {
      0: t('errors.network'),
      400: t('errors.validation'),
      401: t('errors.unauthorized'),
      403: t('errors.forbidden'),
      404: t('errors.notFound'),
      409: t('errors.conflict'),
      429: t('errors.rateLimited'),
    };
    const general = byStatus[error.status] ?? t('errors.server');
    if (typeof error.details?.rule === 'string' && i18next.exists(`errors.rules.${error.details.rule}`)) {
      return `${general}: ${fieldMessage(t, error)}`;
    }
    return error.message && error.status !== 0 ? `${general} (${error.message})` : general;
  }
  return t('errors.unexpected');
}

/** Red toast for a failed action. */
export function notifyError(t: TFunction, error: unknown): void {
  notifications.show({ color: 'red', title: t('errors.title'), message: describeError(t, error) });
}

/** Green toast for a finished action. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message });
}
