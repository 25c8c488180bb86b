/**
 * The feed client: loads a feed (a manifest URL, or an inline manifest), its parts and the shards in
 * scope, in parallel; hands out a preview of the records at once (`onPreview`), then validates everything
 * (the validation — zod and the schemas — is loaded on first use, after the files); keeps the last good copy of every file in a cache and
 * serves it stale-while-revalidate, so a page shows a feed at once, offline too, and hears when fresher
 * data arrives. Same code in Node ≥ 20 and browsers; no DOM needed.
 */
import {
  type EssaimError,
  FeedAbortError,
  FeedFormatError,
  FeedHttpError,
  type Messages,
} from '../errors.ts';
import type { Feed, RawParts } from '../feed.ts';
import { checkManifestShape, previewFeed } from '../preview.ts';
import type { FeedManifest, PartName } from '../schema/feed.ts';
import { type CacheEntry, defaultCache, type FeedCache, memoryCache } from './cache.ts';
import {
  type ConditionalRequests,
  DEFAULT_TIMEOUT,
  getJson,
  type HttpSettings,
  type RetryOptions,
  raceAbort,
  toFeedError,
} from './http.ts';

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
}

/** The first load's records before validation (see `ClientOptions.onPreview`). */
export interface FeedPreview {
  feed: Feed;
  source: LoadResult['source'];
  fetchedAt: Date;
}

/** The validation, loaded on first use (zod and the schemas are most of the SDK's weight). */
const validation = () => import('./validation.ts');

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

const DEFAULT_MAX_AGE = 5 * 60_000;
const CACHE_OP_TIMEOUT = 3000;
const LIST_PARTS = ['structures', 'services', 'events', 'parcours', 'indicators'] as const;
const PART_FR: Record<PartName | 'taxonomy', string> = {
  structures: 'structures',
  services: 'services',
  events: 'évènements',
  parcours: 'parcours',
  indicators: 'indicateurs',
  taxonomy: 'taxonomie',
};
const SHARD_BY_FR = { departement: 'département', region: 'région' } as const;
const SHARD_BY_EN = { departement: 'département', region: 'région' } as const;

/** One file the feed is made of, as obtained for one load. */
interface Resource {
  body: unknown;
  storedAt: number;
  /** Asked the server (and got 200 or 304). */
  fromNetwork: boolean;
  /** Identifies the body's version: same token, same body. */
  token: string;
  /** The network failed and the cached copy is used. */
  fallback?: EssaimError;
  /** With `deferWrite`: stores the new body in the cache (call it once the body is known to be valid). */
  commit?: () => Promise<void>;
  /** A copy was in the cache before this request. */
  hadCopy?: boolean;
}

type PlannedPart = {
  part: PartName | 'taxonomy';
  shardBy?: 'departement' | 'region';
  shard?: string;
  /** What the manifest promises for the file. */
  count?: number | undefined;
  sha256?: string | undefined;
} & ({ url: string } | { inline: unknown } | { invalid: EssaimError; url: string });

interface Assembled {
  result: LoadResult;
  signature: string;
  /** The manifest itself could not be refreshed: the whole result is the cached one. */
  manifestFallback: boolean;
}

/** A load shared by concurrent callers; aborted only when every caller that can abort has. */
class SharedLoad<T> {
  readonly promise: Promise<T>;
  private readonly controller = new AbortController();
  private waiters = 0;
  private pinned = false;
  settled = false;

  constructor(run: (signal: AbortSignal) => Promise<T>, parent: AbortSignal) {
    this.promise = run(AbortSignal.any([parent, this.controller.signal]));
    this.promise.then(
      () => (this.settled = true),
      () => (this.settled = true),
    );
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  join(signal?: AbortSignal): Promise<T> {
    if (!signal) {
      this.pinned = true;
      return this.promise;
    }
    if (signal.aborted) return Promise.reject(new FeedAbortError({ reason: signal.reason }));
    this.waiters++;
    const leave = () => {
      this.waiters--;
      if (this.waiters === 0 && !this.pinned && !this.settled) this.controller.abort(signal.reason);
    };
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(new FeedAbortError({ reason: signal.reason }));
        leave();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          this.waiters--;
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          this.waiters--;
          reject(error);
        },
      );
    });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the whole manifest (after `checkManifestShape`, which is enough to fetch the parts). */
async function validateWholeManifest(body: unknown, url: string | undefined): Promise<FeedManifest> {
  const checked = (await validation()).validateManifest(body);
  if (!checked.ok) throw new FeedFormatError('not-a-manifest', { url, issues: checked.issues });
  return checked.manifest;
}

/** The shape check, and when it fails, the whole validation for a complete list of issues. */
async function checkManifest(body: unknown, url: string | undefined): Promise<FeedManifest> {
  try {
    return checkManifestShape(body, url);
  } catch (error) {
    if (error instanceof FeedFormatError) await validateWholeManifest(body, url);
    throw error;
  }
}

function inScope(scope: ClientOptions['scope'], shard: ShardInfo): boolean {
  if (!scope) return true;
  if (typeof scope === 'function') return scope(shard);
  const keys = shard.shardBy === 'departement' ? scope.departements : scope.regions;
  if (keys === undefined) return true;
  const key = shard.key.trim().toUpperCase();
  return keys.some((k) => k.trim().toUpperCase() === key);
}

function partMessages(p: PlannedPart, error: EssaimError): Messages {
  const fr = p.shard && p.shardBy ? ` (${SHARD_BY_FR[p.shardBy]} ${p.shard})` : '';
  const en = p.shard && p.shardBy ? ` (${SHARD_BY_EN[p.shardBy]} ${p.shard})` : '';
  return {
    fr: `La partie « ${PART_FR[p.part]} »${fr} du flux n’a pas pu être chargée : ${error.messages.fr}`,
    en: `The "${p.part}" part${en} of the feed could not be loaded: ${error.messages.en}`,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.catch(() => fallback),
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The hex SHA-256 of a text's UTF-8 bytes (Web Crypto: browsers in secure contexts, Node ≥ 20); undefined without it. */
async function sha256Hex(text: string): Promise<string | undefined> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) return undefined;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks a part's file against what the manifest promises before it is used or cached, as the manifest
 * is: a list part is an array of records (not `{"error": …}`), a taxonomy has concepts, and the `count`
 * and `sha256` match when the manifest gives them. Throws a FeedFormatError.
 */
export async function checkPart(
  p: Pick<PlannedPart, 'part' | 'count' | 'sha256'>,
  body: unknown,
  text: string | undefined,
  url?: string,
): Promise<void> {
  let n: number;
  if (p.part === 'taxonomy') {
    const concepts = Array.isArray(body)
      ? body
      : isObject(body) && Array.isArray(body.concepts)
        ? body.concepts
        : undefined;
    if (!concepts) throw new FeedFormatError('not-a-taxonomy', { url });
    n = concepts.length;
  } else {
    if (!Array.isArray(body)) throw new FeedFormatError('not-an-array', { url });
    n = body.length;
  }
  if (p.count !== undefined && n !== p.count)
    throw new FeedFormatError('count-mismatch', { url, expected: p.count, actual: n });
  if (p.sha256 && text !== undefined) {
    const actual = await sha256Hex(text);
    if (actual !== undefined && actual !== p.sha256)
      throw new FeedFormatError('sha256-mismatch', { url, expected: p.sha256, actual });
  }
}

class Client implements FeedClient {
  readonly url: string | undefined;
  current: LoadResult | undefined;

  private readonly inline: FeedManifest | undefined;
  private readonly inlineError: EssaimError | undefined;
  private readonly base: string | undefined;
  private readonly cache: FeedCache;
  private readonly http: HttpSettings;
  private readonly maxAge: number;
  private readonly now: () => number;
  private readonly scope: ClientOptions['scope'];
  private onPreview: ClientOptions['onPreview'];
  private readonly options: ClientOptions;
  private readonly lifetime = new AbortController();
  private readonly signal: AbortSignal;
  private readonly listeners = new Set<{
    onResult: (r: LoadResult) => void;
    onError?: ((e: EssaimError) => void) | undefined;
  }>();
  private loadOp: SharedLoad<LoadResult> | undefined;
  private networkOp: SharedLoad<Assembled> | undefined;
  private signature: string | undefined;
  private applied = 0;
  private sequence = 0;
  private lastNetworkAttempt: number | undefined;
  private lastFallback = false;
  private onlineListener: (() => void) | undefined;

  constructor(options: ClientOptions) {
    const page = (globalThis as { location?: { href?: string } }).location?.href;
    const base = options.baseUrl !== undefined ? String(options.baseUrl) : page;
    this.base = base;
    const feed = options.feed;
    if (typeof feed === 'string' || feed instanceof URL) {
      try {
        this.url = new URL(String(feed), base).href;
      } catch (cause) {
        throw new TypeError(
          `Essaim: cannot resolve the feed URL "${String(feed)}": give an absolute URL, or a baseUrl option`,
          { cause },
        );
      }
      this.base = this.url;
    } else if (isObject(feed)) {
      try {
        this.inline = checkManifestShape(feed, undefined);
      } catch (error) {
        this.inlineError = error as EssaimError;
      }
    } else {
      throw new TypeError('Essaim: the `feed` option must be a URL or a manifest object');
    }
    this.cache = options.cache === false ? memoryCache({ maxEntries: 0 }) : (options.cache ?? defaultCache());
    this.http = {
      fetch: options.fetch,
      timeout: options.timeout === undefined ? DEFAULT_TIMEOUT : options.timeout,
      retry: typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {}),
      conditional: options.conditionalRequests ?? 'auto',
    };
    this.maxAge = options.maxAge ?? DEFAULT_MAX_AGE;
    this.now = options.now ?? Date.now;
    this.scope = options.scope;
    this.onPreview = options.onPreview;
    this.options = options;
    this.signal = options.signal
      ? AbortSignal.any([options.signal, this.lifetime.signal])
      : this.lifetime.signal;
  }

  load(options: { signal?: AbortSignal } = {}): Promise<LoadResult> {
    if (this.signal.aborted)
      return Promise.reject(new FeedAbortError({ url: this.url, reason: this.signal.reason }));
    const last = this.current;
    if (last) {
      const now = this.now();
      const ageMs = Math.max(0, now - last.fetchedAt.getTime());
      const failed = this.lastFallback || last.partErrors.length > 0 || last.staleParts.length > 0;
      const stale = failed || ageMs > this.maxAge;
      if (!stale) return Promise.resolve({ ...last, ageMs, stale: last.stale });
      // After a failure, ask the server again now rather than serve the last copy for `maxAge`.
      const due =
        failed || this.lastNetworkAttempt === undefined || now - this.lastNetworkAttempt > this.maxAge;
      const revalidated = due ? this.revalidate() : undefined;
      return Promise.resolve({
        ...last,
        ageMs,
        stale: last.stale || ageMs > this.maxAge,
        ...(revalidated ? { revalidated } : {}),
      });
    }
    if (!this.loadOp || this.loadOp.settled || this.loadOp.aborted) {
      const op = new SharedLoad((signal) => this.firstLoad(signal), this.signal);
      op.promise.catch(() => undefined);
      this.loadOp = op;
    }
    return this.loadOp.join(options.signal);
  }

  refresh(options: { signal?: AbortSignal } = {}): Promise<LoadResult> {
    if (this.signal.aborted)
      return Promise.reject(new FeedAbortError({ url: this.url, reason: this.signal.reason }));
    return this.network()
      .join(options.signal)
      .then((a) => a.result);
  }

  subscribe(listener: (result: LoadResult) => void, onError?: (error: EssaimError) => void): () => void {
    const entry = { onResult: listener, onError };
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  dispose(): void {
    this.lifetime.abort(new FeedAbortError({ url: this.url }));
    this.listeners.clear();
    this.watchOnline(false);
  }

  /** No result in memory yet: from the cache when it has the manifest, else from the network. */
  private async firstLoad(signal: AbortSignal): Promise<LoadResult> {
    const seq = ++this.sequence;
    const cached = this.url === undefined ? undefined : await this.cacheGet(this.url);
    let fromCache = this.url === undefined || cached !== undefined;
    if (cached && this.url) {
      try {
        checkManifestShape(cached.body, this.url);
      } catch {
        // Written by an older or broken version: forget it and ask the server.
        await withTimeout(this.cache.delete(this.url), CACHE_OP_TIMEOUT, undefined);
        fromCache = false;
      }
    }
    if (!fromCache) this.lastNetworkAttempt = this.now();
    const assembled = await this.assemble(fromCache ? 'cache-first' : 'network', signal);
    const { result } = assembled;
    this.apply(assembled, seq);
    const revalidate = fromCache && result.stale && !result.error;
    return revalidate ? { ...result, revalidated: this.revalidate() } : result;
  }

  /** The shared network load (background revalidation and refresh join the same one). */
  private network(): SharedLoad<Assembled> {
    if (!this.networkOp || this.networkOp.settled || this.networkOp.aborted) {
      this.lastNetworkAttempt = this.now();
      const seq = ++this.sequence;
      const op = new SharedLoad(async (signal) => {
        const assembled = await this.assemble('network', signal);
        if (!assembled.manifestFallback) this.apply(assembled, seq);
        else {
          // Still the same files as shown: keep the same Feed object (no new index for a failed retry).
          if (this.current && this.signature === assembled.signature)
            assembled.result = { ...assembled.result, feed: this.current.feed };
          this.lastFallback = true;
          this.watchOnline(true);
        }
        return assembled;
      }, this.signal);
      op.promise.catch(() => undefined);
      this.networkOp = op;
    }
    return this.networkOp;
  }

  /** Background revalidation: resolves with the fresh result, or undefined (and tells `onError`) on failure. */
  private revalidate(): Promise<LoadResult | undefined> {
    return this.network()
      .join()
      .then(
        (a) => {
          if (a.manifestFallback) {
            if (a.result.error) this.emitError(a.result.error);
            return undefined;
          }
          return a.result;
        },
        (error: unknown) => {
          this.emitError(toFeedError(error, this.url ?? '', this.http.timeout));
          return undefined;
        },
      );
  }

  private apply(assembled: Assembled, seq: number): void {
    if (seq < this.applied) return;
    this.applied = seq;
    let { result } = assembled;
    // Nothing changed on the server: keep the same Feed object (cheap for widgets to compare).
    if (this.current && this.signature === assembled.signature)
      result = { ...result, feed: this.current.feed };
    assembled.result = result;
    this.signature = assembled.signature;
    const { revalidated: _, ...stored } = result;
    this.current = stored;
    this.lastFallback = result.error !== undefined;
    this.watchOnline(this.lastFallback);
    for (const l of [...this.listeners]) {
      try {
        l.onResult(result);
      } catch (error) {
        console.error(error);
      }
    }
  }

  private emitError(error: EssaimError): void {
    for (const l of [...this.listeners]) {
      try {
        l.onError?.(error);
      } catch (e) {
        console.error(e);
      }
    }
  }

  /** After a network failure, revalidate when the browser says it is back online. */
  private watchOnline(on: boolean): void {
    const target = globalThis as {
      addEventListener?: (t: string, l: () => void) => void;
      removeEventListener?: (t: string, l: () => void) => void;
    };
    if (typeof target.addEventListener !== 'function') return;
    if (on && !this.onlineListener && !this.signal.aborted) {
      this.onlineListener = () => {
        void this.revalidate();
      };
      target.addEventListener('online', this.onlineListener);
    } else if (!on && this.onlineListener) {
      target.removeEventListener?.('online', this.onlineListener);
      this.onlineListener = undefined;
    }
  }

  private cacheGet(key: string): Promise<CacheEntry | undefined> {
    return withTimeout(this.cache.get(key), CACHE_OP_TIMEOUT, undefined);
  }

  private cacheSet(key: string, entry: CacheEntry): Promise<void> {
    return withTimeout(this.cache.set(key, entry), CACHE_OP_TIMEOUT, undefined);
  }

  /**
   * One file: from the cache in 'cache-first' mode when it is there, else from the server (conditional
   * when cached). `check` rejects a body before it is cached (and a cached copy that fails it is dropped). A network failure falls back to the cached
   * copy of any age; an abort never does.
   */
  private async resource(
    url: string,
    mode: 'cache-first' | 'network',
    signal: AbortSignal,
    check?: (body: unknown, text: string | undefined) => unknown,
    deferWrite = false,
  ): Promise<Resource> {
    let cached = await raceAbort(this.cacheGet(url), signal, url);
    if (cached && check) {
      // A copy written before the checks existed (or by a broken version) is no good copy: ask the server.
      try {
        await check(cached.body, undefined);
      } catch {
        cached = undefined;
        await withTimeout(this.cache.delete(url), CACHE_OP_TIMEOUT, undefined);
      }
    }
    const tokenOf = (e: CacheEntry) => e.etag ?? e.lastModified ?? `@${e.storedAt}`;
    if (mode === 'cache-first' && cached) {
      return { body: cached.body, storedAt: cached.storedAt, fromNetwork: false, token: tokenOf(cached) };
    }
    try {
      const response = await getJson(url, this.http, {
        signal,
        etag: cached?.etag,
        lastModified: cached?.lastModified,
      });
      const storedAt = this.now();
      if (response.status === 304) {
        if (!cached) throw new FeedHttpError(304, { url, statusText: 'Not Modified' });
        const entry: CacheEntry = {
          body: cached.body,
          etag: response.etag ?? cached.etag,
          lastModified: response.lastModified ?? cached.lastModified,
          storedAt,
        };
        await this.cacheSet(url, entry);
        return { body: cached.body, storedAt, fromNetwork: true, token: tokenOf(entry) };
      }
      await check?.(response.body, response.text);
      const entry: CacheEntry = {
        body: response.body,
        etag: response.etag,
        lastModified: response.lastModified,
        storedAt,
      };
      const commit = () => this.cacheSet(url, entry);
      if (!deferWrite) await commit();
      return {
        body: response.body,
        storedAt,
        fromNetwork: true,
        token: response.etag ?? response.lastModified ?? `@${storedAt}#${Math.random()}`,
        hadCopy: cached !== undefined,
        ...(deferWrite ? { commit } : {}),
      };
    } catch (e) {
      const error = toFeedError(e, url, this.http.timeout, signal);
      if (error instanceof FeedAbortError || !cached) throw error;
      return {
        body: cached.body,
        storedAt: cached.storedAt,
        fromNetwork: false,
        token: tokenOf(cached),
        fallback: error,
      };
    }
  }

  private plan(manifest: FeedManifest, base: string | undefined): PlannedPart[] {
    const resolve = (
      url: string,
      part: PlannedPart['part'],
      path: string,
    ): { url: string } | { invalid: EssaimError; url: string } => {
      try {
        return { url: new URL(url, base).href };
      } catch {
        const message = {
          fr: `URL de partie invalide, ou relative sans adresse de base (option baseUrl) : « ${url} »`,
          en: `Invalid part URL, or relative without a base (baseUrl option): "${url}"`,
        };
        return {
          url,
          invalid: new FeedFormatError('not-a-manifest', {
            url,
            issues: [{ path: `parts.${part}${path}`, code: 'invalid_url', message }],
          }),
        };
      }
    };
    const planned: PlannedPart[] = [];
    for (const part of LIST_PARTS) {
      const value = manifest.parts[part];
      if (value === undefined) continue;
      if (Array.isArray(value)) planned.push({ part, inline: value });
      else if ('shards' in value) {
        value.shards.forEach((shard, i) => {
          const target = resolve(shard.url, part, `.shards.${i}.url`);
          const info: ShardInfo = { part, shardBy: value.shardBy, key: shard.key, url: target.url };
          if (inScope(this.scope, info))
            planned.push({
              part,
              shardBy: value.shardBy,
              shard: shard.key,
              count: shard.count,
              sha256: shard.sha256,
              ...target,
            });
        });
      } else
        planned.push({ part, count: value.count, sha256: value.sha256, ...resolve(value.url, part, '.url') });
    }
    const taxonomy = manifest.parts.taxonomy;
    if (taxonomy !== undefined) {
      if ('url' in taxonomy)
        planned.push({
          part: 'taxonomy',
          count: taxonomy.count,
          sha256: taxonomy.sha256,
          ...resolve(taxonomy.url, 'taxonomy', '.url'),
        });
      else planned.push({ part: 'taxonomy', inline: taxonomy });
    }
    return planned;
  }

  /**
   * One load: the manifest, the parts in scope, the preview (first load only), then the validation.
   * A new manifest is cached only once wholly valid; when it is not, the cached copy is served instead
   * (stale, with the error), as after a network failure.
   */
  private async assemble(
    mode: 'cache-first' | 'network',
    signal: AbortSignal,
    fallback?: EssaimError,
  ): Promise<Assembled> {
    let manifest: FeedManifest;
    let manifestResource: Resource | undefined;
    if (this.url === undefined) {
      if (this.inlineError || !this.inline) {
        if (this.inlineError instanceof FeedFormatError) await checkManifest(this.options.feed, undefined);
        throw this.inlineError;
      }
      manifest = this.inline;
    } else {
      const url = this.url;
      manifestResource = await this.resource(url, mode, signal, (body) => checkManifest(body, url), true);
      manifest = checkManifestShape(manifestResource.body, url);
      if (fallback) manifestResource = { ...manifestResource, fallback };
    }

    const planned = this.plan(manifest, this.url ?? this.base);
    const settled = await raceAbort(
      Promise.all(
        planned.map(async (p) => {
          if ('inline' in p) return { p, body: p.inline };
          if ('invalid' in p) return { p, error: p.invalid };
          try {
            const check = (body: unknown, text: string | undefined) => checkPart(p, body, text, p.url);
            return { p, resource: await this.resource(p.url, mode, signal, check) };
          } catch (e) {
            return { p, error: toFeedError(e, p.url, this.http.timeout, signal) };
          }
        }),
      ),
      signal,
      this.url,
    );
    if (signal.aborted) throw new FeedAbortError({ url: this.url, reason: signal.reason });

    const raw: RawParts = {};
    const partErrors: PartError[] = [];
    const staleParts: PartError[] = [];
    const used: Resource[] = manifestResource ? [manifestResource] : [];
    const tokens: string[] = [manifestResource ? `${this.url}=${manifestResource.token}` : 'inline'];
    for (const item of settled) {
      const { p } = item;
      if ('error' in item && item.error) {
        if (item.error instanceof FeedAbortError) throw item.error;
        partErrors.push({
          part: p.part,
          ...(p.shard ? { shard: p.shard } : {}),
          url: 'url' in p ? p.url : '',
          error: item.error,
          messages: partMessages(p, item.error),
        });
        tokens.push(`${'url' in p ? p.url : p.part}=!`);
        continue;
      }
      let body: unknown;
      if ('resource' in item && item.resource) {
        used.push(item.resource);
        const fallback = item.resource.fallback;
        if (fallback)
          staleParts.push({
            part: p.part,
            ...(p.shard ? { shard: p.shard } : {}),
            url: 'url' in p ? p.url : '',
            error: fallback,
            messages: partMessages(p, fallback),
          });
        tokens.push(`${'url' in p ? p.url : p.part}=${item.resource.token}`);
        body = item.resource.body;
      } else body = 'body' in item ? item.body : undefined;
      if (p.part === 'taxonomy') raw.taxonomy = body;
      else if (p.shard !== undefined) {
        if (!Array.isArray(body)) {
          const error = new FeedFormatError('not-an-array', { url: 'url' in p ? p.url : undefined });
          partErrors.push({
            part: p.part,
            shard: p.shard,
            url: 'url' in p ? p.url : '',
            error,
            messages: partMessages(p, error),
          });
          continue;
        }
        const list = (raw[p.part] ??= []) as unknown[];
        for (const record of body) list.push(record);
      } else raw[p.part] = body;
    }
    // A sharded part with no shard in scope is present and empty.
    for (const part of LIST_PARTS) {
      const value = manifest.parts[part];
      if (value !== undefined && !Array.isArray(value) && 'shards' in value && raw[part] === undefined)
        raw[part] = [];
    }

    const now = this.now();
    const fetchedAt = used.length > 0 ? Math.min(...used.map((r) => r.storedAt)) : now;
    const failed = used.find((r) => r.fallback)?.fallback;
    const ageMs = Math.max(0, now - fetchedAt);
    const source: LoadResult['source'] =
      this.url === undefined ? 'inline' : manifestResource?.fromNetwork ? 'network' : 'cache';

    const preview = this.onPreview;
    if (preview && this.current === undefined) {
      this.onPreview = undefined;
      try {
        preview({ feed: previewFeed(manifest, raw), source, fetchedAt: new Date(fetchedAt) });
      } catch (error) {
        console.error(error);
      }
      // Let the page draw the preview before the validation is fetched and compiled.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }

    const { assembleFeed } = await validation();
    try {
      manifest = await validateWholeManifest(manifest, this.url);
    } catch (error) {
      if (!(error instanceof FeedFormatError) || !manifestResource) throw error;
      if (manifestResource.commit && manifestResource.hadCopy)
        return this.assemble('cache-first', signal, error);
      if (!manifestResource.fromNetwork && this.url !== undefined) {
        // A cached copy written by an older or broken version: forget it and ask the server.
        await withTimeout(this.cache.delete(this.url), CACHE_OP_TIMEOUT, undefined);
        return this.assemble('network', signal, fallback);
      }
      throw error;
    }
    await manifestResource?.commit?.();
    const result: LoadResult = {
      feed: assembleFeed(manifest, raw),
      source,
      stale: failed !== undefined || ageMs > this.maxAge,
      fetchedAt: new Date(fetchedAt),
      ageMs,
      partErrors,
      staleParts,
      ...(failed ? { error: failed } : {}),
    };
    return {
      result,
      signature: tokens.sort().join('\n'),
      manifestFallback: manifestResource?.fallback !== undefined,
    };
  }
}

/**
 * Creates a feed client.
 *
 * ```ts
 * const client = createClient({ feed: 'https://example.org/essaim/feed.json', scope: { departements: ['93'] } });
 * const { feed, stale, fetchedAt, revalidated } = await client.load();
 * client.subscribe((fresh) => render(fresh.feed));
 * ```
 */
export function createClient(options: ClientOptions): FeedClient {
  return new Client(options);
}
