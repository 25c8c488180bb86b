/**
 * The feed client against a fake fetch (cancellation, cache, parts): scripted responses, recorded requests,
 * controllable delays. Runs in Node (mocha) and in Chromium (web-test-runner). Fixtures: helpers/client.ts.
 */
import { expect } from 'chai';
import {
  type EssaimError,
  FeedAbortError,
  FeedFormatError,
  FeedNetworkError,
  type LoadResult,
  memoryCache,
} from '../src/client/index.ts';
import {
  emmaus,
  goodPlanet,
  manifest,
  BASE,
  FEED,
  MINUTE,
  DAY,
  type Reply,
  sleep,
  FakeServer,
  offline,
  rejection,
  useClients,
} from './helpers/client.ts';

describe('feed client (createClient)', () => {
  const { env, client, standardServer } = useClients();

  describe('cancellation', () => {
    it('rejects quickly with FeedAbortError when aborted mid-request, and cancels the request', async () => {
      const server = new FakeServer().route(FEED, { delay: 5000, json: manifest({}) });
      const controller = new AbortController();
      const start = performance.now();
      const pending = client(server).load({ signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      const error = await rejection(pending);
      expect(performance.now() - start).to.be.below(500);
      expect(error).to.be.instanceOf(FeedAbortError);
      expect((error as Error).name).to.equal('AbortError');
      expect((error as FeedAbortError).code).to.equal('feed-abort');
      await sleep(10);
      expect(server.requests[0]!.aborted).to.equal(true);
      expect(server.count(FEED), 'an abort is not retried').to.equal(1);
    });

    it('does not wait for the backoff when aborted between retries', async () => {
      const server = new FakeServer().route(FEED, { status: 503 });
      const controller = new AbortController();
      const start = performance.now();
      const pending = client(server, { retry: { delay: () => 10_000, jitter: false } }).load({
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 50);
      const error = await rejection(pending);
      expect(performance.now() - start).to.be.below(1000);
      expect(error).to.be.instanceOf(FeedAbortError);
      expect(server.count(FEED)).to.equal(1);
    });

    it('rejects at once with a signal already aborted', async () => {
      const server = standardServer();
      const error = await rejection(client(server).load({ signal: AbortSignal.abort() }));
      expect(error).to.be.instanceOf(FeedAbortError);
    });

    it('one caller aborting does not cancel the load another caller waits for', async () => {
      const server = standardServer();
      const c = client(server);
      const controller = new AbortController();
      const aborted = c.load({ signal: controller.signal });
      const kept = c.load();
      controller.abort();
      expect(await rejection(aborted)).to.be.instanceOf(FeedAbortError);
      expect((await kept).feed.structures).to.have.length(2);
    });
  });

  describe('cache (stale-while-revalidate)', () => {
    it('serves a cached feed younger than maxAge without any request', async () => {
      const cache = memoryCache();
      const server = standardServer();
      await client(server, { cache }).load();
      const before = server.requests.length;
      env.clock += 2 * MINUTE;
      const result = await client(server, { cache }).load();
      expect(server.requests.length).to.equal(before);
      expect(result.source).to.equal('cache');
      expect(result.stale).to.equal(false);
      expect(result.ageMs).to.equal(2 * MINUTE);
      expect(result.revalidated).to.equal(undefined);
      expect(result.feed.structures).to.have.length(2);
    });

    it('after maxAge: serves the cached feed as stale at once, revalidates with If-None-Match, a 304 keeps it', async () => {
      const cache = memoryCache();
      const v1 = { etag: '"v1"' };
      const notModified = (json: unknown) => (request: Request) =>
        request.headers.get('if-none-match') === '"v1"'
          ? { status: 304, headers: v1 }
          : { json, headers: v1 };
      const server = new FakeServer()
        .route(FEED, notModified(manifest({ structures: { url: 'structures.json' } })))
        .route(`${BASE}v1/structures.json`, notModified([emmaus, goodPlanet]));
      const first = await client(server, { cache, maxAge: 5 * MINUTE }).load();
      expect(first.source).to.equal('network');
      expect(server.requests.every((r) => !r.headers.has('if-none-match'))).to.equal(true);

      env.clock += 6 * MINUTE;
      const c = client(server, { cache, maxAge: 5 * MINUTE });
      const updates: LoadResult[] = [];
      const result = await c.load();
      c.subscribe((r) => updates.push(r));
      expect(result.source).to.equal('cache');
      expect(result.stale).to.equal(true);
      expect(result.ageMs).to.equal(6 * MINUTE);
      expect(result.feed.structures).to.have.length(2);
      expect(result.revalidated).to.be.a('promise');

      const fresh = await result.revalidated;
      const conditional = server.requests.slice(2);
      expect(conditional.map((r) => r.headers.get('if-none-match'))).to.deep.equal(['"v1"', '"v1"']);
      expect(fresh?.source).to.equal('network');
      expect(fresh?.stale).to.equal(false);
      expect(fresh?.ageMs).to.equal(0);
      expect(fresh?.fetchedAt.getTime()).to.equal(env.clock);
      expect(fresh?.feed, 'nothing changed: the same Feed object').to.equal(result.feed);
      expect(updates).to.deep.equal([fresh]);
      expect(c.current?.fetchedAt.getTime()).to.equal(env.clock);
      expect((await cache.get(FEED))?.storedAt, '304 refreshes the cached date').to.equal(env.clock);

      // The same client, later again: the 304s keep the feed, the date moves on.
      env.clock += 6 * MINUTE;
      const again = await c.load();
      expect(again.stale).to.equal(true);
      const again2 = await again.revalidated;
      expect(again2?.feed).to.equal(result.feed);
      expect(again2?.fetchedAt.getTime()).to.equal(env.clock);
    });

    it('sends If-Modified-Since from Last-Modified, and takes a changed feed', async () => {
      const cache = memoryCache();
      const lastModified = 'Tue, 11 Jun 2019 08:00:00 GMT';
      const server = new FakeServer().route(FEED, {
        json: manifest({ structures: [emmaus] }),
        headers: { 'last-modified': lastModified },
      });
      const c = client(server, { cache });
      await c.load();
      server.route(FEED, { json: manifest({ structures: [emmaus, goodPlanet] }) });
      const fresh = await c.refresh();
      expect(server.requests[1]!.headers.get('if-modified-since')).to.equal(lastModified);
      expect(fresh.feed.structures).to.have.length(2);
      expect(c.current?.feed.structures).to.have.length(2);
    });

    it('offline with a cached entry of any age: the stale feed and its age, no throw', async () => {
      const cache = memoryCache();
      const server = standardServer();
      await client(server, { cache }).load();

      env.clock += 2 * DAY;
      for (const url of [FEED, `${BASE}v1/parties/structures.json`, `${BASE}commun/services.json`])
        server.route(url, offline());
      const c = client(server, { cache });
      const errors: EssaimError[] = [];
      c.subscribe(
        () => undefined,
        (e) => errors.push(e),
      );
      const result = await c.load();
      expect(result.source).to.equal('cache');
      expect(result.stale).to.equal(true);
      expect(result.ageMs).to.equal(2 * DAY);
      expect(result.fetchedAt.toISOString()).to.equal('2025-11-12T09:00:00.000Z');
      expect(result.feed.structures.map((s) => s.name)).to.deep.equal([
        'Emmaüs Coup de Main - Bagnolet',
        'Fondation GoodPlanet',
      ]);

      expect(await result.revalidated).to.equal(undefined);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.be.instanceOf(FeedNetworkError);

      const refreshed = await c.refresh();
      expect(refreshed.stale).to.equal(true);
      expect(refreshed.source).to.equal('cache');
      expect(refreshed.error).to.be.instanceOf(FeedNetworkError);
      expect(refreshed.feed.structures).to.have.length(2);
    });

    it('a part offline falls back to its own cached copy', async () => {
      const cache = memoryCache();
      const server = standardServer();
      const c = client(server, { cache });
      await c.load();
      env.clock += 10 * MINUTE;
      server.route(`${BASE}commun/services.json`, offline());
      const result = await c.refresh();
      expect(result.source).to.equal('network');
      expect(result.stale).to.equal(true);
      expect(result.error).to.be.instanceOf(FeedNetworkError);
      expect(result.partErrors).to.deep.equal([]);
      expect(result.feed.services).to.have.length(1);
      expect(result.ageMs).to.equal(10 * MINUTE);
    });

    it('keeps the last good feed when the server starts serving an invalid manifest', async () => {
      const cache = memoryCache();
      const server = standardServer();
      const c = client(server, { cache });
      await c.load();
      server.route(FEED, { json: { schemaVersion: '1.0' } });
      const result = await c.refresh();
      expect(result.stale).to.equal(true);
      expect(result.error).to.be.instanceOf(FeedFormatError);
      expect(result.feed.structures).to.have.length(2);
      const kept = (await cache.get(FEED))!;
      expect((kept.body as { id: string }).id).to.equal('essaim-test-idf');
    });

    it('a new manifest with the right shape but an invalid field is not cached: the last good one is served', async () => {
      const cache = memoryCache();
      const server = standardServer();
      const c = client(server, { cache });
      await c.load();
      const good = (await cache.get(FEED))!.body as Record<string, unknown>;
      server.route(FEED, { json: { ...good, title: '' } });
      const result = await c.refresh();
      expect(result.stale).to.equal(true);
      expect(result.error).to.be.instanceOf(FeedFormatError);
      expect((result.error as FeedFormatError).issues.map((i) => i.path)).to.include('title');
      expect(result.feed.structures).to.have.length(2);
      expect(((await cache.get(FEED))!.body as { title: string }).title).to.equal(good.title);
    });

    it('hands out a preview of the records before validating them, on the first load only', async () => {
      const previews: number[] = [];
      const c = client(standardServer(), { onPreview: (p) => previews.push(p.feed.structures.length) });
      const first = await c.load();
      await c.refresh();
      expect(previews).to.deep.equal([first.feed.structures.length]);
    });

    it('in a browser, a feed on another origin is revalidated without CORS-unsafe headers', async function () {
      if (!(globalThis as { location?: Location }).location) this.skip();
      const other = 'https://flux.autre-site.test/feed.json';
      const server = new FakeServer().route(other, {
        json: manifest({ structures: [emmaus] }),
        headers: { etag: '"x"' },
      });
      const c = client(server, { feed: other });
      await c.load();
      await c.refresh();
      expect(server.requests[1]!.headers.has('if-none-match')).to.equal(false);
      expect(server.requests[1]!.cache).to.equal('no-cache');
    });
  });

  describe('parts checked like the manifest (issue 13)', () => {
    const STRUCTURES = `${BASE}v1/structures.json`;
    const sha256 = async (text: string) =>
      Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('');
    /** A feed whose structures part is a file with the count and hash `essaim build` writes. */
    async function checkedServer(body = JSON.stringify([emmaus, goodPlanet])) {
      const parsed = JSON.parse(body) as unknown[];
      return new FakeServer()
        .route(FEED, {
          json: manifest({
            structures: { url: 'structures.json', count: parsed.length, sha256: await sha256(body) },
          }),
        })
        .route(STRUCTURES, { body });
    }

    const bad: Array<[string, Reply, string]> = [
      ['an error document with 200', { json: { error: 'quota exceeded' } }, 'not-an-array'],
      ['an empty array when the manifest promises 2 records', { json: [] }, 'count-mismatch'],
      ['a part cut short (1 of 2 records)', { json: [emmaus] }, 'count-mismatch'],
      [
        'the same count but other bytes (sha256)',
        { body: JSON.stringify([goodPlanet, emmaus]) },
        'sha256-mismatch',
      ],
      ['an HTML page served as 200', { body: '<!doctype html><title>Maintenance</title>' }, 'not-json'],
      ['a truncated body', { body: JSON.stringify([emmaus, goodPlanet]).slice(0, 200) }, 'not-json'],
    ];
    for (const [what, reply, kind] of bad) {
      it(`a part answering ${what} never replaces the good cached copy (${kind})`, async () => {
        const cache = memoryCache();
        const server = await checkedServer();
        const first = await client(server, { cache }).load();
        expect(first.feed.structures).to.have.length(2);

        server.route(STRUCTURES, reply);
        const c = client(server, { cache });
        const result = await c.refresh();
        expect(result.feed.structures, 'the last good copy stays').to.have.length(2);
        expect(result.stale).to.equal(true);
        expect(result.partErrors).to.deep.equal([]);
        expect(result.staleParts.map((p) => p.part)).to.deep.equal(['structures']);
        const error = result.staleParts[0]!.error;
        expect(error).to.be.instanceOf(FeedFormatError);
        expect((error as FeedFormatError).kind).to.equal(kind);
        expect(result.error).to.equal(error);
        expect((await cache.get(STRUCTURES))!.body, 'the cache keeps the good copy').to.have.length(2);

        // A reload of the page within maxAge: the good copy from the cache, never the bad one.
        const reloaded = await client(server, { cache }).load();
        expect(reloaded.source).to.equal('cache');
        expect(reloaded.feed.structures).to.have.length(2);

        // The same page asks again (a retry): still the bad file, still the good copy, still named.
        const retried = await c.load();
        const fresh = await retried.revalidated;
        expect(retried.revalidated, 'asks the server again after an error').to.be.a('promise');
        expect(fresh === undefined || fresh.feed.structures.length === 2).to.equal(true);
        expect(c.current?.feed.structures).to.have.length(2);
      });
    }

    it('a bad part with no good copy is a named part error, not an empty list', async () => {
      const server = await checkedServer();
      server.route(STRUCTURES, { json: { error: 'not found' } });
      const result = await client(server).load();
      expect(result.feed.structures).to.deep.equal([]);
      expect(result.partErrors.map((p) => [p.part, (p.error as FeedFormatError).kind])).to.deep.equal([
        ['structures', 'not-an-array'],
      ]);
      expect(result.partErrors[0]!.messages.fr).to.contain('n’est pas un tableau JSON d’enregistrements');
    });

    it('a partial part is refused with both counts in the message', async () => {
      const server = await checkedServer();
      server.route(STRUCTURES, { json: [emmaus] });
      const result = await client(server).load();
      const error = result.partErrors[0]!.error as FeedFormatError;
      expect([error.expected, error.actual]).to.deep.equal([2, 1]);
      expect(error.messages.fr).to.contain('1 enregistrement(s) au lieu des 2 annoncés');
    });

    it('a bad copy left in the cache by an older version is dropped and fetched again', async () => {
      const cache = memoryCache();
      const server = await checkedServer();
      await client(server, { cache }).load();
      await cache.set(STRUCTURES, { body: { error: 'poisoned' }, storedAt: env.clock });
      const result = await client(server, { cache }).load();
      expect(result.feed.structures).to.have.length(2);
      expect(result.partErrors).to.deep.equal([]);
      expect((await cache.get(STRUCTURES))!.body).to.have.length(2);
    });

    it('after a failure, load() asks the server again instead of serving the copy for maxAge', async () => {
      const cache = memoryCache();
      const server = await checkedServer();
      const c = client(server, { cache, maxAge: 5 * MINUTE });
      await c.load();
      server.route(STRUCTURES, { status: 503 });
      await c.refresh();
      server.route(STRUCTURES, { body: JSON.stringify([emmaus, goodPlanet]) });
      const stale = await c.load();
      expect(stale.stale).to.equal(true);
      const fresh = await stale.revalidated;
      expect(fresh?.staleParts).to.deep.equal([]);
      expect(fresh?.stale).to.equal(false);
    });
  });
});
