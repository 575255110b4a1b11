import type { FastifyInstance } from 'fastify';

/** A response as tests look at it. */
export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: test payloads are free-form JSON
  json: any;
}

/** A minimal Graph caller over `app.inject`; accepts absolute links returned in `@odata.nextLink`. */
export function graphClient(app: FastifyInstance, auth: Record<string, string>) {
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> => {
    const path = url.startsWith('http') ? url.replace(/^https?:\/\/[^/]+/, '') : url;
    const res = await app.inject({
      method,
      url: path,
      headers: { ...auth, ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    let json: unknown;
    try {
      json = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: res.headers, body: res.body, json };
  };

  /** Follows `@odata.nextLink` until an `@odata.deltaLink`; returns each page's `value` and the deltaLink. */
  const deltaRound = async (url: string, headers: Record<string, string> = {}) => {
    // biome-ignore lint/suspicious/noExplicitAny: JSON entities
    const pages: any[][] = [];
    let next: string | undefined = url;
    let deltaLink: string | undefined;
    for (let guard = 0; next && guard < 10_000; guard++) {
      const res = await call('GET', next, undefined, headers);
      if (res.status !== 200) throw new Error(`delta page failed: ${res.status} ${res.body}`);
      pages.push(res.json.value);
      next = res.json['@odata.nextLink'];
      deltaLink = res.json['@odata.deltaLink'];
    }
    return { pages, deltaLink: deltaLink as string, items: pages.flat() };
  };

  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, body?: unknown, headers?: Record<string, string>) =>
      call('POST', url, body ?? undefined, headers),
    patch: (url: string, body: unknown, headers?: Record<string, string>) => call('PATCH', url, body, headers),
    delete: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
    deltaRound,
  };
}
