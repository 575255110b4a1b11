import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.ts';
import { loginFor } from './mailbox-login.ts';

const rule = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.details : err;
  }
  return undefined;
};

describe('MS-5: login format', () => {
  it('MS-5: email → the full address; mailboxName → the part before @', () => {
    assert.equal(loginFor('email', 'example@google.com', undefined), 'example@google.com');
    assert.equal(loginFor('mailboxName', 'example@google.com', undefined), 'example');
    assert.equal(loginFor('mailboxName', 'example@google.com', 'example'), 'example', 'a matching login is fine');
  });

  it('MS-5: manual → the typed user name, which is then required', () => {
    assert.equal(loginFor('manual', 'ivan@corp.example', ' CORP\\ivan '), 'CORP\\ivan');
    assert.deepEqual(
      rule(() => loginFor('manual', 'ivan@corp.example', '  ')),
      { field: 'login', rule: 'required' },
    );
  });

  it('MS-5: a login that contradicts a computed format is refused, naming the expected one', () => {
    assert.deepEqual(
      rule(() => loginFor('mailboxName', 'example@google.com', 'someone')),
      { field: 'login', rule: 'invalid', params: { expected: 'example' } },
    );
  });
});
