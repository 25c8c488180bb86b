/**
 * The feed client tests' shared fixtures: real Transiscope records (data/sources/transiscope-idf, ODbL)
 * mapped to our schema, hand-made invalid ones (they say so in their ids), a fake server, and the clients
 * of one test (a controllable clock, disposed after each test).
 */
import { type ClientOptions, createClient, type FeedClient, memoryCache } from '../../src/client/index.ts';

// ---------------------------------------------------------------------------------------------------
// Fixtures

export const transiscope = (localId: string, url?: string, editUrl?: string) => ({
  source: 'transiscope',
  name: 'Transiscope',
  localId,
  ...(url ? { url } : {}),
  ...(editUrl ? { editUrl } : {}),
});

/** Transiscope 3zOY (Près de chez nous), Bagnolet, Seine-Saint-Denis. */
export const emmaus = {
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
export const goodPlanet = {
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
export const vmapi = {
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
export const invalidStructure = {
  id: 'test--fiche-invalide',
  name: '',
  family: 'club-de-golf',
  provenance: [],
  updatedAt: 'hier',
};

/** Hand-made service of the Emmaüs structure above. */
export const collecte = {
  id: 'test--collecte-a-domicile',
  structureId: 'transiscope--3zOY',
  name: 'Collecte de dons à domicile',
  provenance: [{ source: 'test', localId: 'collecte' }],
  updatedAt: '2019-03-29',
};

export const taxonomy = {
  id: 'essaim-test',
  version: '2025.1',
  concepts: [
    { id: 'theme--reemploi', scheme: 'themes', slug: 'reemploi', label: { fr: 'Réemploi', en: 'Reuse' } },
  ],
};

export const manifest = (parts: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
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
export const ORIGIN =
  (globalThis as { location?: Location }).location?.origin ?? 'https://donnees.essaim.test';
export const BASE = `${ORIGIN}/flux-test/`;
export const FEED = `${BASE}v1/feed.json`;
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

// ---------------------------------------------------------------------------------------------------
// The fake server

export interface Reply {
  status?: number;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  /** Milliseconds before answering (an abort of the request's signal interrupts it). */
  delay?: number;
  /** Reject instead of answering (e.g. `new TypeError('Failed to fetch')` for offline). */
  error?: Error;
}
export type Handler = Reply | ((request: Request) => Reply);

export interface Recorded {
  url: string;
  headers: Headers;
  cache: RequestCache;
  at: number;
  aborted: boolean;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
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

export class FakeServer {
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

export const offline = (): Reply => ({ error: new TypeError('Failed to fetch') });

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

// ---------------------------------------------------------------------------------------------------

/**
 * Registers the hooks of a suite of client tests and returns its helpers: `env.clock` is the clients'
 * `now()` (tests move it forward), every client made by `client()` is disposed after its test.
 */
export function useClients() {
  const env = { clock: 0, clients: [] as FeedClient[] };

  beforeEach(() => {
    env.clock = Date.parse('2025-11-12T09:00:00Z');
    env.clients = [];
  });
  afterEach(() => {
    for (const c of env.clients) c.dispose();
  });

  function client(server: FakeServer, options: Partial<ClientOptions> = {}): FeedClient {
    const c = createClient({
      feed: FEED,
      fetch: server.fetch,
      cache: memoryCache(),
      now: () => env.clock,
      retry: { delay: () => 5, jitter: false },
      ...options,
    });
    env.clients.push(c);
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
  return { env, client, standardServer };
}
