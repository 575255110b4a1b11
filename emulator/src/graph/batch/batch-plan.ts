import { GraphError } from '../../contracts.ts';

/**
 * Reading and ordering a JSON batch (`concepts/json-batching.md`): at most 20 requests, each with an id
 * (unique, compared case-insensitively), a method and a relative url; `dependsOn` names ids of the same
 * batch and must not loop. A malformed batch fails as a whole with 400; what each request does is
 * decided when it runs.
 */

/** "JSON batch requests are currently limited to 20 individual requests." */
export const MAX_BATCH_REQUESTS = 20;

export interface BatchRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  dependsOn: string[];
}

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

export function readBatch(body: unknown): BatchRequest[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw invalid('The batch request body must have a requests collection.');
  if (requests.length === 0) throw invalid('The batch request must contain at least one request.');
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw invalid(`The number of requests in the batch exceeds the limit of ${MAX_BATCH_REQUESTS}.`);
  }
  const out = requests.map((raw, i) => readOne(raw, i));
  const ids = new Map(out.map((r) => [r.id.toLowerCase(), r]));
  if (ids.size !== out.length) throw invalid('Request ids must be unique in a batch.');
  for (const r of out) {
    for (const dep of r.dependsOn) {
      if (!ids.has(dep.toLowerCase()))
        throw invalid(`Request '${r.id}' depends on '${dep}', which is not in the batch.`);
    }
  }
  assertNoCycle(out, ids);
  return out;
}

function readOne(raw: unknown, index: number): BatchRequest {
  const r = raw as Record<string, unknown> | null;
  if (!r || typeof r !== 'object') throw invalid(`Request ${index + 1} is not an object.`);
  const id = typeof r.id === 'number' ? String(r.id) : r.id;
  if (typeof id !== 'string' || !id) throw invalid(`Request ${index + 1} has no id.`);
  if (typeof r.method !== 'string' || !METHODS.includes(r.method.toUpperCase()))
    throw invalid(`Request '${id}' has no valid method.`);
  if (typeof r.url !== 'string' || !r.url) throw invalid(`Request '${id}' has no url.`);
  const headers: Record<string, string> = {};
  if (r.headers !== undefined) {
    if (!r.headers || typeof r.headers !== 'object' || Array.isArray(r.headers))
      throw invalid(`Request '${id}' has invalid headers.`);
    for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
  }
  const dependsOn = r.dependsOn === undefined ? [] : r.dependsOn;
  if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string'))
    throw invalid(`Request '${id}' has an invalid dependsOn.`);
  return {
    id,
    method: r.method.toUpperCase(),
    url: r.url,
    headers,
    dependsOn: dependsOn as string[],
    ...('body' in r ? { body: r.body } : {}),
  };
}

function assertNoCycle(requests: BatchRequest[], byId: Map<string, BatchRequest>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: BatchRequest) => {
    const key = r.id.toLowerCase();
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') throw invalid('The dependsOn references of the batch form a cycle.');
    state.set(key, 'visiting');
    for (const d of r.dependsOn) visit(byId.get(d.toLowerCase()) as BatchRequest);
    state.set(key, 'done');
  };
  for (const r of requests) visit(r);
}

function invalid(message: string): GraphError {
  return new GraphError(400, 'BadRequest', message);
}

/** The inner url as a path under the version prefix: accepts `/me/x`, `me/x` and absolute Graph urls. */
export function innerPath(url: string): string {
  const noOrigin = url.replace(/^https?:\/\/[^/]+/i, '');
  const noVersion = noOrigin.replace(/^\/?(v1\.0|beta)(?=\/|$)/i, '');
  return noVersion.startsWith('/') ? noVersion : `/${noVersion}`;
}
