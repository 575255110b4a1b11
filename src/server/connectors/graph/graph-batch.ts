import { ConnectorError } from '../port.ts';
import { fromGraphResponse } from './errors.ts';
import type { GraphClient } from './graph-client.ts';

/**
 * JSON batching (`concepts/json-batching.md`): up to 20 requests in one `POST /$batch`, answered in any order, each
 * with its own status. Inner 429/503 answers are retried after the Retry-After they carry (bounded); any other inner
 * failure is that request's own error, translated like a direct answer.
 */

export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root, with a leading slash: `/me/contacts/{id}`. */
  url: string;
  body?: unknown;
}

interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const MAX_PER_BATCH = 20;
const MAX_ROUNDS = 5;

/** Runs the requests in batches of 20; returns each request's body or its translated error, by id. */
export async function runBatched(
  client: GraphClient,
  requests: BatchRequest[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<Map<string, unknown | ConnectorError>> {
  const out = new Map<string, unknown | ConnectorError>();
  const chunks: BatchRequest[][] = [];
  for (let i = 0; i < requests.length; i += MAX_PER_BATCH) chunks.push(requests.slice(i, i + MAX_PER_BATCH));
  await Promise.all(
    chunks.map(async (chunk) => {
      let pending = chunk;
      for (let round = 1; pending.length > 0; round++) {
        const answer = await client.request<{ responses?: BatchResponse[] }>('$batch', {
          method: 'POST',
          body: {
            requests: pending.map((r) => ({
              id: r.id,
              method: r.method,
              url: r.url,
              ...(r.body === undefined ? {} : { body: r.body, headers: { 'content-type': 'application/json' } }),
            })),
          },
        });
        const byId = new Map((answer?.responses ?? []).map((r) => [r.id, r]));
        const again: BatchRequest[] = [];
        let waitMs = 0;
        for (const req of pending) {
          const res = byId.get(req.id);
          if (!res) {
            out.set(req.id, new ConnectorError('INVALID', `$batch returned no answer for request ${req.id}`));
          } else if (res.status < 300) {
            out.set(req.id, res.body);
          } else if ((res.status === 429 || res.status === 503) && round < MAX_ROUNDS) {
            again.push(req);
            waitMs = Math.max(waitMs, Number(res.headers?.['Retry-After'] ?? res.headers?.['retry-after'] ?? 1) * 1000);
          } else {
            out.set(req.id, fromGraphResponse(res.status, new Headers(res.headers ?? {}), res.body));
          }
        }
        if (again.length > 0) await sleep(Math.min(waitMs, 60_000));
        pending = again;
      }
    }),
  );
  return out;
}
