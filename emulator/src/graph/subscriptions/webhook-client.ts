import { randomUUID } from 'node:crypto';

/**
 * HTTP calls to a subscriber's endpoints. The validation handshake (`concepts/change-notifications-delivery-webhooks.md`,
 * "notificationUrl validation"): POST `{url}?validationToken={token}` with `Content-Type: text/plain`; the
 * endpoint must answer 200, `text/plain`, with the URL-decoded token as the body, within 10 seconds.
 * Notifications are POSTed as JSON with a 3-second timeout (same page, "Throttling").
 */

export type CallResult =
  | { ok: true; status: number }
  | { ok: false; status?: number; reason: string; timedOut?: boolean };

/** Graph's token is human-readable text with spaces and colons, so clients must URL-decode it. */
export function newValidationToken(): string {
  return `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
}

export async function validateEndpoint(url: string, timeoutMs: number): Promise<CallResult> {
  const token = newValidationToken();
  const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
  try {
    const res = await fetchWithTimeout(
      target,
      { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' } },
      timeoutMs,
    );
    const body = await res.text();
    if (res.status !== 200) return { ok: false, status: res.status, reason: 'status' };
    if (!(res.headers.get('content-type') ?? '').toLowerCase().startsWith('text/plain'))
      return { ok: false, status: 200, reason: 'contentType' };
    if (body !== token) return { ok: false, status: 200, reason: 'token' };
    return { ok: true, status: 200 };
  } catch (err) {
    return failure(err);
  }
}

export async function postJson(url: string, body: unknown, timeoutMs: number): Promise<CallResult> {
  try {
    const res = await fetchWithTimeout(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) },
      timeoutMs,
    );
    await res.arrayBuffer().catch(() => undefined);
    return res.status >= 200 && res.status < 300
      ? { ok: true, status: res.status }
      : { ok: false, status: res.status, reason: 'status' };
  } catch (err) {
    return failure(err);
  }
}

async function fetchWithTimeout(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetch(url, { ...init, signal: controller.signal, redirect: 'manual' });
  } finally {
    clearTimeout(timer);
  }
}

function failure(err: unknown): CallResult {
  const timedOut = (err as { name?: string })?.name === 'AbortError';
  return { ok: false, reason: timedOut ? 'timeout' : 'network', timedOut };
}
