/**
 * The feed client against a fake fetch (loading, errors and retries): scripted responses, recorded requests,
 * controllable delays. Runs in Node (mocha) and in Chromium (web-test-runner). Fixtures: helpers/client.ts.
 */
import { expect } from 'chai';
import {
  EssaimError,
  FeedFormatError,
  FeedHttpError,
  FeedNetworkError,
  FeedTimeoutError,
  FeedUnsupportedVersionError,
  memoryCache,
} from '../src/client/index.ts';
import {
  emmaus,
  goodPlanet,
  vmapi,
  invalidStructure,
  taxonomy,
  manifest,
  BASE,
  FEED,
  FakeServer,
  offline,
  rejection,
  useClients,
} from './helpers/client.ts';

describe('feed client (createClient)', () => {
  const { env, client, standardServer } = useClients();

  describe('loading', () => {
    it('loads the manifest, then its parts in parallel, through URLs relative to the manifest', async () => {
      const server = standardServer();
      const result = await client(server).load();
      expect(server.requests.map((r) => r.url)).to.have.members([
        FEED,
        `${BASE}v1/parties/structures.json`,
        `${BASE}commun/services.json`,
        `${BASE}v1/parties/taxonomie.json`,
      ]);
      expect(server.maxInFlight, 'parts fetched in parallel').to.equal(3);
      expect(result.source).to.equal('network');
      expect(result.stale).to.equal(false);
      expect(result.partErrors).to.deep.equal([]);
      expect(result.fetchedAt.getTime()).to.equal(env.clock);
      expect(result.ageMs).to.equal(0);
      expect(result.feed.manifest.id).to.equal('essaim-test-idf');
      expect(result.feed.structures.map((s) => s.name)).to.deep.equal([
        'Emmaüs Coup de Main - Bagnolet',
        'Fondation GoodPlanet',
      ]);
      expect(result.feed.services.map((s) => s.id)).to.deep.equal(['test--collecte-a-domicile']);
      expect(result.feed.taxonomy.concepts.map((c) => c.id)).to.deep.equal(['theme--reemploi']);
      expect(server.requests[0]!.headers.get('accept')).to.equal('application/json');
    });

    it('loads an inline manifest without any request', async () => {
      const server = new FakeServer();
      const c = client(server, { feed: manifest({ structures: [emmaus, goodPlanet], taxonomy }) });
      const result = await c.load();
      expect(server.requests).to.have.length(0);
      expect(result.source).to.equal('inline');
      expect(result.stale).to.equal(false);
      expect(result.feed.structures).to.have.length(2);
      expect(c.url).to.equal(undefined);
    });

    it('loads only the shards in scope, and every shard without a scope', async () => {
      const shards = () =>
        new FakeServer()
          .route(FEED, {
            json: manifest({
              structures: {
                shardBy: 'departement',
                shards: [
                  { key: '75', url: 'departements/75.json' },
                  { key: '93', url: 'departements/93.json' },
                  { key: '94', url: 'departements/94.json' },
                ],
              },
            }),
          })
          .route(`${BASE}v1/departements/75.json`, { json: [goodPlanet] })
          .route(`${BASE}v1/departements/93.json`, { json: [emmaus] })
          .route(`${BASE}v1/departements/94.json`, { json: [vmapi] });

      const scoped = shards();
      const result = await client(scoped, { scope: { departements: ['75', '93'] } }).load();
      expect(scoped.requests).to.have.length(3);
      expect(scoped.count(`${BASE}v1/departements/94.json`)).to.equal(0);
      expect(result.feed.structures.map((s) => s.id)).to.deep.equal([
        'transiscope--3xlJ',
        'transiscope--3zOY',
      ]);

      const one = shards();
      const only93 = await client(one, { scope: (shard) => shard.key === '93' }).load();
      expect(one.requests.map((r) => r.url)).to.deep.equal([FEED, `${BASE}v1/departements/93.json`]);
      expect(only93.feed.structures.map((s) => s.name)).to.deep.equal(['Emmaüs Coup de Main - Bagnolet']);

      const all = shards();
      const whole = await client(all).load();
      expect(all.requests).to.have.length(4);
      expect(whole.feed.structures).to.have.length(3);
    });

    it('keeps the valid records and reports the rejected ones (accepted + rejected = received)', async () => {
      const server = new FakeServer()
        .route(FEED, { json: manifest({ structures: { url: 'structures.json' } }) })
        .route(`${BASE}v1/structures.json`, { json: [emmaus, invalidStructure, goodPlanet] });
      const { feed } = await client(server).load();
      expect(feed.structures.map((s) => s.id)).to.deep.equal(['transiscope--3zOY', 'transiscope--3xlJ']);
      const counts = feed.report.parts.structures!;
      expect(counts).to.deep.equal({ received: 3, accepted: 2, rejected: 1 });
      expect(counts.accepted + counts.rejected).to.equal(counts.received);
      const [rejection] = feed.report.rejections;
      expect(rejection?.id).to.equal('test--fiche-invalide');
      expect(rejection?.index).to.equal(1);
      expect(rejection?.issues.map((i) => i.path)).to.include.members([
        'name',
        'family',
        'provenance',
        'updatedAt',
      ]);
      expect(rejection?.issues.every((i) => i.message.fr && i.message.en)).to.equal(true);
    });

    it('loads the other parts when one fails for good, and reports the failure in both languages', async () => {
      const services = `${BASE}commun/services.json`;
      const server = standardServer().route(services, { status: 500 });
      const result = await client(server).load();
      expect(server.count(services), 'attempts: 1 + 2 retries').to.equal(3);
      expect(result.feed.structures).to.have.length(2);
      expect(result.feed.taxonomy.concepts).to.have.length(1);
      expect(result.feed.services).to.deep.equal([]);
      expect(result.partErrors).to.have.length(1);
      const failure = result.partErrors[0]!;
      expect(failure.part).to.equal('services');
      expect(failure.url).to.equal(services);
      expect(failure.error).to.be.instanceOf(FeedHttpError);
      expect((failure.error as FeedHttpError).status).to.equal(500);
      expect(failure.messages.fr).to.match(
        /^La partie « services » du flux n’a pas pu être chargée : Le serveur qui héberge le flux a un problème \(erreur 500\)/,
      );
      expect(failure.messages.fr).to.contain('Réessayez plus tard.');
      expect(failure.messages.en).to.contain('The server hosting the feed has a problem (HTTP 500)');
    });

    it('reports a failed shard with its key', async () => {
      const server = new FakeServer()
        .route(FEED, {
          json: manifest({
            structures: {
              shardBy: 'departement',
              shards: [
                { key: '75', url: 'departements/75.json' },
                { key: '93', url: 'departements/93.json' },
              ],
            },
          }),
        })
        .route(`${BASE}v1/departements/75.json`, { json: [goodPlanet] })
        .route(`${BASE}v1/departements/93.json`, { status: 404 });
      const result = await client(server).load();
      expect(result.feed.structures.map((s) => s.id)).to.deep.equal(['transiscope--3xlJ']);
      expect(result.partErrors.map((e) => [e.part, e.shard])).to.deep.equal([['structures', '93']]);
      expect(result.partErrors[0]!.messages.fr).to.contain('La partie « structures » (département 93)');
    });

    it('shares one load between concurrent callers', async () => {
      const server = standardServer();
      const c = client(server);
      const [a, b] = await Promise.all([c.load(), c.load()]);
      expect(server.count(FEED)).to.equal(1);
      expect(a.feed).to.equal(b.feed);
    });
  });

  describe('errors and retries', () => {
    it('retries a 503 with backoff, then succeeds', async () => {
      const server = standardServer().route(
        FEED,
        { status: 503 },
        { status: 503 },
        { json: manifest({ structures: [emmaus] }) },
      );
      const result = await client(server).load();
      expect(server.count(FEED)).to.equal(3);
      expect(result.feed.structures).to.have.length(1);
    });

    it('gives up after the retry limit', async () => {
      const server = new FakeServer().route(FEED, { status: 502 });
      const error = await rejection(client(server, { retry: { limit: 4, delay: () => 1 } }).load());
      expect(server.count(FEED)).to.equal(5);
      expect(error).to.be.instanceOf(FeedHttpError);
      expect((error as FeedHttpError).status).to.equal(502);
    });

    it('honours Retry-After (seconds) on 429', async function () {
      this.timeout(5000);
      const server = new FakeServer().route(
        FEED,
        { status: 429, headers: { 'retry-after': '1' } },
        { json: manifest({ structures: [emmaus] }) },
      );
      await client(server, { retry: { delay: () => 1, jitter: false } }).load();
      const [first, second] = server.requests;
      expect(server.requests).to.have.length(2);
      expect(second!.at - first!.at, 'waited the second asked for, not the 1 ms backoff').to.be.at.least(900);
    });

    it('caps a Retry-After date at retry.maxRetryAfter', async () => {
      const inOneHour = new Date(Date.now() + 3600_000).toUTCString();
      const server = new FakeServer().route(
        FEED,
        { status: 503, headers: { 'retry-after': inOneHour } },
        { json: manifest({ structures: [emmaus] }) },
      );
      await client(server, { retry: { maxRetryAfter: 60, delay: () => 1 } }).load();
      const [first, second] = server.requests;
      expect(second!.at - first!.at).to.be.within(40, 1000);
    });

    it('does not retry a 404, and says in French to check the feed URL', async () => {
      const server = new FakeServer().route(FEED, { status: 404 });
      const error = await rejection(client(server).load());
      expect(server.count(FEED)).to.equal(1);
      expect(error).to.be.instanceOf(FeedHttpError).and.instanceOf(EssaimError);
      const e = error as FeedHttpError;
      expect(e.status).to.equal(404);
      expect(e.code).to.equal('feed-http');
      expect(e.url).to.equal(FEED);
      expect(e.messages.fr).to.equal(
        `Flux introuvable (erreur 404) à l’adresse ${FEED}. Vérifiez l’adresse du flux.`,
      );
      expect(e.message).to.equal(`Feed not found (HTTP 404) at ${FEED}. Check the feed URL.`);
      expect(e.hint.en).to.equal('Check the feed URL.');
    });

    it('says what to do for 403 and 5xx', async () => {
      const forbidden = await rejection(client(new FakeServer().route(FEED, { status: 403 })).load());
      expect((forbidden as EssaimError).messages.fr).to.contain('Accès au flux refusé (erreur 403)');
      const down = await rejection(
        client(new FakeServer().route(FEED, { status: 504 }), { retry: 0 }).load(),
      );
      expect((down as EssaimError).messages.fr).to.contain(
        'Le serveur qui héberge le flux a un problème (erreur 504)',
      );
      expect((down as EssaimError).hint.fr).to.equal('Réessayez plus tard.');
    });

    it('times out: FeedTimeoutError, without retrying by default', async () => {
      const server = new FakeServer().route(FEED, { delay: 3000, json: manifest({}) });
      const start = performance.now();
      const error = await rejection(client(server, { timeout: 50 }).load());
      expect(performance.now() - start).to.be.below(1000);
      expect(error).to.be.instanceOf(FeedTimeoutError);
      expect((error as FeedTimeoutError).timeout).to.equal(50);
      expect((error as FeedTimeoutError).messages.fr).to.contain('n’a pas répondu en 50 ms');
      expect(server.count(FEED)).to.equal(1);
      expect(server.requests[0]!.aborted, 'the request was cancelled').to.equal(true);
    });

    it('offline with no cache: retries, then FeedNetworkError that mentions CORS', async () => {
      const server = new FakeServer().route(FEED, offline());
      const error = await rejection(client(server).load());
      expect(server.count(FEED)).to.equal(3);
      expect(error).to.be.instanceOf(FeedNetworkError);
      const e = error as FeedNetworkError;
      expect(e.code).to.equal('feed-network');
      expect(e.messages.fr).to.contain('Vérifiez la connexion ou l’adresse du flux');
      expect(e.messages.fr).to.contain('CORS');
      expect(e.message).to.contain('if the feed is on another site, it must send CORS headers');
    });

    it('rejects a file that is not JSON, or not a manifest, with FeedFormatError, and caches neither', async () => {
      const cache = memoryCache();
      const notJson = await rejection(
        client(new FakeServer().route(FEED, { body: '<!doctype html><p>Oups' }), { cache }).load(),
      );
      expect(notJson).to.be.instanceOf(FeedFormatError);
      expect((notJson as FeedFormatError).messages.fr).to.contain('n’est pas du JSON');

      const notManifest = await rejection(
        client(new FakeServer().route(FEED, { json: { title: 'Pas un manifeste' } }), { cache }).load(),
      );
      expect(notManifest).to.be.instanceOf(FeedFormatError);
      const issues = (notManifest as FeedFormatError).issues;
      expect(issues.map((i) => i.path)).to.include.members([
        'schemaVersion',
        'id',
        'publisher',
        'licence',
        'parts',
      ]);
      expect((notManifest as FeedFormatError).messages.fr).to.contain(
        'n’est pas un manifeste de flux Essaim valide',
      );
      expect(await cache.get(FEED)).to.equal(undefined);
    });

    it('schemaVersion 2.0: FeedUnsupportedVersionError, from a URL or inline, never cached', async () => {
      const cache = memoryCache();
      const v2 = manifest({ structures: [emmaus] }, { schemaVersion: '2.0' });
      const fromUrl = await rejection(client(new FakeServer().route(FEED, { json: v2 }), { cache }).load());
      expect(fromUrl).to.be.instanceOf(FeedUnsupportedVersionError);
      const e = fromUrl as FeedUnsupportedVersionError;
      expect(e.version).to.equal('2.0');
      expect(e.code).to.equal('feed-unsupported-version');
      expect(e.messages.fr).to.contain('Mettez à jour @essaim/sdk.');
      expect(e.message).to.contain('Update @essaim/sdk.');
      expect(await cache.get(FEED)).to.equal(undefined);

      const inline = await rejection(client(new FakeServer(), { feed: v2 }).load());
      expect(inline).to.be.instanceOf(FeedUnsupportedVersionError);
    });
  });
});
