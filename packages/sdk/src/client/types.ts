/**
 * The feed client's public types: its options, what a load returns, and the client itself.
 *
 * @module
 */
import type { EssaimError, Messages } from '../errors.ts';
import type { Feed } from '../feed.ts';
import type { FeedManifest, PartName } from '../schema/feed.ts';
import type { FeedCache } from './cache.ts';
import type { ConditionalRequests, RetryOptions } from './http.ts';

/** Which shards to load: by département and/or région code. A part sharded by a key the scope does not name loads whole. */
export interface FeedScope {
  departements?: readonly string[];
  regions?: readonly string[];
}

/** A shard of a part, as given to a scope function. */
export interface ShardInfo {
  part: PartName;
  shardBy: 'departement' | 'region';
  key: string;
  url: string;
}

export interface ClientOptions {
  /** The manifest's URL (absolute, or relative to `baseUrl`), or an inline manifest object. */
  feed: string | URL | FeedManifest | Readonly<Record<string, unknown>>;
  /** The fetch to use (tests inject their own). Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Where the last good files are kept. Default `defaultCache()`; `false` for none. */
  cache?: FeedCache | false;
  /** Aborts everything the client does, background revalidation included. */
  signal?: AbortSignal;
  /** Timeout of one attempt, in ms. Default 15 000; 0 or false for none. */
  timeout?: number | false;
  /** Retries: a number (retries after the first attempt) or ky-style options. Default 2 retries. */
  retry?: number | RetryOptions;
  /** How long a cached copy is served without asking the server, in ms. Default 5 minutes. */
  maxAge?: number;
  /** The clock, in ms since the epoch (tests). Default `Date.now`. */
  now?: () => number;
  /** Load only the shards in scope, e.g. `{ departements: ['75', '93'] }`, or decide shard by shard. */
  scope?: FeedScope | ((shard: ShardInfo) => boolean);
  /** Base for a relative feed URL and for the part URLs of an inline manifest. Default: the page's URL. */
  baseUrl?: string | URL;
  /** See ConditionalRequests. Default 'auto'. */
  conditionalRequests?: ConditionalRequests;
  /**
   * Called once, on the first load, as soon as the files are in and before they are validated, with the
   * records that have the shape a widget needs (see preview.ts): a page shows them at once while the
   * validation loads and runs. The validated result (`load()`, `subscribe`) follows and replaces it.
   */
  onPreview?: (preview: FeedPreview) => void;
  /**
   * Where the parts are fetched, parsed, validated and indexed: `'auto'` (default) in a Web Worker from
   * 10,000 structures (the manifest's counts), `'always'` in a worker, `'never'` on the page. Without a
   * worker (Node, a `fetch`, `cache` or `now` option of your own, a Content Security Policy or Trusted
   * Types that forbid it, a worker that fails to start), on the page, said once with `console.info`.
   */
  worker?: 'auto' | 'always' | 'never' | undefined;
}

/** The first load's records before validation (see `ClientOptions.onPreview`). */
export interface FeedPreview {
  feed: Feed;
  source: LoadResult['source'];
  fetchedAt: Date;
}

/** A part (or shard) that could not be loaded: the feed loaded without it. */
export interface PartError {
  part: PartName | 'taxonomy';
  /** The shard's key (département or région code), for a sharded part. */
  shard?: string;
  url: string;
  error: EssaimError;
  /** "The "structures" part (département 93) could not be loaded: …", in French and English. */
  messages: Messages;
}

export interface LoadResult {
  feed: Feed;
  /** Where the manifest came from: the server (200 or 304), the cache without asking, or inline. */
  source: 'network' | 'cache' | 'inline';
  /** True when the data may be out of date: older than `maxAge`, or served from the cache because the network failed. */
  stale: boolean;
  /** When the oldest file shown was last known current (fetched, or confirmed by a 304). */
  fetchedAt: Date;
  /** Age of that, in ms, when this result was handed out. */
  ageMs: number;
  /** Parts or shards that could not be loaded and have no good copy: they are missing (the rest of the feed is there). */
  partErrors: PartError[];
  /**
   * Parts or shards whose fresh copy failed (network, server, invalid file) and that are shown from
   * their last good copy instead; `stale` is then true.
   */
  staleParts: PartError[];
  /** Why cached data is served instead of fresh data (network failure…), when that is the case. */
  error?: EssaimError;
  /**
   * When stale data is served and the client is asking the server in the background: resolves with the
   * fresh result (also sent to subscribers), or undefined if that failed (the error goes to `onError`).
   * When nothing changed on the server, the fresh result has the same `feed` object.
   */
  revalidated?: Promise<LoadResult | undefined>;
}

export interface FeedClient {
  /** The manifest's absolute URL; undefined for an inline manifest. */
  readonly url: string | undefined;
  /** The last result, if any. */
  readonly current: LoadResult | undefined;
  /** The feed, from memory or cache when fresh enough, else from the network. Concurrent calls share one load. */
  load(options?: { signal?: AbortSignal }): Promise<LoadResult>;
  /** Asks the server now (conditional requests). Falls back to the cache on failure; throws if there is none. */
  refresh(options?: { signal?: AbortSignal }): Promise<LoadResult>;
  /** Called with every new result (first load, background revalidation, refresh); returns an unsubscribe function. */
  subscribe(listener: (result: LoadResult) => void, onError?: (error: EssaimError) => void): () => void;
  /** Stops background work and forgets listeners. */
  dispose(): void;
}
