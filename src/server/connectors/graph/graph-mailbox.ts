import type { MailboxLimiter } from '../mailbox-limiter.ts';
import {
  ConnectorError,
  type FolderKind,
  type RemoteFolder,
  type RemoteIdentity,
  type RemoteMailbox,
} from '../port.ts';
import { createGraphContacts } from './contact-collection.ts';
import { listCalendars, listContactFolders, listMailFolders, listTaskLists } from './folder-reader.ts';
import { type AccessTokenSource, createGraphClient, type GraphClient } from './graph-client.ts';

/** The Graph adapter of the connector port: one instance per mailbox (its token source and limiter). */

export interface GraphMailboxOptions {
  graphUrl: string;
  getAccessToken: AccessTokenSource;
  /** The mailbox's limiter, shared with every other caller of this mailbox. */
  limiter: MailboxLimiter;
  allowInsecureLoopback: boolean;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** `Prefer: odata.maxpagesize` of delta pages (default 500). */
  deltaPageSize?: number;
}

interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
}

/**
 * Who the token belongs to (`GET /me`, api/user-get). `mail` is the primary SMTP address; it is empty for users
 * without a mailbox licence, in which case the user principal name is the best address there is.
 */
export async function readIdentity(client: GraphClient): Promise<RemoteIdentity> {
  const me = await client.request<GraphUser>('me', { query: { $select: 'id,displayName,mail,userPrincipalName' } });
  const upn = me.userPrincipalName?.toLowerCase();
  const email = (me.mail ?? upn ?? '').toLowerCase();
  if (!me.id || !email) throw new ConnectorError('INVALID', 'GET /me returned no id or address');
  return {
    id: me.id,
    email,
    aliases: upn && upn !== email ? [upn] : [],
    displayName: me.displayName ?? email,
  };
}

const LISTERS: Record<FolderKind, (client: GraphClient) => Promise<RemoteFolder[]>> = {
  mail: listMailFolders,
  contacts: listContactFolders,
  calendar: listCalendars,
  tasks: listTaskLists,
};

/** Opens a mailbox through Microsoft Graph. */
export function createGraphMailbox(opts: GraphMailboxOptions): RemoteMailbox {
  const client = createGraphClient(opts);
  const listFolders: RemoteMailbox['listFolders'] = (kind) => LISTERS[kind](client);
  return {
    whoAmI: () => readIdentity(client),
    listFolders,
    contacts: createGraphContacts(
      client,
      listFolders,
      opts.deltaPageSize === undefined ? {} : { pageSize: opts.deltaPageSize },
    ),
  };
}
