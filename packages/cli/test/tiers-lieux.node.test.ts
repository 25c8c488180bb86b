/**
 * The tiers-lieux of the Mission Coworking (CGET, 2019: data/sources/tiers-lieux-cget-2019, 1,512 real
 * features) imported end to end with the GeoJSON importer and its mapping file
 * (tiers-lieux.mapping.json), and built into a feed in a temporary folder. The defects listed in its
 * SOURCE.txt are each checked: damaged postcodes ("0"), INSEE codes that lost their leading zero ("6088"),
 * arrondissement codes (751xx, 6938x, 132xx), declared commune names that differ from the official ones,
 * "www." web addresses.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Structure } from '@essaim/sdk';
import { expect } from 'chai';
import { buildFeed } from '../src/build/pipeline.ts';
import { loadConfig } from '../src/config.ts';
import { geojsonImporter } from '../src/importers/tabular.ts';
import type { ImportOutcome, PlacesLookup } from '../src/importers/types.ts';
import { collect, context, realPlaces, ROOT } from './helpers/context.ts';

const DIR = resolve(ROOT, 'data/sources/tiers-lieux-cget-2019');
const FILE = join(DIR, 'CGET_TiersLieux_2019.geojson');
const MAPPING = join(DIR, 'tiers-lieux.mapping.json');

type Props = Record<string, string | boolean | null>;
type S = Extract<ImportOutcome, { kind: 'structure' }>;

const features: Array<{ properties: Props; geometry: { coordinates: [number, number] } }> = JSON.parse(
  readFileSync(FILE, 'utf8'),
).features;
const source = {
  id: 'tiers-lieux',
  type: 'geojson',
  name: 'Tiers-lieux (Mission Coworking, CGET 2019)',
  path: FILE,
  licence: { id: 'Licence-Ouverte-2.0', name: 'Licence Ouverte 2.0' },
  attribution: 'CGET (ANCT), Mission Coworking, base des tiers-lieux 2019, Licence Ouverte 2.0',
  options: { mapping: MAPPING },
};

describe('tiers-lieux (CGET 2019): a real GeoJSON file end to end', function () {
  this.timeout(180_000);
  let places: PlacesLookup;
  let outcomes: ImportOutcome[];
  const byLocalId = new Map<string, S>();
  const dirs: string[] = [];

  before(async () => {
    places = await realPlaces();
    outcomes = await collect(geojsonImporter.run(context(source, places, DIR)));
    for (const o of outcomes) if (o.kind === 'structure') byLocalId.set(o.record.provenance[0]!.localId, o);
  });
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const warned = (o: S | undefined, field: string, code: string) =>
    (o?.warnings ?? []).some((w) => w.field === field && w.code === code);

  it('accounts for every feature: one outcome each, accepted or rejected with a reason', () => {
    expect(features).to.have.length(1512);
    expect(outcomes).to.have.length(1512);
    for (const o of outcomes) if (o.kind === 'rejected') expect(o.reasons.length).to.be.greaterThan(0);
    expect(byLocalId.size + outcomes.filter((o) => o.kind === 'rejected').length).to.equal(1512);
  });

  it('reports every damaged postcode "0" with a warning, and never invents one', () => {
    const zero = features.filter((f) => f.properties.CP === '0');
    expect(zero.length).to.equal(133);
    for (const f of zero) {
      const o = byLocalId.get(String(f.properties.ID));
      if (!o) continue;
      expect(o.record.address?.postcode, String(f.properties.ID)).to.equal(undefined);
      expect(warned(o, 'address.postcode', 'postcode-invalid'), String(f.properties.ID)).to.equal(true);
    }
  });

  it('restores the leading zero of 4-digit INSEE codes, with a warning ("6088" → Nice 06088)', () => {
    const four = features.filter((f) => /^\d{4}$/.test(String(f.properties.INSEECOM)));
    expect(four.length).to.equal(77);
    for (const f of four) {
      const o = byLocalId.get(String(f.properties.ID))!;
      expect(warned(o, 'address.cog.commune', 'insee-leading-zero'), String(f.properties.ID)).to.equal(true);
      expect(o.record.address?.cog?.commune?.startsWith('0'), String(f.properties.ID)).to.equal(true);
    }
    const nice = byLocalId.get('122')!.record;
    expect(nice.address).to.deep.include({ commune: 'Nice' });
    expect(nice.address?.cog).to.deep.include({ commune: '06088', departement: '06', region: '93' });
    // "0" as an INSEE code is refused with a warning; the commune is then found from its name.
    const zero = features.filter((f) => f.properties.INSEECOM === '0');
    expect(zero.length).to.equal(157);
    for (const f of zero)
      expect(warned(byLocalId.get(String(f.properties.ID)), 'address.cog', 'insee-invalid')).to.equal(true);
  });

  it('gives arrondissement codes as their commune (Paris 75056, Lyon 69123, Marseille 13055), with a warning', () => {
    const arr = features.filter((f) => /^(?:751\d\d|6938\d|132\d\d)$/.test(String(f.properties.INSEECOM)));
    expect(arr.length).to.be.greaterThan(200);
    for (const f of arr) {
      const o = byLocalId.get(String(f.properties.ID))!;
      const code = String(f.properties.INSEECOM);
      const commune = code.startsWith('75') ? '75056' : code.startsWith('69') ? '69123' : '13055';
      expect(o.record.address?.cog?.commune, code).to.equal(commune);
      expect(warned(o, 'address.cog', 'insee-to-commune'), code).to.equal(true);
    }
  });

  it('shows the official commune name of the INSEE code; the declared name stays in provenance', () => {
    let differing = 0;
    for (const f of features) {
      const o = byLocalId.get(String(f.properties.ID));
      const declared = f.properties.COMINIT;
      const official = o?.record.address?.commune;
      if (!o || typeof declared !== 'string' || !official || declared.trim() === official) continue;
      differing++;
      expect(o.record.provenance[0]!.asWritten?.['address.commune'], String(f.properties.ID)).to.equal(
        declared.trim().replace(/\s+/g, ' '),
      );
      expect(warned(o, 'address.commune', 'commune-official-name'), String(f.properties.ID)).to.equal(true);
    }
    expect(differing).to.be.greaterThan(200);
    // Case and accents: "MONS EN PEVELE" is shown as "Mons-en-Pévèle".
    const mons = features.find((f) => f.properties.COMINIT === 'MONS EN PEVELE')!;
    expect(byLocalId.get(String(mons.properties.ID))!.record.address?.commune).to.equal('Mons-en-Pévèle');
    // A different commune altogether: the INSEE code's wins, the declared "Paris" is kept as written.
    const ouen = features.find(
      (f) => f.properties.COMINIT === 'Paris' && f.properties.NOMCOM === 'Saint-Ouen',
    );
    if (ouen) {
      const r = byLocalId.get(String(ouen.properties.ID))!.record;
      expect(r.address?.commune).to.match(/^Saint-Ouen/);
      expect(r.provenance[0]!.asWritten).to.deep.equal({ 'address.commune': 'Paris' });
    }
  });

  it('turns "www." web addresses into https:// links with a warning; broken ones are dropped with a warning', () => {
    const www = features.filter(
      (f) => typeof f.properties.WEB === 'string' && /^www\./i.test(f.properties.WEB),
    );
    expect(www.length).to.equal(196);
    let fixed = 0;
    for (const f of www) {
      const o = byLocalId.get(String(f.properties.ID))!;
      const site = o.record.contacts?.website;
      if (site) {
        fixed++;
        expect(site, String(f.properties.WEB)).to.match(/^https:\/\/www\./);
        expect(warned(o, 'contacts.website', 'url-scheme-added')).to.equal(true);
      } else expect(warned(o, 'contacts.website', 'url-invalid'), String(f.properties.WEB)).to.equal(true);
    }
    expect(fixed).to.be.greaterThan(180);
    // "www.la-cordee.netla-cordee-opera" (a "/" lost in the source) is not a link.
    expect(byLocalId.get('12')!.record.contacts?.website).to.equal(undefined);
  });

  it('never reads a box number as a postcode ("BP 50028" in the street of a Charleville-Mézières fablab)', () => {
    const r = byLocalId.get('1224')!;
    expect(r.record.address?.postcode).to.equal(undefined);
    expect(r.record.address?.street).to.contain('BP 50028');
    expect(r.record.address?.cog?.commune).to.equal('08105');
  });

  it('builds a feed in a temporary folder: received = accepted + merged + rejected, every id traceable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'essaim-tiers-lieux-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'essaim.config.json'),
      JSON.stringify({
        feed: {
          id: 'tiers-lieux-test',
          title: 'Tiers-lieux 2019 (test)',
          publisher: { name: 'Projet Essaim (test)' },
          licence: { id: 'Licence-Ouverte-2.0', name: 'Licence Ouverte 2.0' },
          attribution: source.attribution,
          updated: '2019-04-27',
        },
        sources: [source],
        taxonomy: resolve(ROOT, 'data/taxonomy/essaim.taxonomy.json'),
        output: 'feed',
      }),
    );
    const { report, outDir } = await buildFeed(await loadConfig(join(dir, 'essaim.config.json')), { places });
    const src = report.sources[0]!;
    expect(src.received).to.equal(1512);
    expect(src.accepted + src.merged + src.rejected).to.equal(1512);
    const structures = JSON.parse(readFileSync(join(outDir, 'structures.json'), 'utf8')) as Structure[];
    const inFeed = new Set(structures.flatMap((s) => s.provenance.map((p) => p.localId)));
    const rejected = outcomes.filter((o) => o.kind === 'rejected').map((o) => o.localId);
    for (const f of features) {
      const id = String(f.properties.ID);
      expect(inFeed.has(id) || rejected.includes(id), id).to.equal(true);
    }
    // Every feature has a Point: all on the map at their own point, none placed approximately.
    expect(report.output.structures!.places).to.deep.equal({ exact: structures.length, commune: 0, none: 0 });
    // No build day and no file date anywhere: the update date is the mapping's explicit default.
    expect(new Set(structures.map((s) => s.updatedAt))).to.deep.equal(new Set(['2019-04-27']));
  });
});
