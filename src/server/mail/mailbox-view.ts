import { AppError } from '../errors.ts';
import type { MailboxRow } from './mailbox.store.ts';
import type { ConnectionTestResult, Mailbox, TestRecord } from './mailbox.types.ts';

/** The stored last test (`last_test_result` JSON plus `last_test_at`), or null before the first one. */
export function lastTestOf(row: { last_test_at: string | null; last_test_result: string | null }): TestRecord | null {
  if (!row.last_test_at || !row.last_test_result) return null;
  const r = JSON.parse(row.last_test_result) as ConnectionTestResult;
  return { at: row.last_test_at, ok: r.ok, code: r.code, message: r.message };
}

/** The stored form of a test result (only what `lastTest` shows). */
export function testResultJson(r: ConnectionTestResult): string {
  return JSON.stringify({ ok: r.ok, code: r.code, message: r.message });
}

/** The API shape: the password only as "set or not", tokens not at all (MS-11). */
export function toMailbox(row: MailboxRow): Mailbox {
  return {
    id: row.id,
    email: row.email,
    mailServiceId: row.mail_service_id,
    mailServiceName: row.mail_service_name,
    ownerId: row.owner_id,
    login: row.login,
    password: { set: row.password_enc !== null },
    state: row.state,
    tokenExpiresAt: row.token_expires_at,
    lastTest: lastTestOf(row),
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };
}

/** The form field a failed test points at, so the UI can show the message beside it (MB-3). */
export function fieldOfTestCode(code: string): string {
  if (code === 'wrongPassword') return 'password';
  if (code === 'mailboxNotFound') return 'email';
  return 'mailServiceId';
}

/** MB-3: a failed pre-save test, with the connector's words and its stable code. Nothing is saved. */
export function connectionError(result: ConnectionTestResult): AppError {
  return new AppError('TANDEM_ERR_CONNECTION', result.message || undefined, {
    code: result.code,
    field: result.field ?? fieldOfTestCode(result.code),
  });
}

/**
 * MB-3: whether a failed test stops the save. `unsupported` means the server answered but the password
 * cannot be checked for this kind of server yet: saving is allowed and the first sync will tell.
 */
export function blocksSave(result: ConnectionTestResult): boolean {
  return !result.ok && result.code !== 'unsupported';
}
