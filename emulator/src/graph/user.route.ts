import type { DirectoryUser } from '../contracts.ts';
import type { User } from './graph-types.ts';
import type { MailboxRouter } from './mailbox-router.ts';
import { applySelect, parseQuery } from './odata-query.ts';

/**
 * The user profile (`user-get.md`; default properties of the v1.0 user resource) and mailbox settings
 * (`user-get-mailboxsettings.md`, time zone only). `GET /me` and `GET /users/{id|upn}`.
 */
export function userRoutes(r: MailboxRouter): void {
  r.get('/', 'user.read', (req, _reply, ctx) => ({
    '@odata.context': `${ctx.baseUrl}/$metadata#users/$entity`,
    ...applySelect(renderUser(ctx.owner), parseQuery(req).select),
  }));
  r.get('/mailboxSettings', 'mailboxSettings.read', (_req, _reply, ctx) => ({
    '@odata.context': `${ctx.baseUrl}/$metadata#${ctx.contextUser}/mailboxSettings`,
    timeZone: ctx.owner.timeZone,
    language: { locale: 'en-US', displayName: 'English (United States)' },
    dateFormat: 'M/d/yyyy',
    timeFormat: 'h:mm tt',
  }));
}

export function renderUser(u: DirectoryUser): Record<string, unknown> {
  const [givenName, ...rest] = u.displayName.split(/\s+/);
  const out: User = {
    businessPhones: [],
    displayName: u.displayName,
    givenName: givenName || null,
    jobTitle: null,
    mail: u.email,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: rest.length ? rest.join(' ') : null,
    userPrincipalName: u.email,
    id: u.id,
  };
  return out as Record<string, unknown>;
}
