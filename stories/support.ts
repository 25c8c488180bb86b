/**
 * Shared by the stories: the embedded demo feed as Storybook serves it (.storybook/main.ts `staticDirs`),
 * fetches that fail in the ways the stories need, and small shadow-DOM helpers for `play` functions.
 */
import { createClient, createFeedStore, type FeedStore, memoryCache } from '@essaim/sdk';

/** The embedded feed (data/feed), served by Storybook at /feed/. */
export const FEED = '/feed/manifest.json';
export const feedUrl = (): string => new URL(FEED, document.baseURI).href;

/** A fetch that never answers: the feed stays loading. */
export const neverResolvingFetch: typeof fetch = () => new Promise<Response>(() => {});
/** A server that answers 404 to everything. */
export const notFoundFetch: typeof fetch = async () =>
  new Response('Not Found', { status: 404, statusText: 'Not Found' });
/** No network at all. */
export const offlineFetch: typeof fetch = async () => {
  throw new TypeError('Failed to fetch');
};

/** A server that answers 200 with JSON that is not a feed manifest. */
export const notAFeedFetch: typeof fetch = async () =>
  new Response(JSON.stringify({ hello: 'world' }), { headers: { 'content-type': 'application/json' } });

/**
 * The real server, except for one file of the feed (`structures.json`, `events.json`…), answered by
 * `answer` instead: a part that fails while the rest of the feed loads.
 */
export function partFailingFetch(file: string, answer: () => Response): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return new URL(url, document.baseURI).pathname.endsWith(`/${file}`) ? answer() : fetch(input, init);
  };
}

/** A store on the feed URL whose every request goes through `fetch` (no cache, no retry). */
export function storeWithFetch(fetchImpl: typeof fetch): FeedStore {
  return createFeedStore({ feed: feedUrl(), clientOptions: { fetch: fetchImpl, cache: false, retry: 0 } });
}

/**
 * The page's store on the embedded feed, loaded, then put in a state by `setup` (a search, a
 * selection…) the way a page's script or another widget would: for `loaders`.
 */
export async function loadedStore(setup?: (store: FeedStore) => void): Promise<FeedStore> {
  const store = createFeedStore({ feed: feedUrl() });
  await store.load();
  setup?.(store);
  return store;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Stale data offline, as it happens on a real page: a visit three days ago filled the cache (a real
 * load of the embedded feed into a memory cache, its clock set three days back); today the network is
 * gone, so the store shows the cached copy, marked stale, and says why. With `neverResolvingFetch`
 * instead: online but slow, the old copy is shown while the update is under way.
 */
export async function staleOfflineStore(fetchImpl: typeof fetch = offlineFetch): Promise<FeedStore> {
  const cache = memoryCache();
  const earlier = createClient({ feed: feedUrl(), cache, now: () => Date.now() - 3 * DAY });
  await earlier.load();
  earlier.dispose();
  return createFeedStore({ feed: feedUrl(), clientOptions: { cache, fetch: fetchImpl, retry: 0 } });
}

/**
 * A good copy in the cache from a visit three days ago; today the server answers `structures.json` with
 * an error document (`{"error": …}`, status 200): the last good copy stays, with its date and the reason.
 */
export async function staleInvalidStore(): Promise<FeedStore> {
  const cache = memoryCache();
  const earlier = createClient({ feed: feedUrl(), cache, now: () => Date.now() - 3 * DAY });
  await earlier.load();
  earlier.dispose();
  const fetchImpl = partFailingFetch('structures.json', () => Response.json({ error: 'quota exceeded' }));
  return createFeedStore({ feed: feedUrl(), clientOptions: { cache, fetch: fetchImpl, retry: 0 } });
}

/** The shadow root of the first `selector` in the story. */
export function shadowOf(canvas: HTMLElement, selector: string): ShadowRoot {
  const el = canvas.querySelector(selector);
  if (!el?.shadowRoot) throw new Error(`${selector} is not rendered`);
  return el.shadowRoot;
}

/** The number in a text ("1 699 structures trouvées" → 1699). */
export const numberIn = (text: string | null | undefined): number =>
  Number((text ?? '').replace(/\D/g, '') || Number.NaN);
