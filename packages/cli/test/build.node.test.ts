import { expect } from 'chai';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assembleFeed, type FeedManifest, type Structure } from '@essaim/sdk';
import { buildFeed } from '../src/build/pipeline.ts';
import { readJsonRecords } from '../src/build/json-stream.ts';
import { CliError, ExitCode } from '../src/build/errors.ts';
import { ConfigError, loadConfig, parseConfig, type EssaimConfig } from '../src/config.ts';
import type { ImportOutcome, Importer } from '../src/importers/types.ts';
import type { BuildReport } from '../src/report.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A tiny importer for tests: a JSON array where each item is a record, or { reject: "reason" }. */
const fakeImporter: Importer = {
  type: 'fake',
  expects: 'a JSON array of records',
  async *run(ctx) {
    const items = JSON.parse(readFileSync(resolve(ctx.baseDir, ctx.source.path), 'utf8')) as unknown[];
    const part = (ctx.source.options?.part as 'structures' | 'events' | 'services') ?? 'structures';
    const kind = { structures: 'structure', events: 'event', services: 'service' }[part];
    for (const [index, item] of items.entries()) {
      const r = item as { reject?: string; id?: string };
      if (r.reject) {
        yield {
          kind: 'rejected',
          index,
          part,
          localId: r.id,
          reasons: [{ fr: `rejet : ${r.reject}`, en: `reject: ${r.reject}` }],
        };
      } else yield { kind, index, record: item } as ImportOutcome;
    }
  },
};

function s(id: string, name: string, change: Partial<Structure> = {}): Structure {
  const [source, localId] = id.split('--') as [string, string];
  return {
    id,
    name,
    family: 'association',
    provenance: [{ source, localId }],
    updatedAt: '2019-01-01',
    ...change,
  };
}

const lilas = (id: string, lat: number, lon: number, street?: string) =>
  s(id, 'Planète Lilas', {
    geo: { lat, lon },
    address: {
      ...(street ? { street } : {}),
      postcode: '94400',
      commune: 'Vitry-sur-Seine',
      cog: { departement: '94' },
    },
  });

const sourceA: unknown[] = [
  s('a--paris', 'Ressourcerie du 11e', { geo: { lat: 48.858, lon: 2.38 }, address: { postcode: '75011' } }),
  lilas('a--lilas1', 48.77616, 2.38946, '78 rue Lemerle Vetter'),
  lilas('a--lilas2', 48.77609, 2.38903),
  s('a--emmaus', 'Emmaüs Défi', { siret: '41234567800017', address: { postcode: '75019' } }),
  s('a--shop1', 'Biocoop Lilas', { geo: { lat: 48.88, lon: 2.41 }, address: { postcode: '93260' } }),
  s('a--shop2', 'Boulangerie Lilas', { geo: { lat: 48.88, lon: 2.41 }, address: { postcode: '93260' } }),
  s('a--nowhere', 'Association sans adresse'),
  { ...s('a--badgeo', 'Mauvaises coordonnées'), geo: { lat: 95, lon: 2 } },
  { reject: 'pas de nom', id: 'x1' },
  { reject: 'pas de nom', id: 'x2' },
];
const sourceB: unknown[] = [
  lilas('b--lilas', 48.77541, 2.38976, '78 rue Lemerle Vetter'),
  s('b--emmaus', 'EMMAUS DEFI Riquet', {
    siret: '41234567800017',
    geo: { lat: 48.89, lon: 2.37 },
    keywords: ['réemploi'],
  }),
];
const services: unknown[] = [
  {
    id: 'b--svc1',
    structureId: 'a--lilas2',
    name: 'Paniers de légumes',
    provenance: [{ source: 'b', localId: 'svc1' }],
    updatedAt: '2019-01-01',
  },
  {
    id: 'b--svc2',
    structureId: 'a--missing',
    name: 'Service orphelin',
    provenance: [{ source: 'b', localId: 'svc2' }],
    updatedAt: '2019-01-01',
  },
];
const events: unknown[] = [
  {
    id: 'agenda--1',
    title: 'Fête des jardins',
    start: '2026-06-01T10:00:00+02:00',
    organizerIds: ['b--lilas', 'ghost--1'],
    place: { address: { postcode: '94400' } },
    provenance: [{ source: 'agenda', localId: '1' }],
    updatedAt: '2026-05-01',
  },
  {
    id: 'agenda--2',
    title: 'Sans date',
    provenance: [{ source: 'agenda', localId: '2' }],
    updatedAt: '2026-05-01',
  },
];

const licence = {
  id: 'ODbL-1.0',
  name: 'Open Database License 1.0',
  url: 'https://opendatacommons.org/licenses/odbl/1-0/',
};
const source = (id: string, path: string, options?: Record<string, unknown>) => ({
  id,
  type: 'fake',
  path,
  name: `Source ${id}`,
  licence,
  attribution: `© contributeurs ${id}`,
  ...(options ? { options } : {}),
});

function baseConfig(): EssaimConfig {
  return {
    feed: {
      id: 'test-feed',
      title: 'Flux de test',
      publisher: { name: 'Essaim (tests)' },
      licence,
      attribution: '© contributeurs a, b',
      updated: '2026-11-01',
      reportErrorUrl: 'mailto:erreurs@example.org?subject={id}',
    },
    sources: [
      source('a', 'sources/a.json'),
      source('b', 'sources/b.json'),
      source('b-services', 'sources/services.json', { part: 'services' }),
      source('agenda', 'sources/events.json', { part: 'events' }),
    ],
    taxonomy: 'taxonomy.json',
    parcours: ['parcours/absent.json'],
    output: 'feed',
  };
}

function fixture(config: EssaimConfig = baseConfig()): string {
  const dir = mkdtempSync(join(tmpdir(), 'essaim-build-test-'));
  mkdirSync(join(dir, 'sources'));
  writeFileSync(join(dir, 'sources/a.json'), JSON.stringify(sourceA));
  writeFileSync(join(dir, 'sources/b.json'), JSON.stringify(sourceB));
  writeFileSync(join(dir, 'sources/services.json'), JSON.stringify(services));
  writeFileSync(join(dir, 'sources/events.json'), JSON.stringify(events));
  writeFileSync(
    join(dir, 'taxonomy.json'),
    JSON.stringify({
      id: 'test',
      version: '1',
      concepts: [
        { id: 'theme--alimentation', scheme: 'themes', slug: 'alimentation', label: { fr: 'Alimentation' } },
        { id: 'bad', scheme: 'nope', slug: 'x', label: { fr: 'x' } },
      ],
    }),
  );
  writeFileSync(join(dir, 'essaim.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

const importers = { fake: fakeImporter };

async function build(dir: string, change?: (c: EssaimConfig) => void) {
  if (change) {
    const c = JSON.parse(readFileSync(join(dir, 'essaim.config.json'), 'utf8')) as EssaimConfig;
    change(c);
    writeFileSync(join(dir, 'essaim.config.json'), JSON.stringify(c, null, 2));
  }
  return buildFeed(await loadConfig(join(dir, 'essaim.config.json')), { importers });
}

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('essaim build: config', () => {
  it('accepts a complete config and resolves paths against its folder', async () => {
    const dir = fixture();
    dirs.push(dir);
    const loaded = await loadConfig('essaim.config.json', dir);
    expect(loaded.baseDir).to.equal(dir);
    expect(loaded.config.sources).to.have.length(4);
  });

  it('says which field is wrong, in French and English', () => {
    const c = baseConfig() as Record<string, unknown> & EssaimConfig;
    const bad = {
      ...c,
      feed: { ...c.feed, updated: 'hier', licence: { id: 'ODbL-1.0' } },
      sources: [{ ...source('A B', 'x.json'), typo: 1 }, source('b', 'y.json'), source('b', 'z.json')],
      output: undefined,
      shard: { by: 'commune' },
    };
    let error: ConfigError | undefined;
    try {
      parseConfig(bad, '/x/essaim.config.json');
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const paths = error!.issues.map((i) => i.path);
    expect(paths).to.include.members([
      'feed.updated',
      'feed.licence.name',
      'sources.0.id',
      'sources.2.id',
      'output',
      'shard.by',
    ]);
    expect(paths.some((p) => p.startsWith('sources.0'))).to.equal(true);
    expect(error!.messages.fr).to.match(/Configuration invalide \(\/x\/essaim\.config\.json\)/);
    expect(error!.messages.fr).to.match(/sources\.2\.id : identifiant de source en double : « b »/);
    expect(error!.messages.en).to.match(/sources\.0\.id: lowercase letters/);
    expect(error!.messages.en).to.match(/typo/); // unknown keys are reported, not ignored
    expect(error!.exitCode).to.equal(ExitCode.BadInput);
  });

  it('reports a missing config with the path it looked for and where from', async () => {
    const err = await loadConfig('nope/essaim.config.json', '/tmp').catch((e: CliError) => e);
    expect(err).to.be.instanceOf(CliError);
    expect((err as CliError).messages.en).to.equal(
      'File not found: the config file "nope/essaim.config.json" (looked for /tmp/nope/essaim.config.json, relative to /tmp).',
    );
  });

  it('loads a config written in TypeScript', async () => {
    const dir = fixture();
    dirs.push(dir);
    writeFileSync(join(dir, 'essaim.config.ts'), `export default ${JSON.stringify(baseConfig())};\n`);
    const loaded = await loadConfig(join(dir, 'essaim.config.ts'));
    expect(loaded.config.feed.id).to.equal('test-feed');
  });
});

describe('essaim build: the pipeline', () => {
  let dir: string;
  let report: BuildReport;
  let manifest: FeedManifest;
  before(async () => {
    dir = fixture();
    dirs.push(dir);
    ({ report, manifest } = await build(dir));
  });

  it('writes a feed the SDK loads without rejecting anything', () => {
    const out = join(dir, 'feed');
    const read = (f: string) => JSON.parse(readFileSync(join(out, f), 'utf8'));
    const feed = assembleFeed(manifest, {
      structures: read('structures.json'),
      services: read('services.json'),
      events: read('events.json'),
      taxonomy: read('taxonomy.json'),
    });
    expect(feed.report.rejections).to.deep.equal([]);
    expect(feed.report.warnings.map((w) => w.code)).to.deep.equal(['unknown_organizer']); // ghost--1
    expect(feed.structures.map((x) => x.id)).to.deep.equal([
      'a--emmaus',
      'a--lilas1',
      'a--nowhere',
      'a--paris',
      'a--shop1',
      'a--shop2',
    ]);
    expect(feed.services.map((x) => [x.id, x.structureId])).to.deep.equal([['b--svc1', 'a--lilas1']]);
    expect(feed.events[0]!.organizerIds).to.deep.equal(['a--lilas1', 'ghost--1']); // merged id followed
    expect(readdirSync(out).sort()).to.deep.equal([
      '.essaim-build.json',
      'build-report.json',
      'calendars',
      'events.json',
      'manifest.json',
      'merges.csv',
      'services.json',
      'structures.json',
      'taxonomy.json',
    ]);
  });

  it('puts the licence and attribution of every source in the manifest', () => {
    expect(manifest.licence.id).to.equal('ODbL-1.0');
    expect(manifest.sources!.map((x) => [x.id, x.attribution])).to.deep.equal([
      ['a', '© contributeurs a'],
      ['b', '© contributeurs b'],
      ['b-services', '© contributeurs b-services'],
      ['agenda', '© contributeurs agenda'],
    ]);
    expect(manifest.updated).to.equal('2026-11-01');
    expect(manifest.parts.structures).to.deep.include({ url: 'structures.json', count: 6 });
  });

  it('counts: received = accepted + merged + rejected per source, with reasons grouped', () => {
    const [a, b, svc, agenda] = report.sources;
    expect(a).to.deep.include({ received: 10, accepted: 6, merged: 1, rejected: 3 });
    expect(b).to.deep.include({ received: 2, accepted: 0, merged: 2, rejected: 0 });
    expect(svc).to.deep.include({ received: 2, accepted: 1, merged: 0, rejected: 1 });
    expect(agenda).to.deep.include({ received: 2, accepted: 1, merged: 0, rejected: 1 });
    expect(report.totals).to.deep.equal({ received: 16, accepted: 8, merged: 3, rejected: 5 });
    expect(a!.rejections[0]).to.deep.equal({
      reason: { fr: 'rejet : pas de nom', en: 'reject: pas de nom' },
      count: 2,
      examples: [
        { index: 8, localId: 'x1' },
        { index: 9, localId: 'x2' },
      ],
    });
    expect(a!.rejections[1]!.reason.en).to.match(/^geo\.lat: /);
    expect(svc!.rejections[0]!.reason.en).to.equal(
      'This service\'s structure "a--missing" is not in the feed',
    );
    expect(report.taxonomy).to.deep.include({ received: 2, accepted: 1, rejected: 1 });
    expect(report.warnings.map((w) => w.en)).to.deep.equal([
      '1 event(s) name an organiser that is not in the feed (they load without that link).',
      'structure(s): 0 placed at their commune centre (approximate position), 1 without any place (not on the map).',
      'event(s): 0 placed at their commune centre (approximate position), 1 without any place (not on the map).',
      'Parcours parcours/absent.json: no such file, skipped.',
    ]);
    const placed = report.output.structures!.places!;
    expect(placed.exact + placed.commune + placed.none).to.equal(report.output.structures!.count);
    expect(placed.none).to.equal(1);
    expect(report.parcours).to.deep.equal([
      { path: 'parcours/absent.json', missing: true, received: 0, accepted: 0, rejected: 0, rejections: [] },
    ]);
  });

  it('reports each merge: kept id, merged ids, why, with the figures', () => {
    expect(report.merges.map((m) => [m.kept, m.merged])).to.deep.equal([
      ['a--emmaus', ['b--emmaus']],
      ['a--lilas1', ['a--lilas2', 'b--lilas']],
    ]);
    expect(report.merges[0]!.links).to.deep.equal([
      { a: 'a--emmaus', b: 'b--emmaus', rule: 'siret', siret: '41234567800017' },
    ]);
    const lilasLinks = report.merges[1]!.links;
    expect(lilasLinks.map((l) => l.rule)).to.deep.equal(['name-distance', 'name-distance']);
    expect(lilasLinks[0]).to.deep.include({ a: 'a--lilas1', b: 'a--lilas2', name: 'identical' });
    expect(lilasLinks[0]).to.have.property('distanceMeters').closeTo(32.4, 0.5);
  });

  it('merged records keep every provenance and the union of keywords', () => {
    const structures = JSON.parse(readFileSync(join(dir, 'feed/structures.json'), 'utf8')) as Structure[];
    const emmaus = structures.find((x) => x.id === 'a--emmaus')!;
    expect(emmaus.provenance.map((p) => p.source)).to.deep.equal(['a', 'b']);
    expect(emmaus.keywords).to.deep.equal(['réemploi']);
    expect(emmaus.alternateNames).to.deep.equal(['EMMAUS DEFI Riquet']);
    const lilas1 = structures.find((x) => x.id === 'a--lilas1')!;
    expect(lilas1.provenance.map((p) => p.localId)).to.deep.equal(['lilas1', 'lilas2', 'lilas']);
  });

  it('is deterministic: building twice gives the same bytes', async () => {
    const first = readTree(join(dir, 'feed'));
    await build(dir);
    const second = readTree(join(dir, 'feed'));
    for (const f of Object.keys(first)) expect(second[f], f).to.equal(first[f]);
    expect(Object.keys(second)).to.deep.equal(Object.keys(first));
    // Another folder, sources listed in the same order: same bytes again.
    const other = fixture();
    dirs.push(other);
    await build(other);
    const third = readTree(join(other, 'feed'));
    for (const f of Object.keys(first)) expect(third[f], f).to.equal(first[f]);
  });

  it('writes one record per line, sorted by id, keys in schema order', () => {
    const text = readFileSync(join(dir, 'feed/structures.json'), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).to.equal('[');
    expect(lines.at(-2)).to.equal(']');
    expect(Object.keys(JSON.parse(lines[1]!.replace(/,$/, '')))).to.deep.equal([
      'id',
      'name',
      'alternateNames',
      'family',
      'siret',
      'keywords',
      'address',
      'geo',
      'provenance',
      'updatedAt',
    ]);
  });
});

describe('essaim build: sharding by département', () => {
  it('writes one file per département, each holding only its own, with counts that add up', async () => {
    const dir = fixture();
    dirs.push(dir);
    const { manifest, report } = await build(dir, (c) => {
      c.shard = { by: 'departement' };
    });
    const part = manifest.parts.structures as {
      shardBy: string;
      shards: Array<{ key: string; url: string; count: number }>;
    };
    expect(part.shardBy).to.equal('departement');
    expect(part.shards.map((x) => [x.key, x.count])).to.deep.equal([
      ['75', 2],
      ['93', 2],
      ['94', 1],
      ['inconnu', 1],
    ]);
    let total = 0;
    for (const shard of part.shards) {
      const records = JSON.parse(readFileSync(join(dir, 'feed', shard.url), 'utf8')) as Structure[];
      expect(records).to.have.length(shard.count);
      total += records.length;
      for (const r of records) {
        const dep = r.address?.cog?.departement ?? r.address?.postcode?.slice(0, 2) ?? 'inconnu';
        expect(dep, r.id).to.equal(shard.key);
      }
    }
    expect(total).to.equal(report.output.structures!.count);
    expect(report.output.structures!.shards).to.deep.equal({ 75: 2, 93: 2, 94: 1, inconnu: 1 });
    // Services follow their structure's département, events their place's.
    expect(
      (manifest.parts.services as { shards: Array<{ key: string }> }).shards.map((x) => x.key),
    ).to.deep.equal(['94']);
    expect(
      (manifest.parts.events as { shards: Array<{ key: string }> }).shards.map((x) => x.key),
    ).to.deep.equal(['94']);
  });
});

describe('essaim build: errors', () => {
  it('names the importer, the file and what it expected when a file has the wrong shape', async () => {
    const dir = fixture();
    dirs.push(dir);
    writeFileSync(join(dir, 'sources/records.json'), JSON.stringify({ licence: 'x', items: [] }));
    const err = await build(dir, (c) => {
      c.sources = [{ ...source('a', 'sources/records.json'), type: 'essaim' }];
    }).catch((e: CliError) => e);
    expect(err).to.be.instanceOf(CliError);
    expect((err as CliError).exitCode).to.equal(ExitCode.BadInput);
    expect((err as CliError).messages.en).to.match(
      /Source "a": the file .*sources\/records\.json is not of the expected shape\. The "essaim" importer expected records in the Essaim feed shape.*, but found an object/,
    );
  });

  it('names a missing source file and the folder it is relative to', async () => {
    const dir = fixture();
    dirs.push(dir);
    const err = await build(dir, (c) => {
      c.sources[0]!.path = 'sources/absent.json';
    }).catch((e: CliError) => e);
    expect((err as CliError).messages.fr).to.equal(
      `Fichier introuvable : le fichier de la source « a » « sources/absent.json » (cherché en ${join(dir, 'sources/absent.json')}, chemin relatif à ${dir}).`,
    );
  });

  it('suggests the closest importer type for a typo', async () => {
    const dir = fixture();
    dirs.push(dir);
    const err = await build(dir, (c) => {
      c.sources[0]!.type = 'fak';
    }).catch((e: CliError) => e);
    expect((err as CliError).messages.en).to.match(/no importer of type "fak" \(did you mean "fake"\?\)/);
  });

  it('fails loudly when an importer breaks the contract (two outcomes for one record)', async () => {
    const dir = fixture();
    dirs.push(dir);
    const twice: Importer = {
      type: 'fake',
      expects: '',
      async *run() {
        yield { kind: 'rejected', index: 0, part: 'structures', reasons: [] };
        yield { kind: 'rejected', index: 0, part: 'structures', reasons: [] };
      },
    };
    const err = await buildFeed(await loadConfig(join(dir, 'essaim.config.json')), {
      importers: { fake: twice },
    }).catch((e: CliError) => e);
    expect((err as CliError).exitCode).to.equal(ExitCode.Internal);
    expect(existsSync(join(dir, 'feed'))).to.equal(false); // nothing half-written
  });

  it('refuses an output folder that holds the sources', async () => {
    const dir = fixture();
    dirs.push(dir);
    const err = await build(dir, (c) => {
      c.output = '.';
    }).catch((e: CliError) => e);
    expect((err as CliError).messages.en).to.match(/Output folder refused/);
  });
});

describe('essaim build: the built-in "essaim" importer streams JSON Lines', () => {
  it('reads records in the feed shape, one per line, and rejects broken lines', async () => {
    const dir = fixture();
    dirs.push(dir);
    const lines = [JSON.stringify(s('x--1', 'Un')), '{"broken', JSON.stringify(s('x--2', 'Deux'))];
    writeFileSync(join(dir, 'sources/x.jsonl'), `${lines.join('\n')}\n`);
    const { report } = await build(dir, (c) => {
      c.sources = [{ ...source('x', 'sources/x.jsonl'), type: 'essaim' }];
    });
    expect(report.sources[0]).to.deep.include({ received: 3, accepted: 2, merged: 0, rejected: 1 });
    const ids: string[] = [];
    for await (const item of readJsonRecords(join(dir, 'feed/structures.json')))
      ids.push((item.value as Structure).id);
    expect(ids).to.deep.equal(['x--1', 'x--2']);
  });
});

describe('essaim build: the embedded feed (data/essaim.config.json)', function () {
  this.timeout(180_000);
  it('builds from the real files: received = accepted + merged + rejected (4,466 structures, 40 events)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'essaim-embedded-'));
    dirs.push(out);
    const loaded = await loadConfig(join(ROOT, 'data/essaim.config.json'));
    const { report } = await buildFeed(loaded, { outDir: join(out, 'feed') });
    const transiscope = report.sources.find((x) => x.type === 'gogocarto')!;
    const openagenda = report.sources.find((x) => x.type === 'openagenda-export')!;
    expect(transiscope.received).to.equal(4466);
    expect(openagenda.received).to.equal(40);
    for (const x of report.sources) expect(x.received).to.equal(x.accepted + x.merged + x.rejected);
    expect(transiscope.merged).to.be.greaterThan(100); // Transiscope aggregates maps that overlap
    const lilas = report.merges.find(
      (m) => m.kept === 'transiscope--3z0W' || m.merged.includes('transiscope--3z0W'),
    );
    expect(lilas, 'the three Planète Lilas are merged').to.not.equal(undefined);
    expect([lilas!.kept, ...lilas!.merged]).to.include.members([
      'transiscope--3z0W',
      'transiscope--3xXk',
      'transiscope--3utG',
    ]);
  });
});
