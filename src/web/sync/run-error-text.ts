import type { TFunction } from 'i18next';
import { i18next } from '../i18n/i18n.ts';
import type { SyncRun } from './sync-types.ts';

/**
 * A run's failure in the user's language: the codes the worker records (needsSignIn, throttled, unreachable, …) are
 * worded here; any other code shows the server's own sentence.
 */
export function runErrorText(t: TFunction, error: NonNullable<SyncRun['error']>): string {
  const key = `sync.errors.${error.code}`;
  return i18next.exists(key) ? t(key) : error.message || error.code;
}
