import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import type { TestDatabase } from '../helpers/databases.ts';

/** Shapes and fixtures shared by the mail-service API tests. */

export interface MailService {
  id: string;
  name: string;
  type: string;
  address: string;
  downloadEmails: boolean;
  sendEmails: boolean;
  loginFormat: string;
  auth: string;
  clientId: string | null;
  clientSecret: { set: boolean };
  tenant: string;
  protocol: string;
  effectiveProtocol: string | null;
  authorityUrl: string;
  graphUrl: string;
  imap: { host: string; port: number; security: string } | null;
  smtp: { host: string; port: number; security: string } | null;
  redirectUri: string;
  scopes: string[];
  mailboxCount: number;
}

export const M365 = {
  type: 'exchange',
  address: 'outlook.office365.com',
  auth: 'oauth2',
  clientId: '11111111-2222-3333-4444-555555555555',
  clientSecret: 'client-secret-value',
};
export const IMAP = {
  type: 'imap',
  address: 'mail.example.com',
  imap: { host: 'imap.example.com' },
  smtp: { host: 'smtp.example.com' },
};

/**
 * A fresh app on the dialect's database with PUBLIC_URL set and a connection test that always passes,
 * signed in as the administrator and as the ordinary user bob.
 */
export async function openMailServiceApp(dialect: { open(): Promise<TestDatabase> }) {
  const db = await dialect.open();
  const app: FastifyInstance = await testApp(
    db,
    { PUBLIC_URL: 'https://crm.example.com/' },
    { testConnection: async () => ({ ok: true, code: 'ok', message: 'Connected.' }) },
  );
  const admin: Client = await signIn(app, 'admin', ADMIN_PASSWORD);
  const bob: Client = await createUser(admin, app, 'bob');
  return { db, app, admin, bob };
}
