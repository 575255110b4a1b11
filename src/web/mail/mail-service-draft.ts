import type {
  LoginFormat,
  MailAuth,
  MailProtocol,
  MailService,
  MailServiceInput,
  MailServiceType,
  TransportSecurity,
} from '../api/mail-types.ts';

/** Defaults the server applies when the fields are left empty (MS-13). */
export const OAUTH_DEFAULTS = {
  tenant: 'organizations',
  authorityUrl: 'https://login.microsoftonline.com',
  graphUrl: 'https://graph.microsoft.com',
};

/** Port that goes with a security choice (MS-12); the administrator may change it afterwards. */
export function defaultPort(server: 'imap' | 'smtp', security: TransportSecurity): number {
  if (server === 'imap') return security === 'tls' ? 993 : 143;
  if (security === 'tls') return 465;
  return security === 'starttls' ? 587 : 25;
}

export interface EndpointDraft {
  host: string;
  port: number | string;
  security: TransportSecurity;
}

/** The form's state: every input as typed, plus how the secret and the name behave. */
export interface ServiceDraft {
  type: MailServiceType;
  address: string;
  downloadEmails: boolean;
  sendEmails: boolean;
  loginFormat: LoginFormat;
  name: string;
  /** The name still mirrors the address (MS-6): typing a name of one's own stops it. */
  nameFollowsAddress: boolean;
  auth: MailAuth;
  clientId: string;
  /** Typed secret; empty keeps the stored one on edit. */
  clientSecret: string;
  /** A secret is stored on the server (edit) — the field shows "set" with a "change" control. */
  secretSet: boolean;
  changingSecret: boolean;
  tenant: string;
  protocol: MailProtocol;
  authorityUrl: string;
  graphUrl: string;
  imap: EndpointDraft;
  smtp: EndpointDraft;
}

export function blankDraft(): ServiceDraft {
  return {
    type: 'exchange',
    address: '',
    downloadEmails: true,
    sendEmails: true,
    loginFormat: 'email',
    name: '',
    nameFollowsAddress: true,
    auth: 'basic',
    clientId: '',
    clientSecret: '',
    secretSet: false,
    changingSecret: false,
    tenant: '',
    protocol: 'auto',
    authorityUrl: '',
    graphUrl: '',
    imap: { host: '', port: 993, security: 'tls' },
    smtp: { host: '', port: 465, security: 'tls' },
  };
}

function endpointDraft(value: MailService['imap'], fallback: EndpointDraft): EndpointDraft {
  if (!value) return fallback;
  return { host: value.host ?? '', port: value.port ?? '', security: value.security ?? fallback.security };
}

export function draftFromService(service: MailService): ServiceDraft {
  const blank = blankDraft();
  return {
    type: service.type,
    address: service.address ?? '',
    downloadEmails: service.downloadEmails,
    sendEmails: service.sendEmails,
    loginFormat: service.loginFormat,
    name: service.name ?? '',
    nameFollowsAddress: !service.name || service.name === service.address,
    auth: service.auth,
    clientId: service.clientId ?? '',
    clientSecret: '',
    secretSet: Boolean(service.clientSecret?.set),
    changingSecret: false,
    tenant: service.tenant ?? '',
    protocol: service.protocol ?? 'auto',
    authorityUrl: service.authorityUrl ?? '',
    graphUrl: service.graphUrl ?? '',
    imap: endpointDraft(service.imap, blank.imap),
    smtp: endpointDraft(service.smtp, blank.smtp),
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

function endpointPayload(endpoint: EndpointDraft) {
  const port = typeof endpoint.port === 'number' ? endpoint.port : Number.parseInt(endpoint.port, 10);
  return { host: endpoint.host.trim(), port: Number.isFinite(port) ? port : null, security: endpoint.security };
}

/** The body for POST/PATCH: fields of the chosen type and method only; the secret only when typed. */
export function draftToPayload(draft: ServiceDraft): MailServiceInput {
  const payload: MailServiceInput = {
    type: draft.type,
    address: draft.address.trim(),
    downloadEmails: draft.downloadEmails,
    sendEmails: draft.sendEmails,
    loginFormat: draft.loginFormat,
    name: draft.name.trim() || draft.address.trim(),
    auth: draft.auth,
  };
  if (draft.auth === 'oauth2') {
    payload.clientId = orNull(draft.clientId);
    if (!draft.secretSet || draft.changingSecret) payload.clientSecret = draft.clientSecret;
    payload.tenant = orNull(draft.tenant);
    payload.authorityUrl = orNull(draft.authorityUrl);
  }
  if (draft.type === 'exchange') {
    payload.protocol = draft.protocol;
    if (draft.auth === 'oauth2') payload.graphUrl = orNull(draft.graphUrl);
  } else {
    payload.imap = endpointPayload(draft.imap);
    payload.smtp = endpointPayload(draft.smtp);
  }
  return payload;
}
