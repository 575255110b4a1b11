import type { LoginFormat } from '../db/schema.ts';
import { invalid } from '../errors.ts';
import { splitMailAddress } from './mail-address.ts';

/**
 * MS-5: the login a mailbox signs in with, from the service's login format: `email` → the address,
 * `mailboxName` → the part before @ (`example` for example@google.com), `manual` → what the user typed.
 * A login sent for a computed format must match it, so a form that disagrees with the server says so.
 */
export function loginFor(format: LoginFormat, email: string, given: string | undefined): string {
  const typed = given?.trim();
  if (format === 'manual') {
    if (!typed) throw invalid('login', 'is required: this mail service takes the user name as typed', 'required');
    return typed;
  }
  const local = splitMailAddress(email)?.local ?? email;
  const computed = format === 'email' ? email : local;
  if (typed !== undefined && typed !== '' && typed !== computed) {
    throw invalid('login', `is set from the address by this mail service (${format}): leave it out`, 'invalid', {
      expected: computed,
    });
  }
  return computed;
}
