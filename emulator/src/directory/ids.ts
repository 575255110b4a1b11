import { randomBytes, randomUUID } from 'node:crypto';

/** A directory object id or app id: a lower-case GUID, as Entra issues them. */
export function newGuid(): string {
  return randomUUID();
}

/** An opaque credential (client secret, code, refresh token) of `bytes` random bytes, base64url. */
export function opaqueToken(bytes: number, prefix = ''): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` has the shape of a GUID. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}
