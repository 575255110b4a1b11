import { invalid } from '../../errors.ts';

/** Paging and sorting of a list request (DESIGN §4: `?q=&limit=&offset=&sort=`). */
export interface ListParams {
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  sort?: string | undefined;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** JSON schema fragment shared by every list route's query string. */
export const listQuerySchema = {
  q: { type: 'string', maxLength: 200 },
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
  offset: { type: 'integer', minimum: 0, default: 0 },
  sort: { type: 'string', maxLength: 64 },
} as const;

/**
 * Resolves `sort` (`field` or `-field`) against the columns a resource allows; throws naming `sort`
 * for anything else, so user input never reaches SQL as an identifier.
 */
export function resolveSort<C extends string>(
  sort: string | undefined,
  allowed: Record<string, C>,
  fallback: string,
): { column: C; direction: 'asc' | 'desc' } {
  const raw = sort || fallback;
  const desc = raw.startsWith('-');
  const name = desc ? raw.slice(1) : raw;
  const column = allowed[name];
  if (!column) throw invalid('sort', `must be one of ${Object.keys(allowed).join(', ')} (prefix - for descending)`);
  return { column, direction: desc ? 'desc' : 'asc' };
}

/** Builds the lowercase text a record is found by (`?q=`); JS lowercasing handles Cyrillic too. */
export function searchText(parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .join(' ')
    .toLowerCase();
}
