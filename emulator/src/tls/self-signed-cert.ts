import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalTls {
  key: string;
  cert: string;
  /** PEM of the local CA that signed `cert`: point `NODE_EXTRA_CA_CERTS` at this file. */
  caPath: string;
}

/**
 * A local CA and a server certificate for `localhost`, `127.0.0.1` and `::1`, made with the `openssl` CLI
 * (node:crypto cannot issue X.509 certificates). MSAL refuses http authorities, so clients that use it need the
 * emulator over TLS with this CA trusted (reference/protocols.md §4). Files are reused across runs.
 */
export function ensureLocalTls(dir: string): LocalTls {
  mkdirSync(dir, { recursive: true });
  const caKey = join(dir, 'ca.key');
  const caPath = join(dir, 'ca.pem');
  const keyPath = join(dir, 'server.key');
  const certPath = join(dir, 'server.pem');
  if (!existsSync(caPath) || !existsSync(certPath) || !existsSync(keyPath)) {
    const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      caKey,
      '-out',
      caPath,
      '-days',
      '825',
      '-subj',
      '/CN=Microsoft 365 emulator local CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    const csr = join(dir, 'server.csr');
    openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', csr, '-subj', '/CN=localhost');
    const ext = join(dir, 'server.ext');
    writeFileSync(
      ext,
      [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
      ].join('\n'),
    );
    openssl(
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caPath,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-out',
      certPath,
      '-days',
      '825',
      '-sha256',
      '-extfile',
      ext,
    );
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), caPath };
}
