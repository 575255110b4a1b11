import { randomUUID } from 'node:crypto';
import type { MailboxLimiter } from '../mailbox-limiter.ts';
import { ConnectorError } from '../port.ts';
import { assertTransportAllowed } from '../transport-policy.ts';
import { fromGraphFailure, fromGraphResponse } from './errors.ts';

/**
 * A thin Microsoft Graph v1.0 client over fetch (reference/toolchain.md: the official SDK mangles http base URLs
 * and drops auth, so it is not used). Every request:
 * - goes through the mailbox's limiter (≤ 4 in flight, Retry-After, backoff — DESIGN §3);
 * - carries `Authorization: Bearer` from the token manager and `Prefer: IdType="ImmutableId"`, because ids must
 *   survive moves between folders and the header applies per request only (protocols.md §3.2);
 * - is translated into the neutral error set on failure (errors.ts), once.
 */

/** A valid access token; `forceRefresh` after the server refused the last one (401). */
export type AccessTokenSource = (opts?: { forceRefresh?: boolean }) => Promise<string>;

export interface GraphClientOptions {
  /** The service's Graph endpoint without the version, e.g. `https://graph.microsoft.com`. */
  graphUrl: string;
  getAccessToken: AccessTokenSource;
  limiter: MailboxLimiter;
  allowInsecureLoopback: boolean;
  fetch?: typeof fetch;
  /** Per attempt; Graph answers most calls in well under a second. */
  timeoutMs?: number;
}

export interface GraphRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Query parameters, e.g. `{$select: 'id,displayName', $top: '100'}`. */
  query?: Record<string, string>;
  body?: unknown;
  /** Extra `Prefer` preferences (e.g. `odata.maxpagesize=100`); IdType is always added. */
  prefer?: string[];
}

/** One page of a Graph collection. */
export interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export interface GraphClient {
  /** The JSON body of one request (undefined for 204). `path` is relative to `/v1.0` or an absolute link. */
  request<T>(path: string, req?: GraphRequest): Promise<T>;
  /** Every item of a collection, following `@odata.nextLink` to the end. */
  getAll<T>(path: string, req?: Omit<GraphRequest, 'method' | 'body'>): Promise<T[]>;
}

const IMMUTABLE_IDS = 'IdType="ImmutableId"';

/** Creates a client for one mailbox (its limiter and token source). */
export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const doFetch = opts.fetch ?? fetch;
  const base = new URL(`${opts.graphUrl.replace(/\/+$/, '')}/v1.0/`);
  const timeoutMs = opts.timeoutMs ?? 30_000;

  const resolveUrl = (path: string, query?: Record<string, string>): URL => {
    const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(path.replace(/^\/+/, ''), base);
    // A nextLink is followed with our bearer token, so it must point at the same Graph endpoint.
    if (url.origin !== base.origin) {
      throw new ConnectorError('INVALID', `refusing to send the token to ${url.origin} (expected ${base.origin})`);
    }
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return url;
  };

  const once = async <T>(url: URL, req: GraphRequest, token: string): Promise<T> => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      prefer: [IMMUTABLE_IDS, ...(req.prefer ?? [])].join(', '),
      // Lets Microsoft support find the request in their logs (Graph docs: client-request-id).
      'client-request-id': randomUUID(),
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(url, {
        method: req.method ?? 'GET',
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      throw fromGraphFailure(err, url.host);
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!res.ok) throw fromGraphResponse(res.status, res.headers, body);
    if (text && body === undefined) throw new ConnectorError('INVALID', `HTTP ${res.status}: response is not JSON`);
    return body as T;
  };

  const request = async <T>(path: string, req: GraphRequest = {}): Promise<T> => {
    const url = resolveUrl(path, req.query);
    assertTransportAllowed(url, opts.allowInsecureLoopback);
    return opts.limiter.run(async () => {
      try {
        return await once<T>(url, req, await opts.getAccessToken());
      } catch (err) {
        // An access token can be revoked or rotated before its expiry; try once more with a fresh one.
        if (!(err instanceof ConnectorError && err.kind === 'AUTH')) throw err;
        return await once<T>(url, req, await opts.getAccessToken({ forceRefresh: true }));
      }
    });
  };

  return {
    request,
    async getAll<T>(path: string, req: Omit<GraphRequest, 'method' | 'body'> = {}): Promise<T[]> {
      const items: T[] = [];
      let page = await request<GraphPage<T>>(path, req);
      for (;;) {
        items.push(...(page?.value ?? []));
        const next = page?.['@odata.nextLink'];
        if (!next) return items;
        // The link already encodes every query parameter; only the Prefer header must be sent again.
        page = await request<GraphPage<T>>(next, { prefer: req.prefer ?? [] });
      }
    },
  };
}
