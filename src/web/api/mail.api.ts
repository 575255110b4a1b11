import { api } from './api-client.ts';
import type { ListResponse } from './api-types.ts';
import type {
  ConnectionTest,
  Mailbox,
  MailboxFolders,
  MailboxHealth,
  MailboxInput,
  MailService,
  MailServiceInput,
  ProviderDomain,
  SyncSettings,
} from './mail-types.ts';

const service = (id: string) => `/api/mail-services/${encodeURIComponent(id)}`;
const domain = (id: string) => `/api/mail-provider-domains/${encodeURIComponent(id)}`;
const mailbox = (id: string) => `/api/mailboxes/${encodeURIComponent(id)}`;

/** «Почтовые провайдеры»: everyone may list (to choose one); writes need CanManageAdministration (MS-1). */
export const mailServicesApi = {
  list: () => api.get<ListResponse<MailService>>('/api/mail-services', { limit: 500 }),
  get: (id: string) => api.get<MailService>(service(id)),
  create: (input: MailServiceInput) => api.post<MailService>('/api/mail-services', input),
  update: (id: string, patch: Partial<MailServiceInput>) => api.patch<MailService>(service(id), patch),
  remove: (id: string) => api.delete(service(id)),
  /** The redirect URI and scopes a service with these settings would use, before it is saved (OA-1, OA-2). */
  oauthPreview: (q: { type: string; protocol: string; address: string }) =>
    api.get<{ redirectUri: string; scopes: string[] }>('/api/mail-services/oauth-preview', q),
  /** Services whose provider domain matches the address (MS-9). */
  detect: (email: string) => api.get<{ items: MailService[] }>('/api/mail-services/detect', { email }),
};

/** «Домены почтовых провайдеров» (MS-9). */
export const providerDomainsApi = {
  list: () => api.get<ListResponse<ProviderDomain>>('/api/mail-provider-domains', { limit: 500 }),
  create: (input: Omit<ProviderDomain, 'id'>) => api.post<ProviderDomain>('/api/mail-provider-domains', input),
  update: (id: string, patch: Partial<Omit<ProviderDomain, 'id'>>) => api.patch<ProviderDomain>(domain(id), patch),
  remove: (id: string) => api.delete(domain(id)),
};

/** The signed-in user's own mailboxes (MB-4). */
export const mailboxesApi = {
  list: () => api.get<ListResponse<Mailbox>>('/api/mailboxes', { limit: 500 }),
  get: (id: string) => api.get<Mailbox>(mailbox(id)),
  /** Basic-auth mailbox; the server tests the connection before saving (MB-3). */
  create: (input: MailboxInput) => api.post<Mailbox>('/api/mailboxes', input),
  remove: (id: string) => api.delete(mailbox(id)),
  test: (id: string) => api.post<ConnectionTest>(`${mailbox(id)}/test`),
  folders: (id: string) => api.get<MailboxFolders>(`${mailbox(id)}/folders`),
  syncSettings: (id: string) => api.get<SyncSettings>(`${mailbox(id)}/sync-settings`),
  saveSyncSettings: (id: string, settings: SyncSettings) =>
    api.put<SyncSettings>(`${mailbox(id)}/sync-settings`, settings),
  health: (id: string) => api.get<MailboxHealth>(`${mailbox(id)}/health`),
};

/**
 * OAuth 2.0 sign-in is a full-page navigation (the identity provider's pages are not ours): the server
 * answers 302 to the authorize endpoint and comes back through the redirect URI (OA-1).
 */
export const oauthUrls = {
  newMailbox: (email: string, mailServiceId: string) =>
    `/api/mailboxes/oauth/start?${new URLSearchParams({ email, mailServiceId }).toString()}`,
  signInAgain: (id: string) => `${mailbox(id)}/oauth/start`,
};
