import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-client.ts';
import { fieldMessage, notifyError } from './notify.ts';

export interface FieldErrors {
  /** Message to show next to a field, if the last save named it. */
  errorFor(field: string): string | undefined;
  /** Any error whose field starts with `prefix` (e.g. "participants"). */
  hasErrorUnder(prefix: string): boolean;
  /** Puts a validation error next to its field, or notifies when it names none. */
  handle(error: unknown): void;
  clear(): void;
}

/** Keeps the field errors of a form: API validation errors name the field (DESIGN §4). */
export function useFieldErrors(): FieldErrors {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const handle = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && (error.status === 400 || error.status === 409) && error.field) {
        setErrors({ [error.field]: fieldMessage(t, error) });
        return;
      }
      setErrors({});
      notifyError(t, error);
    },
    [t],
  );

  return {
    errorFor: (field) => errors[field],
    hasErrorUnder: (prefix) =>
      Object.keys(errors).some((key) => key === prefix || key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`)),
    handle,
    clear: useCallback(() => setErrors({}), []),
  };
}
