import type { SystemOperation } from '../api/api-types.ts';

/** Name of a system operation in the UI language (the server sends both). */
export function operationName(operations: SystemOperation[] | undefined, code: string, language: string): string {
  const op = operations?.find((o) => o.code === code);
  if (!op) return code;
  return (language === 'ru' ? op.name.ru : op.name.en) || op.name.en || code;
}
