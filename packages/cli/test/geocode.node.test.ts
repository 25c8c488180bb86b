/**
 * Optional geocoding by the Base Adresse Nationale's CSV API shape (`POST /search/csv/`), against a local
 * loopback server that speaks that API. The server is a test double: it reads the multipart request as the
 * real API does (`data` file, `columns`, `postcode`, `citycode`) and answers from a small table of
 * fixture results (coordinates, scores and types made up for the test, labelled as such), in the API's
 * response columns (`latitude`, `longitude`, `result_label`, `result_score`, `result_type`,
 * `result_citycode`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Structure } from '@essaim/sdk';
import { expect } from 'chai';
import Papa from 'papaparse';
import { buildFeed } from '../src/build/pipeline.ts';
import { loadConfig } from '../src/config.ts';
import { geocodeOutcomes } from '../src/geocode.ts';
import { csvImporter } from '../src/importers/tabular.ts';
import type { ImportOutcome, PlacesLookup } from '../src/importers/types.ts';
import { collect, context, realPlaces, ROOT } from './helpers/context.ts';

type S = Extract<ImportOutcome, { kind: 'structure' }>;

/** Fixture answers by street (test values, not real BAN results). */
const ANSWERS: Record<string, Record<string, string>> = {
  '9 Rue du Petit Châtelier': {
    latitude: '47.2459',
    longitude: '-1.5056',
    result_label: '9 Rue du Petit Châtelier 44300 Nantes',
    result_score: '0.95',
    result_type: 'housenumber',
    result_citycode: '44109',
  },
  'Rue Inconnue': {
    latitude: '47.2',
    longitude: '-1.55',
    result_label: 'Rue Inconnue 44300 Nantes',
    result_score: '0.31',
    result_type: 'street',
    result_citycode: '44109',
  },
  'Avenue de la République': {
    latitude: '47.28',
    longitude: '-1.52',
    result_label: 'Avenue de la République 44240 La Chapelle-sur-Erdre',
    result_score: '0.88',
    result_type: 'street',
    result_citycode: '44035',
  },
};

interface Received {
  rows: Array<Record<string, string>>;
  columns: string[];
  postcode: string | null;
  citycode: string | null;
}

function banServer(received: Received[]): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (req.method !== 'POST' || req.url !== '/search/csv/') {
        res.writeHead(404).end();
        return;
      }
      const form = await new Response(Buffer.concat(chunks), {
        headers: { 'content-type': String(req.headers['content-type']) },
      }).formData();
      const data = form.get('data') as Blob;
      const rows = Papa.parse<Record<string, string>>(await data.text(), {
        header: true,
        skipEmptyLines: true,
      }).data;
      received.push({
        rows,
        columns: form.getAll('columns').map(String),
        postcode: form.get('postcode') as string | null,
        citycode: form.get('citycode') as string | null,
      });
      const out = rows.map((r) => ({
        ...r,
        ...(ANSWERS[r.adresse ?? ''] ?? { latitude: '', longitude: '', result_score: '' }),
      }));
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(Papa.unparse(out));
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const CSV = [
  'nom,rue,cp,ville,lat,lon',
  'ADE Coworking,9 Rue du Petit Châtelier,44300,Nantes,,',
  'Atelier score bas,Rue Inconnue,44300,Nantes,,',
  'Atelier autre commune,Avenue de la République,44300,Nantes,,',
  'Atelier avec son point,1 Place Royale,44000,Nantes,47.2135,-1.5590',
].join('\n');
const MAPPING = {
  id: { columns: ['nom'] },
  fields: {
    name: 'nom',
    'address.street': 'rue',
    'address.postcode': 'cp',
    'address.commune': 'ville',
    'geo.lat': 'lat',
    'geo.lon': 'lon',
  },
  defaults: { updatedAt: '2019-04-27' },
};

describe('geocoding by the BAN /search/csv/ API (local server; off by default)', function () {
  this.timeout(60_000);
  let places: PlacesLookup;
  let server: Server;
  let url: string;
  const received: Received[] = [];
  const dirs: string[] = [];

  before(async () => {
    places = await realPlaces();
    server = await banServer(received);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/search/csv/`;
  });
  after(() => {
    server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function run(options: { url: string; minScore?: number }): Promise<S[]> {
    const dir = mkdtempSync(join(tmpdir(), 'essaim-geocode-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'f.csv'), CSV);
    const ctx = context(
      { type: 'csv', id: 'f', name: 'F', path: join(dir, 'f.csv'), options: { mapping: MAPPING } },
      places,
    );
    return (await collect(geocodeOutcomes(csvImporter.run(ctx), options))) as S[];
  }
  const codes = (o: S) => (o.warnings ?? []).map((w) => w.code);

  it('sends only the records without a point of their own, with the API’s parameters', async () => {
    received.length = 0;
    await run({ url });
    expect(received).to.have.length(1);
    expect(received[0]!.columns).to.deep.equal(['adresse']);
    expect(received[0]!.postcode).to.equal('postcode');
    expect(received[0]!.citycode).to.equal('citycode');
    expect(received[0]!.rows.map((r) => r.adresse)).to.deep.equal([
      '9 Rue du Petit Châtelier',
      'Rue Inconnue',
      'Avenue de la République',
    ]);
    expect(received[0]!.rows[0]).to.deep.include({ postcode: '44300', citycode: '44109' });
  });

  it('keeps a result with the precision it returns; refuses a low score or another commune, with warnings', async () => {
    const [ade, low, other, own] = await run({ url });
    expect(ade!.record.geo).to.deep.equal({ lat: 47.2459, lon: -1.5056, precision: 'housenumber' });
    expect(codes(ade!)).to.include('geocoded').and.not.include('geo-commune-centre');
    expect(low!.record.geo?.precision).to.equal('commune');
    expect(codes(low!)).to.include('geocode-refused');
    expect(other!.record.geo?.precision).to.equal('commune');
    expect(other!.warnings!.find((w) => w.code === 'geocode-refused')!.en).to.contain(
      'commune 44035 instead of 44109',
    );
    expect(own!.record.geo).to.deep.equal({ lat: 47.2135, lon: -1.559 });
    expect(codes(own!)).to.not.include('geocoded');
  });

  it('an unreachable server leaves the positions as they were, with a warning per record sent', async () => {
    const out = await run({ url: 'http://127.0.0.1:9/search/csv/' });
    expect(out.map((o) => o.record.geo?.precision)).to.deep.equal([
      'commune',
      'commune',
      'commune',
      undefined,
    ]);
    expect(out.filter((o) => codes(o).includes('geocode-failed'))).to.have.length(3);
  });

  it('is used by the build when a source asks for it (option "geocode"), and only then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'essaim-geocode-build-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'f.csv'), CSV);
    const config = (geocode?: unknown) => ({
      feed: {
        id: 'geocode-test',
        title: 'Géocodage (test)',
        publisher: { name: 'Test' },
        licence: { id: 'Licence-Ouverte-2.0', name: 'Licence Ouverte 2.0' },
        attribution: 'Test',
        updated: '2019-04-27',
      },
      sources: [
        {
          id: 'f',
          type: 'csv',
          name: 'F',
          path: 'f.csv',
          licence: { id: 'Licence-Ouverte-2.0', name: 'Licence Ouverte 2.0' },
          attribution: 'Test',
          options: { mapping: MAPPING, ...(geocode ? { geocode } : {}) },
        },
      ],
      taxonomy: resolve(ROOT, 'data/taxonomy/essaim.taxonomy.json'),
      output: 'feed',
    });
    const precisions = async (geocode?: unknown) => {
      writeFileSync(join(dir, 'essaim.config.json'), JSON.stringify(config(geocode)));
      const { outDir, report } = await buildFeed(await loadConfig(join(dir, 'essaim.config.json')), {
        places,
      });
      const list = JSON.parse(readFileSync(join(outDir, 'structures.json'), 'utf8')) as Structure[];
      return { report, byName: Object.fromEntries(list.map((s) => [s.name, s.geo?.precision ?? 'own'])) };
    };
    received.length = 0;
    const off = await precisions();
    expect(received).to.have.length(0);
    expect(off.byName['ADE Coworking']).to.equal('commune');
    expect(off.report.output.structures!.places).to.deep.equal({ exact: 1, commune: 3, none: 0 });
    const on = await precisions({ url });
    expect(received).to.have.length(1);
    expect(on.byName['ADE Coworking']).to.equal('housenumber');
    expect(on.report.output.structures!.places).to.deep.equal({ exact: 2, commune: 2, none: 0 });
  });
});
