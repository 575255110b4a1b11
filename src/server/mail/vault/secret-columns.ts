import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * Which columns hold vault ciphertext: by convention every column whose name ends in `_enc`, and its
 * additional authenticated data is `<table>.<column without _enc>`. Rotation finds the columns in the
 * database catalogue, so a table added later is covered without a list to keep in step.
 */
export function aadFor(table: string, column: string): string {
  return `${table}.${column.replace(/_enc$/, '')}`;
}

/** The AAD of each secret column Tandem has today (callers pass these to encrypt/decrypt). */
export const SECRET_AAD = {
  mailServiceClientSecret: aadFor('mail_services', 'client_secret_enc'),
  mailboxPassword: aadFor('mailboxes', 'password_enc'),
  mailboxAccessToken: aadFor('mailboxes', 'access_token_enc'),
  mailboxRefreshToken: aadFor('mailboxes', 'refresh_token_enc'),
  oauthCodeVerifier: aadFor('oauth_states', 'code_verifier_enc'),
} as const;

export interface SecretColumn {
  /** Schema-qualified on PostgreSQL (`public.mailboxes`), bare on SQLite. */
  table: string;
  column: string;
  aad: string;
}

/** Every `*_enc` column of the database (SQLite or PostgreSQL), sorted for a stable order. */
export async function secretColumns(db: Db): Promise<SecretColumn[]> {
  const tables = await db.introspection.getTables();
  const found: SecretColumn[] = [];
  for (const t of tables) {
    if (t.isView) continue;
    const table = t.schema ? `${t.schema}.${t.name}` : t.name;
    for (const c of t.columns) {
      if (c.name.endsWith('_enc')) found.push({ table, column: c.name, aad: aadFor(t.name, c.name) });
    }
  }
  return found.sort((a, b) => a.aad.localeCompare(b.aad));
}

/** Non-null values of one secret column. */
export async function secretValues(db: Db, col: SecretColumn): Promise<string[]> {
  const { rows } = await sql<{ v: string }>`select ${sql.ref(col.column)} as v from ${sql.table(col.table)}
    where ${sql.ref(col.column)} is not null`.execute(db);
  return rows.map((r) => r.v);
}

/** Replaces one ciphertext by another. Ciphertexts are unique (random IV), so the value is its own key. */
export async function replaceSecretValue(db: Db, col: SecretColumn, from: string, to: string): Promise<void> {
  await sql`update ${sql.table(col.table)} set ${sql.ref(col.column)} = ${to}
    where ${sql.ref(col.column)} = ${from}`.execute(db);
}
