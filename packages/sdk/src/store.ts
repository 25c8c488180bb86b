/**
 * The page store: one feed and one query state that every widget of a page shares (the directory's
 * filters filter the map; the map's "search this area" filters the directory). Headless: Lit elements,
 * React (`useSyncExternalStore(store.subscribe, store.getState)`) or Vue render it the same way.
 *
 * It loads the feed through a {@link FeedClient}, indexes the structures once per load, keeps the search
 * query across reloads (a background revalidation swaps the index under the same query), and says whether
 * what is shown is stale and how old it is.
 */
import { type FeedPreview, type LoadResult, createClient } from './client/index.ts';
import type { FeedLinks } from './agenda/feed-links.ts';
import { conceptMap, lookupIn } from './concepts.ts';
import { EssaimError } from './errors.ts';
import type { Feed } from './feed.ts';
import type { Concept } from './schema/taxonomy.ts';
import type { SearchIndex } from './search/index-data.ts';
import type { SearchIndexOptions } from './search/types.ts';
import { connectSearch, type SearchConnector, type SearchState } from './search/connector.ts';
import type { SearchHit } from './search/types.ts';
import { firstPage } from './store/first-page.ts';
import { type SharedAgenda, type SharedOrientation, sharedSlot, storeViews } from './store/slots.ts';
import type { FeedStore, FeedStoreListener, FeedStoreOptions, FeedStoreState } from './store/types.ts';

export type { SharedAgenda, SharedOrientation, SharedSlot, StoreViews } from './store/slots.ts';
export type {
  FeedRetryOptions,
  FeedStatus,
  FeedStore,
  FeedStoreListener,
  FeedStoreOptions,
  FeedStoreState,
} from './store/types.ts';

type Engine = typeof import('./search/lazy.ts');
/**
 * Structures a feed worker loaded, with the index it builds for them (worker/remote.ts): it hands the
 * index to `set` once built; the promise settles then.
 */
type WorkerRecords = Feed['structures'] & {
  $essaimIndex?: (options: SearchIndexOptions, set: (index: SearchIndex) => unknown) => Promise<void>;
};
type Retrier = ReturnType<typeof import('./retry.ts').createRetrier>;
/** The automatic retries, loaded at the first failure of a store that has them. */
const retryModule = () => import('./retry.ts');
/** The structures ↔ events links, loaded when a detail first shows them. */
const linksModule = () => import('./agenda/feed-links.ts');
/** The search engine (index and queries), loaded after the first results are shown. */
const engineModule = () => import('./search/lazy.ts');

function asEssaimError(error: unknown): EssaimError {
  if (error instanceof EssaimError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new EssaimError(
    'feed-unknown',
    { fr: `Le flux n’a pas pu être chargé (${text}).`, en: `The feed could not be loaded (${text}).` },
    { fr: 'Réessayez plus tard.', en: 'Try again later.' },
    { cause: error },
  );
}

/** What the store indexes after a failed preview: nothing (only the fields `index` reads). */
const EMPTY_FEED = { structures: [], taxonomy: { concepts: [] } } as unknown as Feed;

/** Creates the store of a page (or of one widget used alone). */
export function createFeedStore(options: FeedStoreOptions): FeedStore {
  if (!options.client && options.feed === undefined)
    throw new TypeError('createFeedStore needs `feed` or `client`');
  const client =
    options.client ??
    createClient({
      worker: options.worker,
      ...options.clientOptions,
      ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
      feed: options.feed!,
      onPreview: (p) => applyPreview(p),
    });
  let state: FeedStoreState = { status: 'idle', stale: false };
  const listeners = new Set<FeedStoreListener>();
  let conceptIndex = new Map<string, Concept>();
  let concept = lookupIn(conceptIndex);
  let structureIndex = new Map<string, Feed['structures'][number]>();
  let indexedFeed: Feed | undefined;
  let loading: Promise<FeedStoreState> | undefined;
  /** The structures ↔ events links of the feed shown, once computed (agenda/feed-links.ts). */
  const linkCache: { linked?: { feed: Feed; links: FeedLinks } } = {};

  let engine: Engine | undefined;
  let engineLoad: Promise<void> | undefined;
  /** The index a feed worker builds, until it is there. */
  let indexing: Promise<void> | undefined;
  let currentIndex: SearchIndex | undefined;
  /** The structures the index is (or will be) built on. */
  let toIndex: Feed['structures'] = [];
  const connector = connectSearch(
    (query) => (engine && currentIndex ? engine.search(currentIndex, query) : firstPage(toIndex, query)),
    options.initialQuery,
  );
  let wanted = !options.searchOnDemand;
  /** Something uses the search: load the engine once there is a feed to index. */
  function want() {
    if (wanted) return;
    wanted = true;
    if (indexedFeed) buildIndex(undefined);
  }
  const search = { setIndex() {} } as unknown as SearchConnector;
  for (const [key, value] of Object.entries(connector))
    if (key !== 'getState' && key !== 'recompute' && typeof value === 'function')
      (search as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => {
        want();
        return (value as (...a: unknown[]) => unknown)(...args);
      };
  search.getState = connector.getState;
  search.setIndex = (next) => {
    currentIndex = next;
    connector.recompute();
  };
  let memo: { state: SearchState; hits: SearchHit[]; records?: Feed['structures'][number][] } | undefined;
  function allHits() {
    const state = search.getState();
    if (memo?.state !== state)
      memo = {
        state,
        hits:
          engine && currentIndex
            ? engine.searchAll(currentIndex, state.query)
            : state.result.pending && state.result.total === toIndex.length
              ? toIndex.map((record, index) => ({ record, index, score: 0 }))
              : [],
      };
    return memo;
  }

  /** Loads the engine once (after the current task, so the first results are drawn first), then indexes. */
  function loadEngine(): Promise<void> {
    engineLoad ??= new Promise<void>((resolve) => setTimeout(resolve, 0)).then(engineModule).then((m) => {
      engine = m;
      buildIndex(undefined);
    });
    return engineLoad;
  }

  /** Builds the index of `toIndex` (or keeps the preview's when the validation kept every record). */
  function buildIndex(previewed: Feed['structures'] | undefined) {
    if (!engine) {
      connector.recompute();
      if (wanted) void loadEngine().catch((error: unknown) => set({ error: asEssaimError(error) }));
      return;
    }
    // Same records in the same order: the index stays, on the validated records (same text indexed).
    // Records a feed worker loaded come with their index, built there (worker/remote.ts), which sets it
    // once it is there (none meanwhile: the first page shows).
    const records = toIndex as WorkerRecords;
    const indexOptions = { labels: labelOf };
    (search.setIndex as (index?: SearchIndex) => void)(
      currentIndex &&
        previewed?.length === records.length &&
        records.every((s, i) => s.id === previewed[i]!.id)
        ? { ...currentIndex, records }
        : records.$essaimIndex
          ? void (indexing = records.$essaimIndex(
              indexOptions,
              (index) => records === toIndex && search.setIndex(index),
            ))
          : engine.createSearchIndex(records, indexOptions),
    );
  }

  function set(next: Partial<FeedStoreState>) {
    state = { ...state, ...next };
    for (const l of [...listeners]) l(state);
    syncRetry();
  }

  // --- Automatic retries (retry.ts, loaded at the first failure) -------------------------------------
  const retryOptions =
    options.autoRetry === true ? {} : options.autoRetry === false ? undefined : options.autoRetry;
  let retrier: Retrier | undefined;
  let prefetchRetry: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  function isFailing(): boolean {
    if (state.status === 'error') return true;
    if (state.status !== 'ready' || state.validating) return false;
    const r = state.result;
    return (
      (state.stale && state.error !== undefined) ||
      (r !== undefined && (r.partErrors.length > 0 || r.staleParts.length > 0))
    );
  }
  function syncRetry() {
    if (!retryOptions || disposed) return;
    // Fetched a moment after the first load, so that it is there when the network is not.
    if (!retrier && !isFailing() && state.status === 'ready' && !state.validating)
      prefetchRetry ??= setTimeout(() => void retryModule().catch(() => undefined), 3000);
    if (retrier) retrier.sync();
    else if (isFailing())
      void retryModule().then(
        (m) => {
          if (disposed || retrier) return;
          retrier = m.createRetrier({ isFailing, reload }, retryOptions);
          retrier.sync();
        },
        () => undefined, // not fetched before the network went: the next change of state tries again
      );
  }

  function reload(): Promise<FeedStoreState> {
    loading = run(() => client.refresh());
    return loading;
  }

  function labelOf(id: string): string | undefined {
    return conceptIndex.get(id)?.label.fr;
  }

  function index(feed: Feed, previewed: Feed | undefined) {
    indexedFeed = feed;
    conceptIndex = conceptMap(feed.taxonomy.concepts);
    concept = lookupIn(conceptIndex);
    structureIndex = new Map(feed.structures.map((s) => [s.id, s]));
    toIndex = feed.structures;
    buildIndex(previewed?.structures);
  }

  /** The first load's records before validation: shown at once, replaced by the validated feed. */
  function applyPreview(preview: FeedPreview) {
    if (state.result) return;
    try {
      index(preview.feed, undefined);
    } catch (error) {
      // A record the shape check let through broke the index: wait for the validated feed.
      console.error(error);
      return;
    }
    set({
      status: 'ready',
      feed: preview.feed,
      stale: false,
      fetchedAt: preview.fetchedAt,
      validating: true,
    });
  }

  /** Indexes a feed once; the same feed object (an unchanged revalidation) is not indexed again. */
  function apply(result: LoadResult) {
    if (result === state.result) return; // the client reports each result to subscribers and to load()
    const { feed } = result;
    if (feed !== indexedFeed) index(feed, state.validating ? indexedFeed : undefined);
    set({
      status: 'ready',
      result,
      feed,
      stale: result.stale,
      fetchedAt: result.fetchedAt,
      error: result.error,
      validating: false,
    });
  }

  const unsubscribeClient = client.subscribe(
    (result) => apply(result),
    (error) => set({ error: asEssaimError(error) }),
  );

  async function run(fetcher: () => Promise<LoadResult>): Promise<FeedStoreState> {
    // A retry after a failure keeps the failure shown (no flicker of the alert) and says it is retrying.
    if (state.status === 'error' || (state.status === 'ready' && isFailing())) set({ retrying: true });
    else if (state.status !== 'ready') set({ status: 'loading' });
    try {
      apply(await fetcher());
      if (state.retrying) set({ retrying: false });
      await engineLoad; // resolve with a searchable store (the results were shown before)
      await indexing;
    } catch (error) {
      if (state.retrying) state = { ...state, retrying: false };
      // Keep what is shown if something was: the failure only makes it stale. A preview is not kept:
      // its records were never validated.
      if (state.validating) {
        index(EMPTY_FEED, undefined);
        set({ status: 'error', error: asEssaimError(error), feed: undefined, validating: false });
      } else if (state.feed) set({ status: 'ready', error: asEssaimError(error), stale: true });
      else set({ status: 'error', error: asEssaimError(error) });
    }
    return state;
  }

  return {
    client,
    search,
    autoRetry: retryOptions !== undefined,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load() {
      loading ??= run(() => client.load());
      return loading;
    },
    reload,
    concept: (idOrSlug) => concept(idOrSlug),
    structure: (id) => structureIndex.get(id),
    matchHits: () => {
      want();
      return allHits().hits;
    },
    matches() {
      want();
      const { query } = search.getState();
      const filtered =
        query.text || query.facets || query.territory || query.bbox || query.near?.radiusKm !== undefined;
      if (!filtered) return indexedFeed?.structures ?? []; // every record (order does not matter here)
      const m = allHits();
      m.records ??= m.hits.map((h) => h.record);
      return m.records;
    },
    select(id) {
      if (id !== state.selectedId) set({ selectedId: id });
    },
    links: () => {
      const { linked } = linkCache;
      return linked && linked.feed === state.feed ? linked.links : undefined;
    },
    async loadLinks() {
      const feed = state.feed;
      const { linked } = linkCache;
      return (
        feed && (linked?.feed === feed ? linked.links : (await linksModule()).storeLinks(linkCache, feed))
      );
    },
    agenda: sharedSlot<SharedAgenda>(),
    orientation: sharedSlot<SharedOrientation>(),
    views: storeViews(),
    dispose() {
      disposed = true;
      clearTimeout(prefetchRetry);
      retrier?.dispose();
      unsubscribeClient();
      listeners.clear();
      client.dispose();
    },
  };
}
