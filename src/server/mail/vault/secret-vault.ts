import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The secret vault (MS-11): client secrets, mailbox passwords and OAuth tokens are stored as
 * AES-256-GCM ciphertext. The caller names the column a value belongs to (e.g.
 * `mail_services.client_secret`) and that name is authenticated as additional data, so a ciphertext
 * copied into another column does not decrypt. Format: `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url),
 * where keyId tells which key wrote the value (useful after `tandem rotate-secret-key`).
 */
export interface Vault {
  /** Short, non-secret fingerprint of the key. */
  readonly keyId: string;
  encrypt(plain: string, aad: string): string;
  /** Throws VaultError when the value was tampered with, belongs to another column or another key. */
  decrypt(enc: string, aad: string): string;
}

/** A value that cannot be decrypted. The message never contains the value or the key. */
export class VaultError extends Error {}

export const VAULT_KEY_BYTES = 32;
const VERSION = 'v1';
const IV_BYTES = 12; // the size GCM is specified for (NIST SP 800-38D)
const TAG_BYTES = 16;

/** Fingerprint of a key: a hash prefix with a domain label, so it reveals nothing usable about the key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('tandem-vault-key-id\0').update(key).digest('base64url').slice(0, 8);
}

/** Builds a vault around a 32-byte key. */
export function createVault(key: Buffer): Vault {
  if (key.length !== VAULT_KEY_BYTES) throw new VaultError(`The vault key must be ${VAULT_KEY_BYTES} bytes`);
  const secretKey = Buffer.from(key); // a private copy the caller cannot change afterwards
  const keyId = keyIdOf(secretKey);
  return {
    keyId,
    encrypt(plain, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secretKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, keyId, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join(':');
    },
    decrypt(enc, aad) {
      const parts = enc.split(':');
      if (parts.length !== 5 || parts[0] !== VERSION) throw new VaultError(`Not a vault value (${aad})`);
      const [, id, ivText, tagText, ctText] = parts as [string, string, string, string, string];
      if (id !== keyId) {
        throw new VaultError(`A ${aad} value was encrypted with key ${id}, but the current key is ${keyId}`);
      }
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new VaultError(`Malformed vault value (${aad})`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', secretKey, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new VaultError(`A ${aad} value failed authentication (tampered with, or stored in another column)`);
      }
    },
  };
}

/** A fresh random key (first start, rotation, tests). */
export function generateVaultKey(): Buffer {
  return randomBytes(VAULT_KEY_BYTES);
}
