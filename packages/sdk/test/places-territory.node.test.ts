/**
 * Places by département (src/places/territory.ts): the slices of a feed's territory answer like the
 * national data for their places; a name or postcode elsewhere loads the national name index and the
 * slices it points to; a point outside the slices' coverage loads the national data. Expectations come
 * from the national module itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import * as DATA from '../src/places/data/places-data.ts';
import { decodePlaces } from '../src/places/decode.ts';
import * as national from '../src/places/index.ts';
import { cellOf, type PlaceSlice } from '../src/places/slice.ts';
import { _resetPlacesForTests, useTables } from '../src/places/store.ts';
import {
  type PlacesLoaders,
  placesForRecords,
  placesForTerritory,
  territoryOf,
} from '../src/places/territory.ts';

const DIR = join(import.meta.dirname, '../src/places/data');
const labels = (list: readonly { label: string }[]) => list.map((m) => m.label);
const useNational = () => useTables(() => decodePlaces(DATA), true);

function counting(): { loaders: PlacesLoaders; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    loaders: {
      slice: async (d) => {
        calls.push(d);
        return (await import(`../src/places/data/slices/${d}.ts`)).default as PlaceSlice;
      },
      names: async () => {
        calls.push('names');
        return import('../src/places/data/names.ts');
      },
      all: async () => {
        calls.push('all');
        useNational();
        return national;
      },
    },
  };
}

describe('places by département', () => {
  // Expectations from the national data, computed before the slices replace it.
  const queries = ['Montreuil', 'Saint-Denis', 'Aubervilliers', 'pantin', '93100', 'Noisy'];
  let expected: Map<string, string[]>;
  let lyon: string[];
  let marseille: string[];
  before(() => {
    useNational();
    expected = new Map(
      queries.map((q) => [q, labels(national.searchPlaces(q, { departement: '93', limit: 8 }))]),
    );
    lyon = labels(national.searchPlaces('Lyon', { limit: 5 }));
    marseille = labels(national.searchPlaces('13001', { limit: 5 }));
  });
  beforeEach(() => _resetPlacesForTests());
  after(() => useNational());

  it('loads the slice of the territory only, and it answers like the national data for its places', async () => {
    const { loaders, calls } = counting();
    const places = await placesForTerritory(['93'], loaders);
    for (const q of queries)
      expect(labels(await places.searchPlaces(q, { limit: 8 })), q).to.deep.equal(expected.get(q));
    expect(calls).to.deep.equal(['93']);
    expect(places.national).to.equal(false);
  });

  it('a name outside the slices: the national name index, then the slices of the places it names', async () => {
    const { loaders, calls } = counting();
    const places = await placesForTerritory(['93'], loaders);
    expect(labels(await places.searchPlaces('Lyon', { limit: 5 }))[0]).to.equal(lyon[0]);
    expect(calls[0]).to.equal('93');
    expect(calls[1]).to.equal('names');
    expect(calls).to.include('69');
    expect(calls).not.to.include('all');
    // The slice of 93 is still there (with the slices loaded for "Lyon" beside it).
    const again = labels(await places.searchPlaces('Montreuil', { limit: 8 }));
    expect(again[0]).to.equal(expected.get('Montreuil')![0]);
    expect(calls.filter((c) => c !== 'names').length).to.be.below(20);
  });

  it('a postcode outside the slices loads its département directly (no name index)', async () => {
    const { loaders, calls } = counting();
    const places = await placesForTerritory(['93'], loaders);
    expect(labels(await places.searchPlaces('13001', { limit: 5 }))).to.deep.equal(marseille);
    expect(calls).to.deep.equal(['93', '13']);
  });

  it('nearestCommune: from the slice inside its coverage, from the national data elsewhere', async () => {
    useNational();
    const montreuil = national.getCommune('23096')!; // Guéret, in the middle of the Creuse
    const inside = national.nearestCommune(montreuil.lat!, montreuil.lon!)!;
    const lyonCentre = national.getCommune('69123')!;
    const far = national.nearestCommune(lyonCentre.lat!, lyonCentre.lon!)!;
    _resetPlacesForTests();
    const { loaders, calls } = counting();
    const places = await placesForTerritory(['23'], loaders);
    expect((await places.nearestCommune(montreuil.lat!, montreuil.lon!))?.place.code).to.equal(
      inside.place.code,
    );
    expect(calls).to.deep.equal(['23']);
    expect((await places.nearestCommune(lyonCentre.lat!, lyonCentre.lon!))?.place.code).to.equal(
      far.place.code,
    );
    expect(calls).to.deep.equal(['23', 'all']);
    expect(places.national).to.equal(true);
  });

  it('the coverage grid is sound: in a covered cell, the slice’s nearest commune is France’s', async () => {
    // 4,000 points on a regular lattice over metropolitan France and Corsica.
    const points: Array<[number, number]> = [];
    for (let i = 0; i < 4000; i++)
      points.push([41.4 + ((i * 0.6180339) % 1) * 9.6, -4.8 + ((i * 0.7548776) % 1) * 13]);
    useNational();
    const truth = points.map(([la, lo]) => national.nearestCommune(la, lo)?.place.code);
    const slices = new Map<string, PlaceSlice>();
    for (const f of readdirSync(join(DIR, 'slices'))) {
      const s = (await import(`../src/places/data/slices/${f}`)).default as PlaceSlice;
      slices.set(s.d, s);
    }
    let covered = 0;
    let land = 0;
    for (const [k, [la, lo]] of points.entries()) {
      if (truth[k] === undefined) continue; // no commune within 25 km: the sea, abroad
      land++;
      const cell = cellOf(la, lo);
      const owner = [...slices.values()].find((s) => s.cover.includes(cell));
      if (!owner) continue;
      covered++;
      _resetPlacesForTests();
      const { loaders } = counting();
      const places = await placesForTerritory([owner.d], loaders);
      expect((await places.nearestCommune(la, lo))?.place.code, `${la},${lo} in ${owner.d}`).to.equal(
        truth[k],
      );
      expect(places.national).to.equal(false);
    }
    // Most points are covered (what is not: near a département's border, where centres are dense).
    expect(covered).to.be.greaterThan(land * 0.4);
  });

  it('a feed’s records choose the slices; too many départements (or none) mean the national data', async () => {
    let { loaders, calls } = counting();
    await placesForRecords(
      [
        { address: { postcode: '93100' } },
        { address: { cog: { commune: '75111' } } },
        { address: { postcode: '93200' } },
      ],
      12,
      loaders,
    );
    expect(calls.sort()).to.deep.equal(['75', '93']);
    _resetPlacesForTests();
    ({ loaders, calls } = counting());
    const many = Array.from({ length: 13 }, (_, i) => ({
      address: { postcode: `${String(i + 1).padStart(2, '0')}000` },
    }));
    const places = await placesForRecords(many, 12, loaders);
    expect(calls).to.deep.equal(['all']);
    expect(places.national).to.equal(true);
  });

  it('the territory of records: the départements that hold 98 % of them, not a few strays', () => {
    const records = [
      ...Array.from({ length: 60 }, () => ({ address: { postcode: '93100' } })),
      ...Array.from({ length: 40 }, () => ({ address: { cog: { departement: '75' } } })),
      { address: { postcode: '13001' } },
      { address: { postcode: '10115', country: 'DE' } },
      {},
    ];
    expect(territoryOf(records)).to.deep.equal(['93', '75']);
    expect(territoryOf([{}])).to.equal(undefined);
  });

  it('sizes: slices of a few KB gzip, the name index ≤ 200 KB gzip', () => {
    const gz = (f: string) => gzipSync(readFileSync(f), { level: 9 }).length;
    const sizes = readdirSync(join(DIR, 'slices')).map((f) => gz(join(DIR, 'slices', f)));
    sizes.sort((a, b) => a - b);
    expect(sizes[sizes.length >> 1]).to.be.within(3 * 1024, 15 * 1024);
    expect(sizes.at(-1)).to.be.below(20 * 1024);
    expect(gz(join(DIR, 'names.ts'))).to.be.below(200 * 1024);
  });
});
