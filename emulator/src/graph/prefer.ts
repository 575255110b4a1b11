import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The `Prefer` preferences Outlook resources honour, each for the request that carries it
 * (protocols.md §3.1): `odata.maxpagesize=N`, `IdType="ImmutableId"`, `outlook.body-content-type="text"`,
 * `outlook.timezone="…"`. Preferences may come comma-separated in one header or in several headers.
 */
export interface Preferences {
  maxPageSize?: number;
  immutableIds: boolean;
  bodyContentType?: 'text' | 'html';
  timeZone?: string;
}

export function parsePrefer(req: FastifyRequest): Preferences {
  const raw = req.headers.prefer;
  const text = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  const prefs: Preferences = { immutableIds: false };
  for (const part of splitOutsideQuotes(text)) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value =
      eq < 0
        ? ''
        : part
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1');
    if (name === 'odata.maxpagesize') {
      const n = Number.parseInt(value, 10);
      if (Number.isFinite(n) && n > 0) prefs.maxPageSize = n;
    } else if (name === 'idtype') {
      prefs.immutableIds = value.toLowerCase() === 'immutableid';
    } else if (name === 'outlook.body-content-type') {
      const v = value.toLowerCase();
      if (v === 'text' || v === 'html') prefs.bodyContentType = v;
    } else if (name === 'outlook.timezone') {
      if (value) prefs.timeZone = value;
    }
  }
  return prefs;
}

/** Adds one applied preference to the `Preference-Applied` response header. */
export function markApplied(reply: FastifyReply, preference: string): void {
  const current = reply.getHeader('preference-applied');
  reply.header('preference-applied', current ? `${String(current)}, ${preference}` : preference);
}

function splitOutsideQuotes(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
