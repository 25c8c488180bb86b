import { readRepoText } from './files.ts';

/** Serves the repository's files as if data/feed/ were on a web server (logs the paths requested). */
export function repoFetch(log: string[] = [], fail = () => false): typeof fetch {
  return async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    log.push(url.pathname);
    if (fail()) throw new TypeError('Failed to fetch');
    try {
      const body = await readRepoText(url.pathname.slice(1));
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}
