import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createVault, generateVaultKey, VaultError } from './secret-vault.ts';

/** MS-11: the vault's AES-256-GCM envelope, its column binding and its tamper detection. */
describe('secret vault', () => {
  const vault = createVault(generateVaultKey());
  const AAD = 'mailboxes.password';

  it('MS-11: round trip, with a fresh IV each time and no plaintext in the envelope', () => {
    const plain = 'Pässwörd with ünïcode and : colons';
    const a = vault.encrypt(plain, AAD);
    const b = vault.encrypt(plain, AAD);
    assert.notEqual(a, b, 'the same secret encrypts differently every time');
    assert.match(a, /^v1:[A-Za-z0-9_-]{8}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    assert.equal(a.split(':')[1], vault.keyId);
    assert.ok(!a.includes(plain) && !a.includes(Buffer.from(plain).toString('base64')));
    assert.equal(vault.decrypt(a, AAD), plain);
    assert.equal(vault.decrypt(vault.encrypt('', AAD), AAD), '');
  });

  it('MS-11: a changed ciphertext, tag or IV is detected', () => {
    const enc = vault.encrypt('secret value', AAD);
    const parts = enc.split(':');
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index] as string, 'base64url');
      bytes[0] = (bytes[0] as number) ^ 1;
      const tampered = parts.map((p, i) => (i === index ? bytes.toString('base64url') : p)).join(':');
      assert.throws(() => vault.decrypt(tampered, AAD), VaultError, `part ${index}`);
    }
  });

  it('MS-11: a value moved to another column does not decrypt (AAD per column)', () => {
    const enc = vault.encrypt('client-secret', 'mail_services.client_secret');
    assert.throws(() => vault.decrypt(enc, 'mailboxes.password'), /failed authentication/);
  });

  it('MS-11: another key cannot read the value, and the error names both key ids but no secret', () => {
    const enc = vault.encrypt('top-secret', AAD);
    const other = createVault(generateVaultKey());
    assert.throws(
      () => other.decrypt(enc, AAD),
      (err: Error) =>
        err.message.includes(vault.keyId) && err.message.includes(other.keyId) && !err.message.includes('top-secret'),
    );
    // Even with the key id forged to match, GCM authentication still refuses it.
    const forged = enc.replace(`:${vault.keyId}:`, `:${other.keyId}:`);
    assert.throws(() => other.decrypt(forged, AAD), /failed authentication/);
  });

  it('refuses malformed values and keys of the wrong size', () => {
    assert.throws(() => vault.decrypt('plaintext', AAD), /Not a vault value/);
    assert.throws(() => vault.decrypt(`v1:${vault.keyId}:AAAA:AAAA:AAAA`, AAD), /Malformed/);
    assert.throws(() => createVault(Buffer.alloc(16)), /32 bytes/);
  });

  it('the key id is stable for a key and differs between keys', () => {
    const key = generateVaultKey();
    assert.equal(createVault(key).keyId, createVault(Buffer.from(key)).keyId);
    assert.notEqual(createVault(key).keyId, vault.keyId);
  });
});
