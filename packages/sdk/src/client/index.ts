/** The feed client of @essaim/sdk: loading, caching, errors. */
export {
  createClient,
  type ClientOptions,
  type FeedClient,
  type FeedPreview,
  type FeedScope,
  type LoadResult,
  type PartError,
  type ShardInfo,
} from './client.ts';
export {
  type CacheEntry,
  cacheStorageCache,
  defaultCache,
  type FeedCache,
  indexedDbCache,
  memoryCache,
} from './cache.ts';
export { DEFAULT_WATCH_INTERVAL, watchFeed, type WatchFeedOptions } from './watch.ts';
export { type ConditionalRequests, DEFAULT_RETRY, DEFAULT_TIMEOUT, type RetryOptions } from './http.ts';
export {
  EssaimError,
  type EssaimErrorCode,
  FeedAbortError,
  FeedFormatError,
  FeedHttpError,
  FeedNetworkError,
  FeedTimeoutError,
  FeedUnsupportedVersionError,
  isEssaimError,
  type Messages,
} from '../errors.ts';
