/**
 * The feed client: loads a feed (a manifest URL, or an inline manifest), its parts and the shards in
 * scope, in parallel; hands out a preview of the records at once (`onPreview`), then validates everything
 * (the validation — zod and the schemas — is loaded on first use, after the files); keeps the last good copy of every file in a cache and
 * serves it stale-while-revalidate, so a page shows a feed at once, offline too, and hears when fresher
 * data arrives. Same code in Node ≥ 20 and browsers; no DOM needed.
 */
import {
  EssaimError,
  FeedAbortError,
  FeedFormatError,
  FeedHttpError,
  FeedNetworkError,
  FeedTimeoutError,
} from '../errors.ts';
import { checkManifestShape, previewFeed } from '../preview.ts';
import type { FeedManifest } from '../schema/feed.ts';
import { defaultCache, memoryCache } from './cache.ts';
import { FileLoader, type Resource } from './files.ts';
import { DEFAULT_TIMEOUT, toFeedError } from './http.ts';
import { checkManifest, validateWholeManifest, validation } from './manifest.ts';
import { isObject, loadParts, planParts } from './parts.ts';
import { SharedLoad } from './shared-load.ts';
import type { ClientOptions, FeedClient, LoadResult } from './types.ts';

export type {
  ClientOptions,
  FeedClient,
  FeedPreview,
  FeedScope,
  LoadResult,
  PartError,
  ShardInfo,
} from './types.ts';

const DEFAULT_MAX_AGE = 5 * 60_000;
/**
 * From this many structures (the manifest's counts), the `'auto'` worker option loads in a worker.
 * Measured (`pnpm bench loading`, synthetic feeds, Chromium, two runs): at 10,000 the page path
 * already has a 270–410 ms task and the worker path none over 100 ms, for 0.2–0.3 s more until
 * searchable; smaller feeds (the embedded one has 4,192 structures) load faster on the page.
 */
export const WORKER_FROM = 10_000;

interface Assembled {
  result: LoadResult;
  signature: string;
  /** The manifest itself could not be refreshed: the whole result is the cached one. */
  manifestFallback: boolean;
}

class Client implements FeedClient {
  readonly url: string | undefined;
  current: LoadResult | undefined;

  private readonly inline: FeedManifest | undefined;
  private readonly inlineError: EssaimError | undefined;
  private readonly base: string | undefined;
  private readonly files: FileLoader;
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
    this.now = options.now ?? Date.now;
    this.files = new FileLoader(
      options.cache === false ? memoryCache({ maxEntries: 0 }) : (options.cache ?? defaultCache()),
      {
        fetch: options.fetch,
        timeout: options.timeout === undefined ? DEFAULT_TIMEOUT : options.timeout,
        retry: typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {}),
        conditional: options.conditionalRequests ?? 'auto',
      },
      () => this.now(),
    );
    this.maxAge = options.maxAge ?? DEFAULT_MAX_AGE;
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
    const cached = this.url === undefined ? undefined : await this.files.cacheGet(this.url);
    let fromCache = this.url === undefined || cached !== undefined;
    if (cached && this.url) {
      try {
        checkManifestShape(cached.body, this.url);
      } catch {
        // Written by an older or broken version: forget it and ask the server.
        await this.files.cacheDelete(this.url);
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
          this.emitError(toFeedError(error, this.url ?? '', this.files.http.timeout));
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
    // Not in Node (no global addEventListener).
    const target = globalThis as Partial<EventTarget>;
    if (on && !this.onlineListener && !this.signal.aborted)
      target.addEventListener?.('online', (this.onlineListener = () => void this.revalidate()));
    else if (!on && this.onlineListener) {
      target.removeEventListener?.('online', this.onlineListener);
      this.onlineListener = undefined;
    }
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
      manifestResource = await this.files.resource(
        url,
        mode,
        signal,
        (body) => checkManifest(body, url),
        true,
      );
      manifest = checkManifestShape(manifestResource.body, url);
      if (fallback) manifestResource = { ...manifestResource, fallback };
    }

    const planned = planParts(manifest, this.url ?? this.base, this.scope);
    // A big feed is fetched, parsed, validated and indexed in a worker (worker/remote.ts), when one starts.
    const w = this.options.worker;
    let size = 0;
    for (const p of planned) if (p.part === 'structures') size += p.count ?? 0;
    const remote =
      (w === 'always' || (w !== 'never' && size >= WORKER_FROM)) &&
      (await (
        await import('../worker/remote.ts')
      ).remoteParts(
        // The client (its options, files, URL, lifetime, preview), the load, and the error classes
        // most specific first, as the worker has them (worker/protocol.ts; a worker never meets a
        // FeedUnsupportedVersionError: manifests are checked on the page).
        this as never,
        [planned, mode, manifest, manifestResource],
        signal,
        [FeedAbortError, FeedFormatError, FeedHttpError, FeedNetworkError, FeedTimeoutError, EssaimError],
      ));
    const { raw, partErrors, staleParts, used, tokens } =
      remote || (await loadParts(this.files, planned, mode, signal, manifest, manifestResource, this.url));

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
        preview({
          feed: remote ? await remote.preview() : previewFeed(manifest, raw!),
          source,
          fetchedAt: new Date(fetchedAt),
        });
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
        await this.files.cacheDelete(this.url);
        return this.assemble('network', signal, fallback);
      }
      throw error;
    }
    await manifestResource?.commit?.();
    const result: LoadResult = {
      feed: remote ? await remote.feed(manifest) : assembleFeed(manifest, raw!),
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
