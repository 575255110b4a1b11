import { isHostName } from './host-name.ts';

/**
 * A mailbox address split into its local part and domain, or undefined when it is not one. Stricter
 * than the contact check on purpose: the domain must be a real host name, since it picks the mail
 * service (MS-9) and the local part becomes a login (MS-5).
 */
export function splitMailAddress(value: string): { local: string; domain: string } | undefined {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1 || value.length > 320) return undefined;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase();
  if (/[\s@<>()[\],;:"\\]/.test(local) || local.length > 64) return undefined;
  if (!isHostName(domain) || !domain.includes('.')) return undefined;
  return { local, domain };
}
