/**
 * The files a feed is made of, one at a time: from the cache, or from the server with conditional
 * requests, falling back to the cached copy when the network fails (never on abort).
 *
 * @module
 */
import { FeedAbortError, FeedHttpError, type EssaimError } from '../errors.ts';
import type { CacheEntry, FeedCache } from './cache.ts';
import { getJson, type HttpSettings, raceAbort, toFeedError } from './http.ts';

/** A cache operation taking longer than this (ms) counts as a miss (or a write that did not happen). */
const CACHE_OP_TIMEOUT = 3000;

/** One file the feed is made of, as obtained for one load. */
export interface Resource {
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

/** `promise`'s value, or `fallback` when it rejects or takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.catch(() => fallback),
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Reads and writes the feed's files through a cache and the network. */
export class FileLoader {
  constructor(
    readonly cache: FeedCache,
    readonly http: HttpSettings,
    private readonly now: () => number,
  ) {}

  cacheGet(key: string): Promise<CacheEntry | undefined> {
    return withTimeout(this.cache.get(key), CACHE_OP_TIMEOUT, undefined);
  }

  cacheSet(key: string, entry: CacheEntry): Promise<void> {
    return withTimeout(this.cache.set(key, entry), CACHE_OP_TIMEOUT, undefined);
  }

  cacheDelete(key: string): Promise<void> {
    return withTimeout(this.cache.delete(key), CACHE_OP_TIMEOUT, undefined);
  }

  /**
   * One file: from the cache in 'cache-first' mode when it is there, else from the server (conditional
   * when cached). `check` rejects a body before it is cached (and a cached copy that fails it is dropped). A network failure falls back to the cached
   * copy of any age; an abort never does.
   */
  async resource(
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
        await this.cacheDelete(url);
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
}
