import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

/** The signing key as snapshot data: tokens issued before a restart stay valid after it. */
export interface SigningKeyData {
  kid: string;
  privateKeyPem: string;
}

/** Generates a 2048-bit RSA key, the key type Entra signs RS256 tokens with. */
export function generateSigningKey(): SigningKeyData {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // Entra's kid is a base64url certificate thumbprint; a hash of the public key serves the same purpose here.
  const kid = createHash('sha256').update(spki).digest('base64url').slice(0, 27);
  return { kid, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

export type JwtClaims = Record<string, unknown>;

export class JwtFormatError extends Error {}

/** Signs and verifies compact RS256 JWTs with one key, and publishes it as a JWKS. */
export class JwtSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(readonly key: SigningKeyData) {
    this.privateKey = createPrivateKey(key.privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
  }

  sign(claims: JwtClaims): string {
    const header = { typ: 'JWT', alg: 'RS256', kid: this.key.kid };
    const input = `${b64json(header)}.${b64json(claims)}`;
    const signature = sign('RSA-SHA256', Buffer.from(input), this.privateKey).toString('base64url');
    return `${input}.${signature}`;
  }

  /** Returns the claims when the token is a well-formed RS256 JWT signed by this key; throws `JwtFormatError`. */
  verify(token: string): JwtClaims {
    const parts = token.split('.');
    if (parts.length !== 3) throw new JwtFormatError('not a compact JWS');
    const [h, p, s] = parts as [string, string, string];
    let header: { alg?: string; kid?: string };
    let claims: JwtClaims;
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      throw new JwtFormatError('header or payload is not base64url JSON');
    }
    if (header.alg !== 'RS256') throw new JwtFormatError(`unsupported alg ${header.alg}`);
    if (header.kid !== this.key.kid) throw new JwtFormatError('unknown signing key');
    const ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), this.publicKey, Buffer.from(s, 'base64url'));
    if (!ok) throw new JwtFormatError('signature does not verify');
    return claims;
  }

  /** The JWKS document (entra/identity-platform/signing-key-rollover): one RSA signing key. */
  jwks(issuer: string): { keys: Record<string, unknown>[] } {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return { keys: [{ kty: 'RSA', use: 'sig', kid: this.key.kid, n: jwk.n, e: jwk.e, issuer }] };
  }
}

function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
