import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/api-client.ts';

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
