import type { FastifyInstance } from 'fastify';
import { requestIds } from '../errors.ts';
import { type GraphPluginOptions, type GraphRuntime, principalOf } from '../request-context.ts';
import { type BatchRequest, innerPath, readBatch } from './batch-plan.ts';

/**
 * `POST /$batch` (`concepts/json-batching.md`). Each inner request is dispatched through the same Fastify
 * app with `inject`, under the version prefix and with the caller's credentials, so it meets exactly what
 * a direct call meets: authentication, the mailbox throttle (an inner 429 with Retry-After inside a 200
 * batch; `concepts/throttling.md`, "Throttling and batching"), injected faults and request counters. Up to
 * four run at once, as Graph does against Outlook; `dependsOn` orders them and a failed dependency makes
 * its dependents 424. Responses are listed in completion order, which clients must accept ("in any order").
 */

export interface BatchOptions {
  /** Outer request headers copied to inner requests besides Authorization (tests authenticate by header). */
  forwardHeaders?: string[];
  /** Inner requests in flight at once. */
  parallelism?: number;
}

interface InnerResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Response headers that belong to the outer HTTP exchange, not to an inner response. */
const HOP_HEADERS = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding']);

/** Optional host knobs next to the Graph options (structural, all optional). */
export interface BatchHostOptions {
  /** Outer request headers copied to inner requests besides Authorization (the test app authenticates by header). */
  batchForwardHeaders?: string[];
}

/** Registers `POST /$batch` on the Graph plugin's instance. */
export function batchRoutes(app: FastifyInstance, runtime: GraphRuntime, opts: BatchOptions = {}): void {
  app.post('/$batch', async (req, reply) => {
    const { requestId, clientRequestId } = requestIds(req);
    reply.header('request-id', requestId).header('client-request-id', clientRequestId);
    principalOf(req, runtime);
    const requests = readBatch(req.body);
    const forwarded: Record<string, string> = {};
    for (const name of ['authorization', ...(opts.forwardHeaders ?? [])]) {
      const v = req.headers[name.toLowerCase()];
      if (typeof v === 'string') forwarded[name.toLowerCase()] = v;
    }
    const run = (r: BatchRequest) => dispatch(app, app.prefix, r, forwarded);
    return { responses: await schedule(requests, run, opts.parallelism ?? 4) };
  });
}

export function batchFeature(
  app: FastifyInstance,
  runtime: GraphRuntime,
  opts: GraphPluginOptions & BatchHostOptions,
): void {
  batchRoutes(app, runtime, opts.batchForwardHeaders ? { forwardHeaders: opts.batchForwardHeaders } : {});
}

/** Runs requests as their dependencies finish, at most `parallelism` at once; returns results in completion order. */
async function schedule(
  requests: BatchRequest[],
  run: (r: BatchRequest) => Promise<InnerResponse>,
  parallelism: number,
) {
  const done = new Map<string, InnerResponse>();
  const order: InnerResponse[] = [];
  const waiting = [...requests];
  const running = new Map<string, Promise<void>>();
  const finish = (res: InnerResponse) => {
    done.set(res.id.toLowerCase(), res);
    order.push(res);
  };
  while (waiting.length > 0 || running.size > 0) {
    for (let i = 0; i < waiting.length && running.size < parallelism; ) {
      const r = waiting[i] as BatchRequest;
      const deps = r.dependsOn.map((d) => done.get(d.toLowerCase()));
      if (deps.some((d) => d === undefined)) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      if (deps.some((d) => (d as InnerResponse).status >= 400)) {
        finish(failedDependency(r.id));
        continue;
      }
      const key = r.id.toLowerCase();
      running.set(
        key,
        run(r).then((res) => {
          running.delete(key);
          finish(res);
        }),
      );
    }
    if (running.size > 0) await Promise.race(running.values());
  }
  return order;
}

async function dispatch(
  app: FastifyInstance,
  prefix: string,
  r: BatchRequest,
  forwarded: Record<string, string>,
): Promise<InnerResponse> {
  const path = innerPath(r.url);
  if (/^\/\$batch(\?|$)/i.test(path))
    return errorResponse(r.id, 400, 'BadRequest', 'A batch cannot contain another batch.');
  const contentType = r.headers['content-type'];
  let payload: string | Buffer | undefined;
  if (r.body !== undefined && r.body !== null) {
    // json-batching.md: "When a body is included with the request, the headers object must contain a value for Content-Type."
    if (!contentType)
      return errorResponse(
        r.id,
        400,
        'BadRequest',
        `Write request id : ${r.id} does not contain Content-Type header or body.`,
      );
    if (/json/i.test(contentType)) payload = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    else payload = typeof r.body === 'string' ? Buffer.from(r.body, 'base64') : JSON.stringify(r.body);
  }
  try {
    const res = await app.inject({
      method: r.method as 'GET',
      url: `${prefix}${path}`,
      headers: { ...r.headers, ...forwarded },
      ...(payload !== undefined ? { payload } : {}),
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined && !HOP_HEADERS.has(k.toLowerCase()))
        headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    const out: InnerResponse = { id: r.id, status: res.statusCode, headers };
    if (res.rawPayload.length > 0) {
      const type = String(res.headers['content-type'] ?? '');
      out.body = /json/i.test(type) ? safeJson(res.body) : res.rawPayload.toString('base64');
    }
    return out;
  } catch {
    return errorResponse(r.id, 500, 'generalException', 'An unspecified error has occurred.');
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Buffer.from(text).toString('base64');
  }
}

function failedDependency(id: string): InnerResponse {
  return errorResponse(id, 424, 'FailedDependency', 'The request failed because it depends on a request that failed.');
}

function errorResponse(id: string, status: number, code: string, message: string): InnerResponse {
  return { id, status, headers: { 'content-type': 'application/json' }, body: { error: { code, message } } };
}
