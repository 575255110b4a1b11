import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/database.ts';
import type { SyncKind } from '../db/schema.ts';
import { actorOf } from '../http/request-context.ts';
import { mailboxService } from '../mail/mailbox.service.ts';
import { syncDeletionsService } from './sync-deletions.service.ts';
import { syncJournalService } from './sync-journal.service.ts';
import type { SyncRunView } from './sync-run.service.ts';
import { syncRunService } from './sync-run.service.ts';

/** Queues runs; the process's sync runtime provides it (jobs/sync-runtime.ts). */
export type RequestSync = (
  mailboxId: string,
  kind: SyncKind,
  trigger: 'manual' | 'confirm',
  confirmDeletions?: boolean,
) => Promise<{ run: SyncRunView; created: boolean }>;

export interface SyncRouteOptions {
  db: Db;
  requestSync: RequestSync;
}

const signedIn = { access: 'signedIn' } as const;
const tags = ['sync'];
/** Kinds a run can be asked for today; activities and mail join with their issues. */
const KINDS = ['contacts'];
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;
const runParams = {
  type: 'object',
  required: ['id', 'runId'],
  properties: { id: { type: 'string', maxLength: 64 }, runId: { type: 'string', maxLength: 64 } },
} as const;
const kindBody = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: { kind: { type: 'string', enum: KINDS } },
} as const;
const page = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  offset: { type: 'integer', minimum: 0, default: 0 },
} as const;

/**
 * /api/mailboxes/:id/sync, /sync-runs, /journal, /conflicts, /pending-deletions (DESIGN §4). Owner only, like every
 * mailbox route (MB-4): another user's mailbox is 404.
 */
export const syncRoutes: FastifyPluginAsync<SyncRouteOptions> = async (app, { db, requestSync }) => {
  const own = (ownerId: string, id: string) => mailboxService.get(db, ownerId, id);

  app.post<{ Params: { id: string }; Body: { kind: SyncKind } }>(
    '/api/mailboxes/:id/sync',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Run a sync now (CT-5); returns the run already queued if there is one',
        params: idParams,
        body: kindBody,
      },
    },
    async (request, reply) => {
      await own(actorOf(request).id, request.params.id);
      const { run, created } = await requestSync(request.params.id, request.body.kind, 'manual');
      return reply.status(202).send({ runId: run.id, created, run });
    },
  );

  app.get<{ Params: { id: string }; Querystring: { kind?: SyncKind; limit: number } }>(
    '/api/mailboxes/:id/sync-runs',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Recent sync runs, newest first',
        params: idParams,
        querystring: { type: 'object', properties: { kind: { type: 'string', enum: KINDS }, limit: page.limit } },
      },
    },
    async (request) => {
      await own(actorOf(request).id, request.params.id);
      const items = await syncRunService.list(db, request.params.id, request.query.kind, request.query.limit);
      return { items, total: items.length };
    },
  );

  app.get<{ Params: { id: string; runId: string } }>(
    '/api/mailboxes/:id/sync-runs/:runId',
    { config: signedIn, schema: { tags, summary: 'One sync run: state, counts so far, error', params: runParams } },
    async (request) => {
      await own(actorOf(request).id, request.params.id);
      return syncRunService.get(db, request.params.id, request.params.runId);
    },
  );

  app.get<{
    Params: { id: string };
    Querystring: {
      kind?: string;
      runId?: string;
      action?: string;
      result?: string;
      rule?: string;
      limit: number;
      offset: number;
    };
  }>(
    '/api/mailboxes/:id/journal',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The sync journal: every action and skip with its reason and rule',
        params: idParams,
        querystring: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: KINDS },
            runId: { type: 'string', maxLength: 64 },
            action: {
              type: 'string',
              enum: ['create', 'update', 'delete', 'link', 'unlink', 'skip', 'conflict', 'resync', 'guard', 'error'],
            },
            result: { type: 'string', enum: ['ok', 'skipped', 'failed'] },
            rule: { type: 'string', maxLength: 16 },
            ...page,
          },
        },
      },
    },
    async (request) => {
      await own(actorOf(request).id, request.params.id);
      const { limit, offset, ...filter } = request.query;
      return syncJournalService.list(db, request.params.id, filter, limit, offset);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { kind?: string; limit: number; offset: number } }>(
    '/api/mailboxes/:id/conflicts',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Conflicts: both versions, the policy and the choice made',
        params: idParams,
        querystring: { type: 'object', properties: { kind: { type: 'string', enum: KINDS }, ...page } },
      },
    },
    async (request) => {
      await own(actorOf(request).id, request.params.id);
      const { kind, limit, offset } = request.query;
      return syncJournalService.conflicts(db, request.params.id, kind, limit, offset);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { kind: SyncKind } }>(
    '/api/mailboxes/:id/pending-deletions',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Deletions held back by the mass-deletion guard, waiting for the owner',
        params: idParams,
        querystring: { type: 'object', properties: { kind: { type: 'string', enum: KINDS, default: 'contacts' } } },
      },
    },
    async (request) => {
      await own(actorOf(request).id, request.params.id);
      return syncDeletionsService.list(db, request.params.id, request.query.kind);
    },
  );

  app.post<{ Params: { id: string }; Body: { kind: SyncKind } }>(
    '/api/mailboxes/:id/pending-deletions/confirm',
    {
      config: signedIn,
      schema: { tags, summary: 'Confirm held-back deletions: a run applies them', params: idParams, body: kindBody },
    },
    async (request, reply) => {
      await own(actorOf(request).id, request.params.id);
      const { run } = await requestSync(request.params.id, request.body.kind, 'confirm', true);
      return reply.status(202).send({ runId: run.id, run });
    },
  );

  app.post<{ Params: { id: string }; Body: { kind: SyncKind } }>(
    '/api/mailboxes/:id/pending-deletions/cancel',
    {
      config: signedIn,
      schema: { tags, summary: 'Cancel held-back deletions: nothing is deleted', params: idParams, body: kindBody },
    },
    async (request) => {
      await own(actorOf(request).id, request.params.id);
      return { cancelled: await syncDeletionsService.cancel(db, request.params.id, request.body.kind) };
    },
  );
};
