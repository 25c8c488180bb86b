/**
 * The operations of `cacheStorageCache` (cache.ts) on an opened Cache Storage cache, loaded when it is
 * first used.
 *
 * @module
 */
import type { CacheEntry, FeedCache } from './cache.ts';

/** Cache Storage wants http(s) request URLs: every key becomes one under a reserved host. */
const cacheStorageUrl = (key: string) => `https://essaim.invalid/feed-cache/${encodeURIComponent(key)}`;

export function cacheStorageOps(cache: Cache, isEntry: (value: unknown) => value is CacheEntry): FeedCache {
  return {
    async get(key) {
      const response = await cache.match(cacheStorageUrl(key));
      if (!response) return undefined;
      const value: unknown = await response.json();
      return isEntry(value) ? value : undefined;
    },
    async set(key, entry) {
      const response = new Response(JSON.stringify(entry), {
        headers: { 'content-type': 'application/json' },
      });
      await cache.put(cacheStorageUrl(key), response);
    },
    async delete(key) {
      await cache.delete(cacheStorageUrl(key));
    },
  };
}
