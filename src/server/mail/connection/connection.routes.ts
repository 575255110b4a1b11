import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config.ts';
import { ConnectorError, FOLDER_KINDS, type FolderKind, type RemoteFolder } from '../../connectors/port.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { actorOf, idParams } from '../../http/request-context.ts';
import { mailboxService } from '../mailbox.service.ts';
import type { Vault } from '../vault/secret-vault.ts';
import { type ConnectionCode, codeForConnectorError, connectionResult } from './connection-codes.ts';
import { mailboxConnections } from './mailbox-connections.ts';

export interface ConnectionRouteOptions {
  db: Db;
  vault: Vault;
  config: Config;
}

const signedIn = { access: 'signedIn' } as const;
const tags = ['mailboxes'];

/** The keys of the folders response (DESIGN §4 / contract): one list per kind. */
const RESPONSE_KEY: Record<FolderKind, 'mail' | 'contacts' | 'calendars' | 'tasks'> = {
  mail: 'mail',
  contacts: 'contacts',
  calendar: 'calendars',
  tasks: 'tasks',
};

const folderSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      path: { type: 'string' },
      parentId: { type: ['string', 'null'] },
      wellKnown: { type: 'string' },
    },
  },
} as const;

/** A remote failure as an API error: the connection code says what went wrong in terms the UI can word (MB-3). */
function remoteFailure(code: ConnectionCode, server: string): AppError {
  return new AppError('TANDEM_ERR_CONNECTION', connectionResult(code, server).message, { code });
}

/**
 * `GET /api/mailboxes/:id/folders`: the folder pickers of the sync settings page (MB-2, ML-5, CT-1, AC-1, AC-2),
 * for the caller's own mailbox only (MB-4: others' are 404). `POST /api/mailboxes/:id/test` is served by the
 * mailbox routes with the tester from `createConnectionTest`.
 */
export const connectionRoutes: FastifyPluginAsync<ConnectionRouteOptions> = async (app, { db, vault, config }) => {
  const connections = mailboxConnections({ db, vault, config });

  app.get<{ Params: { id: string } }>(
    '/api/mailboxes/:id/folders',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Folders of the mailbox on the server, by kind (mail, contacts, calendars, tasks)',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: { mail: folderSchema, contacts: folderSchema, calendars: folderSchema, tasks: folderSchema },
          },
        },
      },
    },
    async (request) => {
      const mailbox = await mailboxService.get(db, actorOf(request).id, request.params.id);
      const out: Record<string, RemoteFolder[]> = {};
      const remote = await connections.open(mailbox.id);
      if (!remote) throw remoteFailure('unsupported', mailbox.mailServiceName);
      try {
        // The limiter keeps these within the mailbox's budget however they are issued.
        const lists = await Promise.all(FOLDER_KINDS.map((kind) => remote.listFolders(kind)));
        FOLDER_KINDS.forEach((kind, i) => {
          out[RESPONSE_KEY[kind]] = lists[i] ?? [];
        });
      } catch (err) {
        if (err instanceof ConnectorError) throw remoteFailure(codeForConnectorError(err), mailbox.mailServiceName);
        throw err;
      }
      return out;
    },
  );
};
