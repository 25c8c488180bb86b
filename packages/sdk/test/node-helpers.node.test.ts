/**
 * The SDK's helpers for Node users (issue 17): `toCsv` / `toGeoJson` over the real embedded feed
 * (data/feed: Transiscope structures, ODbL), `watchFeed` on that feed served by a test server with ETags,
 * `createFeedStore({ baseUrl })`, `loadPlaces` from `@essaim/sdk/places`, and the README's recipe to
 * extend the schemas with zod (run as written).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import {
  CSV_COLUMNS,
  createClient,
  createFeedStore,
  type EssaimError,
  type Feed,
  type LoadResult,
  memoryCache,
  type Structure,
  toCsv,
  toGeoJson,
  watchFeed,
} from '../src/index.ts';
import * as places from '../src/places/index.ts';
import { loadPlaces as rootLoadPlaces } from '../src/index.ts';
import { readRepoText } from './helpers/files.ts';
import { repoFetch } from './helpers/repo-fetch.ts';

const MANIFEST = 'http://essaim.test/data/feed/manifest.json';
let feed: Feed;

before(async function () {
  this.timeout(30000);
  ({ feed } = await createClient({ feed: MANIFEST, fetch: repoFetch(), cache: memoryCache() }).load());
});

/** RFC 4180 rows (quotes group a cell). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('toCsv (Node users, one place with the directory export)', () => {
  it('writes every structure of the feed with labels from the taxonomy, one row each', () => {
    const csv = toCsv(feed.structures, { taxonomy: feed.taxonomy });
    expect(csv.startsWith('\ufeff')).to.equal(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).to.deep.equal([...CSV_COLUMNS]);
    expect(rows.length - 1).to.equal(feed.structures.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    for (let i = 0; i < feed.structures.length; i++) {
      const s = feed.structures[i]!;
      const r = rows[i + 1]!;
      expect(r).to.have.length(CSV_COLUMNS.length);
      expect(r[col('id')]).to.equal(s.id);
      expect(r[col('nom')]?.replace(/^'/, '')).to.equal(s.name.replace(/^'/, ''));
    }
    // Labels, not ids, where the taxonomy has them.
    const themed = feed.structures.findIndex((s) => (s.themes ?? []).length > 0);
    expect(themed).to.be.greaterThan(-1);
    const s = feed.structures[themed]!;
    const label = feed.taxonomy.concepts.find((c) => c.id === s.themes![0])?.label.fr;
    expect(label, 'the taxonomy labels the theme').to.be.a('string');
    expect(rows[themed + 1]![col('thematiques')]).to.contain(label!);
    // English labels on request.
    const en = parseCsv(toCsv([s], { taxonomy: feed.taxonomy, lang: 'en' }).slice(1));
    const labelEn = feed.taxonomy.concepts.find((c) => c.id === s.themes![0])?.label.en;
    expect(en[1]![col('thematiques')]).to.contain(labelEn!);
  });

  it('guards every text cell against formulas (a real record made hostile: fixture)', () => {
    const base = feed.structures[0]!;
    const hostile: Structure = {
      ...base,
      id: 'fixture--hostile',
      name: '=HYPERLINK("https://evil.example")',
    };
    const line = toCsv([hostile]).split('\r\n')[1]!;
    expect(line).to.contain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(line).not.to.match(/(^|,)"?=/);
  });

  it('takes search hits and writes their distance', () => {
    const s = feed.structures[0]!;
    const rows = parseCsv(toCsv([{ record: s, distanceKm: 1.23456 }]).slice(1));
    expect(rows[1]![CSV_COLUMNS.indexOf('distance_km')]).to.equal('1.23');
  });
});

describe('toGeoJson (RFC 7946)', () => {
  it('writes a Point per structure with coordinates, longitude first, and counts the others', () => {
    const { collection, skipped, skippedIds } = toGeoJson(feed.structures, { taxonomy: feed.taxonomy });
    const located = feed.structures.filter((s) => s.geo);
    expect(collection.type).to.equal('FeatureCollection');
    expect(collection.features).to.have.length(located.length);
    expect(skipped).to.equal(feed.structures.length - located.length);
    expect(skippedIds).to.deep.equal(feed.structures.filter((s) => !s.geo).map((s) => s.id));
    for (const f of collection.features) {
      const s = located.find((x) => x.id === f.id)!;
      expect(f.geometry).to.deep.equal({ type: 'Point', coordinates: [s.geo!.lon, s.geo!.lat] });
      expect(f.properties.nom).to.equal(s.name);
      expect(f.properties).not.to.have.property('latitude');
    }
    // The embedded feed is in Île-de-France: longitudes about 2°, latitudes about 48–49°.
    const [lon, lat] = collection.features[0]!.geometry.coordinates;
    expect(lon).to.be.within(1, 4);
    expect(lat).to.be.within(48, 50);
  });

  it('counts a structure without coordinates instead of dropping it silently (fixture)', () => {
    const { geo: _, ...rest } = feed.structures.find((s) => s.geo)!;
    const { collection, skipped, skippedIds } = toGeoJson([rest as Structure]);
    expect(collection.features).to.deep.equal([]);
    expect(skipped).to.equal(1);
    expect(skippedIds).to.deep.equal([rest.id]);
  });
});

/**
 * Serves data/feed with ETags and 304s. `publish()` makes a new build on the server: the first
 * structure renamed (a change made by the test, on a real record), the manifest's hash of the structures
 * file updated, new ETags for both.
 */
function etagServer() {
  const log: string[] = [];
  let version = 0;
  let failing = false;
  const structuresText = async () => {
    const body = await readRepoText('data/feed/structures.json');
    if (version === 0) return body;
    const list = JSON.parse(body) as { name: string }[];
    list[0]!.name = `${list[0]!.name} (v${version})`;
    return JSON.stringify(list);
  };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const path = url.pathname.slice(1);
    if (failing) throw new TypeError('Failed to fetch');
    const changes = path.endsWith('manifest.json') || path.endsWith('structures.json');
    const etag = `"${changes ? version : 0}"`;
    const sent = new Headers(input instanceof Request ? input.headers : init?.headers).get('if-none-match');
    if (sent === etag) {
      log.push(`304 ${path}`);
      return new Response(null, { status: 304, headers: { etag } });
    }
    log.push(`200 ${path}`);
    let body: string;
    if (path.endsWith('structures.json')) body = await structuresText();
    else {
      body = await readRepoText(path);
      if (path.endsWith('manifest.json') && version > 0) {
        const m = JSON.parse(body) as { parts: { structures: { sha256: string } } };
        m.parts.structures.sha256 = createHash('sha256')
          .update(await structuresText())
          .digest('hex');
        body = JSON.stringify(m);
      }
    }
    return new Response(body, { headers: { 'content-type': 'application/json', etag } });
  };
  return {
    fetch,
    log,
    publish: () => {
      version++;
    },
    fail: (on: boolean) => {
      failing = on;
    },
  };
}

const until = async (test: () => boolean, ms = 10000) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('watchFeed', () => {
  it('calls back with the first feed, not when the server answers 304, and when a file changed', async function () {
    this.timeout(30000);
    const server = etagServer();
    const changes: LoadResult[] = [];
    const errors: EssaimError[] = [];
    const stop = watchFeed(MANIFEST, {
      fetch: server.fetch,
      retry: 0, // the failure below is reported at once
      interval: 50,
      onChange: (r) => changes.push(r),
      onError: (e) => errors.push(e),
    });
    try {
      await until(() => changes.length === 1);
      expect(changes[0]!.feed.structures.length).to.equal(feed.structures.length);
      // Revalidations with conditional requests: 304s, no callback.
      await until(() => server.log.filter((l) => l.startsWith('304 data/feed/manifest.json')).length >= 2);
      expect(changes).to.have.length(1);
      // A new build on the server.
      server.publish();
      await until(() => changes.length === 2);
      expect(changes[1]!.feed.structures[0]!.name).to.match(/\(v1\)$/);
      expect(changes[1]!.feed).not.to.equal(changes[0]!.feed);
      // A failing network is reported, the last feed stays, no change is announced.
      server.fail(true);
      await until(() => errors.length >= 1);
      expect(errors[0]!.code).to.be.a('string');
      expect(errors[0]!.messages.fr).to.be.a('string');
      expect(changes).to.have.length(2);
      server.fail(false);
    } finally {
      stop();
    }
    // Stopped: no more requests.
    const count = server.log.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(server.log.length).to.equal(count);
  });

  it('stops with an AbortSignal, and refuses an impossible interval', async function () {
    this.timeout(30000);
    const server = etagServer();
    const controller = new AbortController();
    let changes = 0;
    watchFeed(MANIFEST, {
      fetch: server.fetch,
      interval: 20,
      signal: controller.signal,
      onChange: () => changes++,
    });
    await until(() => changes === 1);
    controller.abort();
    const count = server.log.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(server.log.length).to.equal(count);
    expect(() => watchFeed(MANIFEST, { interval: 0, onChange: () => {} })).to.throw(RangeError);
  });
});

describe('createFeedStore({ baseUrl })', () => {
  it('resolves a relative feed URL against baseUrl (Node has no page URL)', async function () {
    this.timeout(30000);
    const log: string[] = [];
    const store = createFeedStore({
      feed: 'manifest.json',
      baseUrl: 'http://essaim.test/data/feed/',
      clientOptions: { fetch: repoFetch(log), cache: memoryCache() },
    });
    const state = await store.load();
    expect(state.status).to.equal('ready');
    expect(store.client.url).to.equal(MANIFEST);
    expect(state.feed!.structures.length).to.equal(feed.structures.length);
    store.dispose();
  });

  it('without it, a relative URL fails with the message that names the option', () => {
    expect(() => createFeedStore({ feed: 'manifest.json' })).to.throw(TypeError, /baseUrl/);
  });
});

describe('@essaim/sdk/places', () => {
  it('has loadPlaces, the same loader as the root entry (a documented alias)', async () => {
    expect(places.loadPlaces).to.equal(rootLoadPlaces);
    expect(places.loadPlacesForRecords).to.be.a('function');
    const m = await places.loadPlaces();
    expect(m.searchPlaces('Vitry-sur-Seine')[0]?.place.code).to.equal('94081');
  });
});

describe('extending the schemas with zod (the README recipe, run as written)', () => {
  it('runs the snippet of packages/sdk/README.md on a real structure', async function () {
    this.timeout(60000);
    const readme = await readRepoText('packages/sdk/README.md');
    const section = readme.slice(readme.indexOf('## Extending the schemas'));
    const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(snippet, 'the README has the recipe').to.be.a('string');
    const record = feed.structures.find((s) => s.geo)!;
    const dir = await mkdtemp(join(fileURLToPath(new URL('.', import.meta.url)), '.tmp-zod-'));
    const file = join(dir, 'snippet.ts');
    const imports = snippet!.match(/^import .*$/gm)!.join('\n');
    const body = snippet!.replace(/^import .*$/gm, '');
    await writeFile(
      file,
      `${imports}\nconst record = ${JSON.stringify(record)};\n${body}\nconsole.log(JSON.stringify({ ok: checked.success, capacity: checked.success ? checked.data.capacity : null, name: checked.success ? checked.data.name : null, wrong: MyStructure.safeParse({ ...record, capacity: -1 }).success }));\n`,
    );
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
      });
      const out = JSON.parse(stdout.trim().split('\n').pop()!);
      expect(out).to.deep.equal({ ok: true, capacity: 40, name: record.name, wrong: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
