import type { Directory, Principal } from '../contracts.ts';

/**
 * The mailbox a Graph request addresses, for throttling (graph/throttling-limits counts per app + mailbox):
 * `/me/…` → the token's user; `/users/{id|upn}/…` or `/users('{id|upn}')/…` → that user (its object id when the
 * directory knows it). Undefined for requests that address no mailbox (`/$batch`, `/subscriptions`, app-only `/me`).
 * `path` is the part after `/v1.0`, or a `$batch` inner URL.
 */
export function mailboxOfGraphPath(path: string, principal: Principal, directory: Directory): string | undefined {
  const clean = (path.split('?')[0] ?? '').replace(/^\/+/, '');
  const [first = '', second] = clean.split('/');
  if (first.toLowerCase() === 'me') return principal.userId;
  const quoted = first.match(/^users\(\s*'([^']+)'\s*\)$/i);
  const who = quoted?.[1] ?? (first.toLowerCase() === 'users' ? second : undefined);
  if (!who) return undefined;
  let decoded = who;
  try {
    decoded = decodeURIComponent(who);
  } catch {
    // keep it as written
  }
  return directory.findUser(decoded, principal.tenantId)?.id ?? decoded.toLowerCase();
}
