/**
 * The feed client against a fake fetch: scripted responses, recorded requests, controllable delays.
 * Runs in Node (mocha) and in Chromium (web-test-runner). The records are real places from the
 * Transiscope Île-de-France export (data/sources/transiscope-idf, ODbL), mapped to our Structure
 * schema; the invalid ones are hand-made and say so in their ids.
 */
import { expect } from 'chai';
import {
  type ClientOptions,
  createClient,
  EssaimError,
  type FeedClient,
  FeedAbortError,
  FeedFormatError,
  FeedHttpError,
  FeedNetworkError,
  FeedTimeoutError,
  FeedUnsupportedVersionError,
  type LoadResult,
  memoryCache,
} from '../src/client/index.ts';

// ---------------------------------------------------------------------------------------------------
// Fixtures

const transiscope = (localId: string, url?: string, editUrl?: string) => ({
  source: 'transiscope',
  name: 'Transiscope',
  localId,
  ...(url ? { url } : {}),
  ...(editUrl ? { editUrl } : {}),
});

/** Transiscope 3zOY (Près de chez nous), Bagnolet, Seine-Saint-Denis. */
const emmaus = {
  id: 'transiscope--3zOY',
  name: 'Emmaüs Coup de Main - Bagnolet',
  description:
    'Emmaüs Coup de main est un chantier d’insertion: récupération, revalorisation et vente d’objets. Nous venons aussi à domicile pour récupérer les dons',
  family: 'association',
  address: {
    street: '161 Avenue Gallieni',
    postcode: '93170',
    commune: 'Bagnolet',
    cog: { commune: '93006', departement: '93', region: '11' },
  },
  geo: { lat: 48.85898, lon: 2.41495 },
  contacts: { website: 'http://www.emmaus-coupdemain.org/' },
  provenance: [
    transiscope(
      '3zOY',
      'https://presdecheznous.fr/annuaire#/fiche/id/D99',
      'https://presdecheznous.fr/elements/edit/D99',
    ),
  ],
  updatedAt: '2019-03-29',
};

/** Transiscope 3xlJ (Oasis), Paris 16e. */
const goodPlanet = {
  id: 'transiscope--3xlJ',
  name: 'Fondation GoodPlanet',
  family: 'fondation',
  address: {
    postcode: '75116',
    commune: 'Paris',
    cog: { commune: '75056', departement: '75', region: '11' },
  },
  geo: { lat: 48.86464, lon: 2.23754 },
  contacts: { website: 'https://www.goodplanet.org/fr/' },
  provenance: [
    transiscope('3xlJ', 'https://basededonnees-habitatparticipatif-oasis.fr/?FondationGoodplanet'),
  ],
  updatedAt: '2018-04-24',
};

/** Transiscope 3z1U (MES-BDIS), Vitry-sur-Seine, Val-de-Marne (name as published, typo included). */
const vmapi = {
  id: 'transiscope--3z1U',
  name: 'Val de Marne Actif Pour L’Initiative ( (VMAPI)',
  family: 'autre',
  address: {
    postcode: '94400',
    commune: 'Vitry s/Seine',
    cog: { commune: '94081', departement: '94', region: '11' },
  },
  geo: { lat: 48.88549, lon: 2.00501 },
  provenance: [
    transiscope('3z1U', 'http://modulebdis.exemole.fr/bdf/_bdis/fr/corpus_structure/complet-1950.html'),
  ],
  updatedAt: '2019-03-17',
};

/** Hand-made, invalid on purpose: empty name, unknown family, no provenance, bad date. */
const invalidStructure = {
  id: 'test--fiche-invalide',
  name: '',
  family: 'club-de-golf',
  provenance: [],
  updatedAt: 'hier',
};

/** Hand-made service of the Emmaüs structure above. */
const collecte = {
  id: 'test--collecte-a-domicile',
  structureId: 'transiscope--3zOY',
  name: 'Collecte de dons à domicile',
  provenance: [{ source: 'test', localId: 'collecte' }],
  updatedAt: '2019-03-29',
};

const taxonomy = {
  id: 'essaim-test',
  version: '2025.1',
  concepts: [
    { id: 'theme--reemploi', scheme: 'themes', slug: 'reemploi', label: { fr: 'Réemploi', en: 'Reuse' } },
  ],
};

const manifest = (parts: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  schemaVersion: '1.0',
  id: 'essaim-test-idf',
  title: 'Essaim — flux de test Île-de-France',
  publisher: { name: 'Essaim (tests)' },
  licence: {
    id: 'ODbL-1.0',
    name: 'Open Database License 1.0',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
  },
  attribution: 'Données : Transiscope (ODbL)',
  updated: '2019-06-11',
  parts,
  ...extra,
});

/** Same origin as the page in a browser (conditional requests need it), a test host in Node. */
const ORIGIN = (globalThis as { location?: Location }).location?.origin ?? 'https://donnees.essaim.test';
const BASE = `${ORIGIN}/flux-test/`;
const FEED = `${BASE}v1/feed.json`;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// ---------------------------------------------------------------------------------------------------
// The fake server

interface Reply {
  status?: number;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  /** Milliseconds before answering (an abort of the request's signal interrupts it). */
  delay?: number;
  /** Reject instead of answering (e.g. `new TypeError('Failed to fetch')` for offline). */
  error?: Error;
}
type Handler = Reply | ((request: Request) => Reply);

interface Recorded {
  url: string;
  headers: Headers;
  cache: RequestCache;
  at: number;
  aborted: boolean;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

class FakeServer {
  readonly requests: Recorded[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly routes = new Map<string, Handler[]>();

  /** Answers `url` with the handlers in turn; the last one answers every later request. */
  route(url: string, ...handlers: Handler[]): this {
    this.routes.set(url, handlers);
    return this;
  }

  count(url: string): number {
    return this.requests.filter((r) => r.url === url).length;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const record: Recorded = {
      url: request.url,
      headers: request.headers,
      cache: request.cache,
      at: performance.now(),
      aborted: false,
    };
    this.requests.push(record);
    const handlers = this.routes.get(request.url);
    const handler = handlers
      ? handlers.length > 1
        ? handlers.shift()!
        : handlers[0]!
      : { status: 404, json: {} };
    const reply = typeof handler === 'function' ? handler(request) : handler;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await sleep(reply.delay ?? 0, request.signal).catch((reason: unknown) => {
        record.aborted = true;
        throw reason;
      });
      if (reply.error) throw reply.error;
      const status = reply.status ?? 200;
      const body = status === 304 ? null : (reply.body ?? JSON.stringify(reply.json ?? null));
      return new Response(body, {
        status,
        headers: { 'content-type': 'application/json', ...reply.headers },
      });
    } finally {
      this.inFlight--;
    }
  };
}

const offline = (): Reply => ({ error: new TypeError('Failed to fetch') });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

// ---------------------------------------------------------------------------------------------------

describe('feed client (createClient)', () => {
  let clock: number;
  let clients: FeedClient[];

  beforeEach(() => {
    clock = Date.parse('2025-11-12T09:00:00Z');
    clients = [];
  });
  afterEach(() => {
    for (const c of clients) c.dispose();
  });

  function client(server: FakeServer, options: Partial<ClientOptions> = {}): FeedClient {
    const c = createClient({
      feed: FEED,
      fetch: server.fetch,
      cache: memoryCache(),
      now: () => clock,
      retry: { delay: () => 5, jitter: false },
      ...options,
    });
    clients.push(c);
    return c;
  }

  /** A feed with structures, services and taxonomy as files next to (and above) the manifest. */
  function standardServer(headers: Record<string, string> = {}): FakeServer {
    return new FakeServer()
      .route(FEED, {
        json: manifest({
          structures: { url: 'parties/structures.json' },
          services: { url: '../commun/services.json' },
          taxonomy: { url: 'parties/taxonomie.json' },
        }),
        headers,
      })
      .route(`${BASE}v1/parties/structures.json`, { json: [emmaus, goodPlanet], delay: 20, headers })
      .route(`${BASE}commun/services.json`, { json: [collecte], delay: 20, headers })
      .route(`${BASE}v1/parties/taxonomie.json`, { json: taxonomy, delay: 20, headers });
  }

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
      expect(result.fetchedAt.getTime()).to.equal(clock);
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
      clock += 2 * MINUTE;
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

      clock += 6 * MINUTE;
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
      expect(fresh?.fetchedAt.getTime()).to.equal(clock);
      expect(fresh?.feed, 'nothing changed: the same Feed object').to.equal(result.feed);
      expect(updates).to.deep.equal([fresh]);
      expect(c.current?.fetchedAt.getTime()).to.equal(clock);
      expect((await cache.get(FEED))?.storedAt, '304 refreshes the cached date').to.equal(clock);

      // The same client, later again: the 304s keep the feed, the date moves on.
      clock += 6 * MINUTE;
      const again = await c.load();
      expect(again.stale).to.equal(true);
      const again2 = await again.revalidated;
      expect(again2?.feed).to.equal(result.feed);
      expect(again2?.fetchedAt.getTime()).to.equal(clock);
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

      clock += 2 * DAY;
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
      clock += 10 * MINUTE;
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
      await cache.set(STRUCTURES, { body: { error: 'poisoned' }, storedAt: clock });
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
