/**
 * Where the client keeps the last good copy of each file of a feed (manifest, parts, shards), keyed by
 * URL, so a page can show a feed at once and still show it offline. Three implementations: memory
 * (Node, tests), browser Cache Storage and browser IndexedDB. The browser ones fall back to memory when
 * their storage is missing or refuses to open (opaque origins, private modes, insecure contexts): a
 * cache that fails never stops a feed from loading.
 */

/** One cached file: its parsed JSON body and what is needed to revalidate it. */
export interface CacheEntry {
  /** The parsed JSON (or a string). Treated as immutable: never mutate a body you got from a cache. */
  body: unknown;
  /** The response's ETag, sent back as If-None-Match. */
  etag?: string | undefined;
  /** The response's Last-Modified, sent back as If-Modified-Since. */
  lastModified?: string | undefined;
  /** When the body was last known to be current (stored, or confirmed by a 304), in ms since the epoch. */
  storedAt: number;
}

/** A cache of feed files, by URL. Implementations must not throw for a missing key. */
export interface FeedCache {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): Promise<void>;
  delete(key: string): Promise<void>;
}

function isEntry(value: unknown): value is CacheEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    'body' in value &&
    typeof (value as CacheEntry).storedAt === 'number'
  );
}

/** An in-memory cache (the default in Node). Keeps the `maxEntries` most recently used files. */
export function memoryCache(options: { maxEntries?: number } = {}): FeedCache {
  const max = options.maxEntries ?? 200;
  const map = new Map<string, CacheEntry>();
  return {
    async get(key) {
      const entry = map.get(key);
      if (entry) {
        map.delete(key);
        map.set(key, entry);
      }
      return entry;
    },
    async set(key, entry) {
      map.delete(key);
      map.set(key, { ...entry });
      while (map.size > max) {
        const oldest = map.keys().next().value;
        if (oldest === undefined) break;
        map.delete(oldest);
      }
    },
    async delete(key) {
      map.delete(key);
    },
  };
}

/**
 * Wraps a browser storage: every operation goes to `primary` until it throws once, then to `fallback`
 * for the rest of the page's life.
 */
function withFallback<S>(
  open: () => Promise<S | undefined>,
  ops: (storage: S) => FeedCache,
  fallback: FeedCache,
): FeedCache {
  let opened: Promise<FeedCache> | undefined;
  let broken = false;
  const target = (): Promise<FeedCache> =>
    (opened ??= open().then(
      (storage) => (storage === undefined ? fallback : ops(storage)),
      () => fallback,
    ));
  const run = async <T>(op: (c: FeedCache) => Promise<T>): Promise<T> => {
    if (broken) return op(fallback);
    const cache = await target();
    try {
      return await op(cache);
    } catch {
      broken = true;
      return op(fallback);
    }
  };
  return {
    get: (key) => run((c) => c.get(key)),
    set: (key, entry) => run((c) => c.set(key, entry)),
    delete: (key) => run((c) => c.delete(key)),
  };
}

/**
 * A cache in the browser's Cache Storage (`caches`), under the cache `name`. Falls back to `fallback`
 * (memory by default) when `caches` is absent (Node, insecure contexts) or throws (opaque origins).
 * Its code (cache-storage.ts) loads when it is first used: in `defaultCache()`, only when IndexedDB fails.
 */
export function cacheStorageCache(
  name = 'essaim-feed',
  options: { storage?: CacheStorage; fallback?: FeedCache } = {},
): FeedCache {
  const open = async (): Promise<FeedCache | undefined> => {
    const storage = options.storage ?? (globalThis as { caches?: CacheStorage }).caches;
    if (!storage) return undefined;
    const [cache, m] = await Promise.all([storage.open(name), import('./cache-storage.ts')]);
    return m.cacheStorageOps(cache, isEntry);
  };
  return withFallback(open, (ops) => ops, options.fallback ?? memoryCache());
}

const STORE = 'entries';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * A cache in the browser's IndexedDB (database `dbName`, one object store). Falls back to `fallback`
 * (memory by default) when IndexedDB is absent, refuses to open, or does not answer within 3 s.
 */
export function indexedDbCache(
  dbName = 'essaim-feed-cache',
  options: { factory?: IDBFactory; fallback?: FeedCache } = {},
): FeedCache {
  let db: IDBDatabase | undefined;
  const open = () =>
    new Promise<IDBDatabase | undefined>((resolve, reject) => {
      const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
      if (!factory) return resolve(undefined);
      const timer = setTimeout(() => reject(new Error('IndexedDB did not open in time')), 3000);
      const req = factory.open(dbName, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      };
      req.onsuccess = () => {
        clearTimeout(timer);
        db = req.result;
        // Let another tab upgrade the database: this page then uses its fallback.
        db.onversionchange = () => db?.close();
        resolve(db);
      };
      req.onerror = () => {
        clearTimeout(timer);
        reject(req.error);
      };
      req.onblocked = () => {
        clearTimeout(timer);
        reject(new Error('IndexedDB open blocked'));
      };
    });
  return withFallback(
    open,
    (database) => ({
      async get(key) {
        const value: unknown = await request(
          database.transaction(STORE, 'readonly').objectStore(STORE).get(key),
        );
        return isEntry(value) ? value : undefined;
      },
      async set(key, entry) {
        const tx = database.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).put({ ...entry }, key);
        await done(tx);
      },
      async delete(key) {
        const tx = database.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).delete(key);
        await done(tx);
      },
    }),
    options.fallback ?? memoryCache(),
  );
}

let shared: FeedCache | undefined;

/**
 * The best cache this environment has: IndexedDB, else Cache Storage, else memory; each falls back to
 * the next when it fails. One instance per page (or process), shared by every client that uses it.
 */
export function defaultCache(): FeedCache {
  if (shared) return shared;
  const g = globalThis as { indexedDB?: unknown; caches?: unknown };
  const memory = memoryCache();
  const storage = g.caches !== undefined ? cacheStorageCache(undefined, { fallback: memory }) : memory;
  shared = g.indexedDB !== undefined ? indexedDbCache(undefined, { fallback: storage }) : storage;
  return shared;
}
