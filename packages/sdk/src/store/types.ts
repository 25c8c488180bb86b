/**
 * The page store's public types: its options, its state and the store itself.
 *
 * @module
 */
import type { FeedLinks } from '../agenda/feed-links.ts';
import type { ClientOptions, FeedClient, LoadResult } from '../client/index.ts';
import type { EssaimError } from '../errors.ts';
import type { Feed } from '../feed.ts';
import type { Concept } from '../schema/taxonomy.ts';
import type { SearchConnector } from '../search/connector.ts';
import type { SearchHit, SearchQuery } from '../search/types.ts';
import type { SharedAgenda, SharedOrientation, SharedSlot, StoreViews } from './slots.ts';

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

export interface FeedStoreOptions {
  /** A feed URL or an inline manifest; or pass `client`. */
  feed?: ClientOptions['feed'];
  /** A client you built (its options win); otherwise one is created from `feed` and `clientOptions`. */
  client?: FeedClient;
  clientOptions?: Omit<ClientOptions, 'feed'>;
  /**
   * Base for a relative `feed` URL and for the part URLs of an inline manifest (the same as
   * `clientOptions.baseUrl`, which it overrides). Needed in Node, where there is no page URL:
   * `createFeedStore({ feed: 'feed.json', baseUrl: 'https://example.org/essaim/' })`.
   */
  baseUrl?: string | URL;
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
  /**
   * Where the feed is fetched, parsed, validated and indexed (the same as `clientOptions.worker`, which
   * wins when both are given): `'auto'` (default) in a Web Worker for big feeds, `'always'`, or `'never'` (on the
   * page). See `ClientOptions.worker`.
   */
  worker?: ClientOptions['worker'] | undefined;
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
  /**
   * The orientation journey the page shares: `<ess-orientation>` sets its connector, so that an app or
   * another widget can read the wizard's state (answers, current question, results) and follow it.
   */
  readonly orientation: SharedSlot<SharedOrientation>;
  /** The views of the structures on the page (`<ess-directory>` and `<ess-map>` register themselves). */
  readonly views: StoreViews;
  dispose(): void;
}
