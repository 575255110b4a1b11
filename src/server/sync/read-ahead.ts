import type { ChangePage } from '../connectors/port.ts';

/**
 * The pages of one folder's change listing, each requested as soon as the one before it arrives. A listing is a
 * chain (each page names the next), so the server's time for page n+1 is spent while page n is planned and written
 * rather than after: without it an import waits for every page in turn. One page is held ahead at most; a page
 * asked for at another position (a cursor reset) drops it. A failed page request surfaces when that page is asked for.
 */
export function readAhead<F>(fetch: (at: string | null) => Promise<ChangePage<F>>) {
  let ahead: { at: string; page: Promise<ChangePage<F>> } | undefined;
  return (at: string | null): Promise<ChangePage<F>> => {
    const page = ahead?.at === at ? ahead.page : fetch(at);
    ahead = undefined;
    // Registered before the caller's own wait on `page`, so the next request is out before the caller goes on.
    page.then(
      (p) => {
        if (p.complete || p.cursor === at) return;
        const next = fetch(p.cursor);
        next.catch(() => undefined);
        ahead = { at: p.cursor, page: next };
      },
      () => undefined,
    );
    return page;
  };
}
