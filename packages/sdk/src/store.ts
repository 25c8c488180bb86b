/**
 * The page store: one feed and one query state that every widget of a page shares (the directory's
 * filters filter the map; the map's "search this area" filters the directory). Headless: Lit elements,
 * React (`useSyncExternalStore(store.subscribe, store.getState)`) or Vue render it the same way.
 *
 * It loads the feed through a {@link FeedClient}, indexes the structures once per load, keeps the search
 * query across reloads (a background revalidation swaps the index under the same query), and says whether
 * what is shown is stale and how old it is.
 */
import {
  type ClientOptions,
  createClient,
  type FeedClient,
  type FeedPreview,
  type LoadResult,
} from './client/index.ts';
import type { AgendaListConnector } from './agenda/connector.ts';
import type { FeedLinks } from './agenda/feed-links.ts';
import { EssaimError } from './errors.ts';
import type { Feed } from './feed.ts';
import type { Concept } from './schema/taxonomy.ts';
import type { SearchIndex } from './search/build.ts';
import { connectSearch, type SearchConnector, type SearchState } from './search/connector.ts';
import type { SearchHit, SearchQuery, SearchResult } from './search/types.ts';

type Engine = typeof import('./search/lazy.ts');
type Retrier = ReturnType<typeof import('./retry.ts').createRetrier>;
/** The automatic retries, loaded at the first failure of a store that has them. */
const retryModule = () => import('./retry.ts');
/** The structures ↔ events links, loaded when a detail first shows them. */
const linksModule = () => import('./agenda/feed-links.ts');
/** The search engine (index and queries), loaded after the first results are shown. */
const engineModule = () => import('./search/lazy.ts');

const PAGE_SIZE = 20;
const byName = /* @__PURE__ */ new Intl.Collator('fr', { numeric: true });

/**
 * Before the engine is there: the first page of every structure by name (the engine's default order),
 * when the query filters nothing; otherwise nothing yet.
 */
function firstPage(records: readonly Feed['structures'][number][], query: SearchQuery): SearchResult {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const filtered =
    query.text || query.facets || query.territory || query.near || query.bbox || (query.page ?? 1) > 1;
  const base = { page: 1, pageSize, sort: 'name' as const, facets: {}, pending: true };
  if (filtered || (query.sort && query.sort !== 'name')) return { ...base, total: 0, pages: 0, hits: [] };
  // The first `pageSize` by name, without sorting everything (100,000 records: 26 ms instead of 580 ms).
  const before = (a: number, b: number) => byName.compare(records[a]!.name, records[b]!.name) || a - b;
  const top: number[] = [];
  for (let i = 0; i < records.length && pageSize > 0; i++) {
    if (top.length === pageSize && before(i, top[pageSize - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(top[mid]!, i) < 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, i);
    if (top.length > pageSize) top.pop();
  }
  const hits = top.map((i) => ({ record: records[i]!, index: i, score: 0 }));
  return { ...base, total: records.length, pages: Math.ceil(records.length / Math.max(1, pageSize)), hits };
}

export type FeedStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What the store holds. Immutable snapshots: a new object on each change. */
export interface FeedStoreState {
  status: FeedStatus;
  /** The last successful load (kept while a reload runs or after a later failure). */
  result?: LoadResult;
  feed?: Feed;
  /** The failure, when loading failed and nothing could be shown; or why stale data is shown. */
  error?: EssaimError;
  /** True when what is shown is older than the client's `maxAge`, or came from the cache after a failure. */
  stale: boolean;
  /** When the data shown was fetched (the oldest of its files). */
  fetchedAt?: Date;
  /** The structure selected in one widget (a card, a marker), shown as selected by the others. */
  selectedId?: string;
  /**
   * True while the first load's records are shown before their validation has run (a fraction of a
   * second: see the client's `onPreview`); the validated feed then replaces them and `feed.report` says
   * what was rejected.
   */
  validating?: boolean;
  /** True while a reload (a retry, automatic or asked) runs after a failure; what is shown stays. */
  retrying?: boolean;
}

/** Automatic retries after a failure (see `FeedStoreOptions.autoRetry`). */
export interface FeedRetryOptions {
  /** First delay, in ms. Default 2 000. */
  initialDelay?: number;
  /** Longest delay, in ms. Default 120 000. */
  maxDelay?: number;
}

export type FeedStoreListener = (state: FeedStoreState) => void;

/**
 * Something a page shares beside the search, set by whoever owns it (an element, or an app on the SDK)
 * and read by the others: no widget looks for another in the page.
 */
export interface SharedSlot<T> {
  get(): T | undefined;
  /** Shares `value` (`undefined`: nothing is shared any more); listeners are called when it changes. */
  set(value: T | undefined): void;
  subscribe(listener: (value: T | undefined) => void): () => void;
}

/** An agenda a page shares: its connector, and how to show one of its events (when something can). */
export interface SharedAgenda {
  readonly connector: AgendaListConnector;
  /** Shows an event (its detail), e.g. when a point of `<ess-map show="events">` is chosen. */
  openEvent?(eventId: string, options: { start?: string; focus?: boolean }): unknown;
}

/**
 * The views of the page's structures that are there (`'directory'`, `'map'`, or an app's own), each
 * registered while it is shown: e.g. the orientation offers « Voir dans l'annuaire » only when one is.
 */
export interface StoreViews {
  /** Says that a view of `kind` is on the page; call the returned function when it leaves. */
  add(kind: string): () => void;
  has(kind: string): boolean;
  /** Calls `listener` when a view comes or goes. */
  subscribe(listener: () => void): () => void;
}

function storeViews(): StoreViews {
  const counts = new Map<string, number>();
  const listeners = new Set<() => void>();
  const change = (kind: string, by: number) => {
    counts.set(kind, (counts.get(kind) ?? 0) + by);
    for (const l of [...listeners]) l();
  };
  return {
    add(kind) {
      change(kind, 1);
      let added = true;
      return () => {
        if (added) change(kind, -1);
        added = false;
      };
    },
    has: (kind) => (counts.get(kind) ?? 0) > 0,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function sharedSlot<T>(): SharedSlot<T> {
  let value: T | undefined;
  const listeners = new Set<(value: T | undefined) => void>();
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      for (const l of [...listeners]) l(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface FeedStoreOptions {
  /** A feed URL or an inline manifest; or pass `client`. */
  feed?: ClientOptions['feed'];
  /** A client you built (its options win); otherwise one is created from `feed` and `clientOptions`. */
  client?: FeedClient;
  clientOptions?: Omit<ClientOptions, 'feed'>;
  /** The query the search starts from (and returns to on reset), e.g. a territory scope set by attribute. */
  initialQuery?: SearchQuery;
  /**
   * Load the search engine (about 11 KB gzip, and its index) only once something uses `search`: a
   * subscriber, an action, `matches()`. For pages whose widgets may not search (an orientation, an
   * agenda). Default false: the engine loads right after the first results.
   */
  searchOnDemand?: boolean;
  /**
   * After a failure (the manifest or a part failed, or only an old copy could be shown), reload by
   * itself with a growing delay (2 s, 4 s, 8 s… up to 2 min, with jitter), at once when the browser
   * comes back online or the page becomes visible again, and never while the page is hidden or the
   * browser offline. Stops once a load succeeds. Default false (the elements turn it on).
   */
  autoRetry?: boolean | FeedRetryOptions;
}

export interface FeedStore {
  readonly client: FeedClient;
  /** Whether the store retries by itself after a failure (`autoRetry`). */
  readonly autoRetry: boolean;
  /** The shared search over the feed's structures (empty until the feed is loaded). */
  readonly search: SearchConnector;
  getState(): FeedStoreState;
  /** Calls `listener` after each change of the feed state (not of the search: subscribe to `search`). */
  subscribe(listener: FeedStoreListener): () => void;
  /**
   * Loads the feed (once; later calls return the same promise until `reload`). Never rejects. Widgets
   * get the records earlier, through `subscribe` (a preview, then the validated feed); this resolves
   * once the feed is validated and the search engine is ready.
   */
  load(): Promise<FeedStoreState>;
  /** Loads from the network now (falls back to the cache). Never rejects. */
  reload(): Promise<FeedStoreState>;
  /** A taxonomy concept by id, or by a current or former slug. */
  concept(idOrSlug: string): Concept | undefined;
  /** A structure by id. */
  structure(id: string): Feed['structures'][number] | undefined;
  /** Every hit of the current search query (all pages, in its order), e.g. for an export. */
  matchHits(): readonly SearchHit[];
  /** Every structure matching the current search query (all pages), e.g. for a map. */
  matches(): readonly Feed['structures'][number][];
  /** Selects a structure for every widget of the page (`undefined` clears the selection). */
  select(id: string | undefined): void;
  /**
   * The links between the feed's structures and events (organisers, places: {@link linkFeed}), computed
   * once per loaded feed by {@link FeedStore.loadLinks}; `undefined` until then.
   */
  links(): FeedLinks | undefined;
  /**
   * Computes the links of the loaded feed once (their code loads on the first call), and loads the
   * recurrence library when some event repeats, so that `upcomingEventsOf` places it by its rule.
   * Resolves to `undefined` when no feed is loaded.
   */
  loadLinks(): Promise<FeedLinks | undefined>;
  /**
   * The agenda the page shares: `<ess-agenda>` sets its own; an app with its own agenda (React, Vue…)
   * sets its connector. `<ess-map show="events">` draws the events it matches.
   */
  readonly agenda: SharedSlot<SharedAgenda>;
  /** The views of the structures on the page (`<ess-directory>` and `<ess-map>` register themselves). */
  readonly views: StoreViews;
  dispose(): void;
}

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

const EMPTY_FEED: Feed = {
  manifest: {} as Feed['manifest'],
  structures: [],
  services: [],
  events: [],
  taxonomy: { id: 'none', version: '0', concepts: [] },
  parcours: [],
  report: { parts: {}, rejections: [], warnings: [] },
};

/** Creates the store of a page (or of one widget used alone). */
export function createFeedStore(options: FeedStoreOptions): FeedStore {
  if (!options.client && options.feed === undefined)
    throw new TypeError('createFeedStore needs `feed` or `client`');
  const client =
    options.client ??
    createClient({ ...options.clientOptions, feed: options.feed!, onPreview: (p) => applyPreview(p) });
  let state: FeedStoreState = { status: 'idle', stale: false };
  const listeners = new Set<FeedStoreListener>();
  let conceptIndex = new Map<string, Concept>();
  let structureIndex = new Map<string, Feed['structures'][number]>();
  let indexedFeed: Feed | undefined;
  let loading: Promise<FeedStoreState> | undefined;
  let linked: { feed: Feed; links: FeedLinks } | undefined;

  let engine: Engine | undefined;
  let engineLoad: Promise<void> | undefined;
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
    const same =
      currentIndex !== undefined &&
      previewed !== undefined &&
      previewed.length === toIndex.length &&
      toIndex.every((s, i) => s.id === previewed[i]!.id);
    // Same records in the same order: the index stays, on the validated records (same text indexed).
    currentIndex = same
      ? { ...currentIndex!, records: toIndex }
      : engine.createSearchIndex(toIndex, { labels: labelOf });
    search.setIndex(currentIndex);
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
    conceptIndex = new Map();
    for (const c of feed.taxonomy.concepts) {
      conceptIndex.set(c.id, c);
      conceptIndex.set(`${c.scheme}:${c.slug}`, c);
      for (const former of c.formerSlugs ?? []) conceptIndex.set(`${c.scheme}:${former}`, c);
    }
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
    concept(idOrSlug) {
      const direct = conceptIndex.get(idOrSlug);
      if (direct) return direct;
      for (const c of conceptIndex.values())
        if (c.slug === idOrSlug || c.formerSlugs?.includes(idOrSlug)) return c;
      return undefined;
    },
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
    links: () => (linked && linked.feed === state.feed ? linked.links : undefined),
    async loadLinks() {
      const feed = state.feed;
      if (!feed) return undefined;
      if (linked?.feed === feed) return linked.links;
      const m = await linksModule();
      if (linked?.feed !== feed) linked = { feed, links: m.linkFeed(feed.structures, feed.events) };
      // Without the library, a repeating event is placed by its explicit dates (a failure to load it is
      // named by the agenda, which expands the rule).
      if (feed.events.some(m.needsRecurrence)) await m.loadRecurrence().catch(() => {});
      return linked.links;
    },
    agenda: sharedSlot<SharedAgenda>(),
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
