import { usersApi } from '../api/admin.api.ts';
import type { Lookups, User } from '../api/api-types.ts';
import { sessionApi } from '../api/session.api.ts';

/**
 * Small promise caches for data nearly every page needs (lookups, the user list for owner pickers).
 * They are dropped on sign-out so the next user never sees the previous user's data.
 */
const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = load();
    // A failed load must not stick: the next caller retries.
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

export const loadLookups = (): Promise<Lookups> => cached('lookups', () => sessionApi.lookups());
export const loadUsers = (): Promise<User[]> => cached('users', async () => (await usersApi.list()).items);

/** Forget one entry after a change (e.g. the admin created a user). */
export function invalidate(key: 'lookups' | 'users'): void {
  cache.delete(key);
}

/** Forget everything (sign-out). */
export function resetCaches(): void {
  cache.clear();
}
