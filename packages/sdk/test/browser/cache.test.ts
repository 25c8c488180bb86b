/**
 * The browser caches of the feed client (IndexedDB, Cache Storage) in a real browser: round trips,
 * persistence across instances (a page reload), graceful fallback, and the offline flow: a page that
 * loaded the feed once still shows it, with its age, when the network is gone.
 * Runs only under web-test-runner (mocha in Node ignores test/browser).
 */
import { expect } from 'chai';
import {
  type CacheEntry,
  cacheStorageCache,
  createClient,
  defaultCache,
  type FeedCache,
  FeedNetworkError,
  indexedDbCache,
} from '../../src/client/index.ts';

const FEED = `${location.origin}/flux-navigateur/feed.json`;
const STRUCTURES = `${location.origin}/flux-navigateur/structures.json`;
const DAY = 24 * 3600_000;

/** Transiscope 3zOY (ODbL), mapped to our Structure schema. */
const emmaus = {
  id: 'transiscope--3zOY',
  name: 'Emmaüs Coup de Main - Bagnolet',
  family: 'association',
  address: {
    street: '161 Avenue Gallieni',
    postcode: '93170',
    commune: 'Bagnolet',
    cog: { commune: '93006', departement: '93', region: '11' },
  },
  geo: { lat: 48.85898, lon: 2.41495 },
  provenance: [
    {
      source: 'transiscope',
      name: 'Transiscope',
      localId: '3zOY',
      url: 'https://presdecheznous.fr/annuaire#/fiche/id/D99',
    },
  ],
  updatedAt: '2019-03-29',
};

const manifest = {
  schemaVersion: '1.0',
  id: 'essaim-test-navigateur',
  title: 'Essaim — flux de test (navigateur)',
  publisher: { name: 'Essaim (tests)' },
  licence: { id: 'ODbL-1.0', name: 'Open Database License 1.0' },
  attribution: 'Données : Transiscope (ODbL)',
  updated: '2019-06-11',
  parts: { structures: { url: 'structures.json' } },
};

/** Online: serves the feed with an ETag. Offline: rejects like a browser without network. */
function fakeFetch(online: () => boolean): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (!online()) throw new TypeError('Failed to fetch');
    const body = request.url === FEED ? manifest : request.url === STRUCTURES ? [emmaus] : undefined;
    if (body === undefined) return new Response('{}', { status: 404 });
    return new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/json', etag: '"1"' },
    });
  };
}

const entry: CacheEntry = {
  body: { records: [emmaus], note: 'données du 12 novembre' },
  etag: '"abc"',
  lastModified: 'Wed, 12 Nov 2025 09:00:00 GMT',
  storedAt: Date.parse('2025-11-12T09:00:00Z'),
};

async function roundTrip(cache: FeedCache): Promise<void> {
  expect(await cache.get('https://exemple.test/absent.json')).to.equal(undefined);
  await cache.set(FEED, entry);
  expect(await cache.get(FEED)).to.deep.equal(entry);
  await cache.set(FEED, { ...entry, storedAt: entry.storedAt + 1 });
  expect((await cache.get(FEED))?.storedAt).to.equal(entry.storedAt + 1);
  await cache.delete(FEED);
  expect(await cache.get(FEED)).to.equal(undefined);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

async function offlineFlow(makeCache: () => FeedCache): Promise<void> {
  let online = true;
  let clock = Date.parse('2025-11-12T09:00:00Z');
  const options = {
    feed: FEED,
    fetch: fakeFetch(() => online),
    now: () => clock,
    retry: { limit: 1, delay: () => 1 },
  };

  const first = createClient({ ...options, cache: makeCache() });
  const loaded = await first.load();
  expect(loaded.source).to.equal('network');
  first.dispose();

  // The page is reloaded two days later, offline: a new client over a new cache instance.
  online = false;
  clock += 2 * DAY;
  const second = createClient({ ...options, cache: makeCache() });
  const errors: unknown[] = [];
  second.subscribe(
    () => undefined,
    (e) => errors.push(e),
  );
  const result = await second.load();
  expect(result.source).to.equal('cache');
  expect(result.stale).to.equal(true);
  expect(result.ageMs).to.equal(2 * DAY);
  expect(result.feed.structures.map((s) => s.name)).to.deep.equal(['Emmaüs Coup de Main - Bagnolet']);
  expect(await result.revalidated).to.equal(undefined);
  expect(errors[0]).to.be.instanceOf(FeedNetworkError);

  // Back online: a refresh revalidates and the date moves on.
  online = true;
  const fresh = await second.refresh();
  expect(fresh.stale).to.equal(false);
  expect(fresh.fetchedAt.getTime()).to.equal(clock);
  second.dispose();
}

describe('browser caches of the feed client', () => {
  describe('indexedDbCache', () => {
    const name = `essaim-test-${Math.random().toString(36).slice(2)}`;
    after(() => deleteDatabase(name));

    it('round-trips entries (structured clone of the parsed JSON)', async () => {
      await roundTrip(indexedDbCache(name));
    });

    it('keeps entries across instances, as across a page reload', async () => {
      await indexedDbCache(name).set(FEED, entry);
      expect(await indexedDbCache(name).get(FEED)).to.deep.equal(entry);
      await indexedDbCache(name).delete(FEED);
    });

    it('falls back to memory when IndexedDB refuses to open', async () => {
      const refusing = {
        open() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      } as unknown as IDBFactory;
      await roundTrip(indexedDbCache(name, { factory: refusing }));
    });

    it('serves the last good feed offline, with its age', async () => {
      await offlineFlow(() => indexedDbCache(name));
    });
  });

  describe('cacheStorageCache', () => {
    const name = `essaim-test-${Math.random().toString(36).slice(2)}`;
    after(() => caches.delete(name));

    it('round-trips entries', async () => {
      await roundTrip(cacheStorageCache(name));
    });

    it('keeps entries across instances', async () => {
      await cacheStorageCache(name).set(FEED, entry);
      expect(await cacheStorageCache(name).get(FEED)).to.deep.equal(entry);
    });

    it('falls back to memory when Cache Storage throws (opaque origin)', async () => {
      const refusing = {
        open: () =>
          Promise.reject(
            new DOMException(
              'An attempt was made to break through the security policy of the user agent.',
              'SecurityError',
            ),
          ),
      } as unknown as CacheStorage;
      await roundTrip(cacheStorageCache(name, { storage: refusing }));
    });

    it('serves the last good feed offline, with its age', async () => {
      await offlineFlow(() => cacheStorageCache(name));
    });
  });

  describe('defaultCache', () => {
    it('is backed by IndexedDB in a browser, and shared', async () => {
      const cache = defaultCache();
      expect(defaultCache()).to.equal(cache);
      const key = `${FEED}?defaut=${Math.random()}`;
      await cache.set(key, entry);
      expect(await indexedDbCache('essaim-feed-cache').get(key)).to.deep.equal(entry);
      await cache.delete(key);
    });
  });
});
