import { Writable } from 'node:stream';

/**
 * MS-11 across the whole suite: every secret a test sends (a field named like a password, client
 * secret or token) is remembered, and every API response and every server log line of the test apps
 * is checked for it, plain or base64-encoded. A hit fails the test that made the request.
 */
const secrets = new Set<string>();
const leaks: string[] = [];
const SECRET_FIELD = /^(password|currentPassword|clientSecret|accessToken|refreshToken|secret)$/i;
/** Short values would match by accident (e.g. "pw"); real secrets in the suite are longer. */
const MIN_LENGTH = 8;

/** Remembers a value that must never come back in a response or a log line. */
export function rememberSecret(value: string): void {
  if (value.length >= MIN_LENGTH) secrets.add(value);
}

/** Remembers the secret-named fields of a request body (nested objects too). */
export function rememberSecretsIn(body: unknown): void {
  if (Array.isArray(body)) {
    for (const item of body) rememberSecretsIn(item);
  } else if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' && SECRET_FIELD.test(key)) rememberSecret(value);
      else rememberSecretsIn(value);
    }
  }
}

/** The first remembered secret that `text` contains, plain or base64, if any. */
export function findSecret(text: string): string | undefined {
  for (const s of secrets) {
    if (text.includes(s) || text.includes(Buffer.from(s).toString('base64'))) return s;
  }
  return undefined;
}

/** Throws if a response body or headers, or any log line so far, carried a remembered secret. */
export function assertNoLeak(where: string, body: string, headers: Record<string, unknown>): void {
  const hit = findSecret(body) ?? findSecret(JSON.stringify(headers));
  if (hit) throw new Error(`MS-11: a secret came back in the response to ${where}`);
  const logged = leaks.shift();
  if (logged) throw new Error(`MS-11: a secret was written to the server log: ${logged}`);
}

/** A log destination for test apps that records lines carrying a remembered secret. */
export function watchedLogStream(): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      const line = String(chunk);
      if (findSecret(line)) leaks.push(line.slice(0, 200).replace(/"(password|clientSecret)":"[^"]*"/g, '"$1":"…"'));
      done();
    },
  });
}
