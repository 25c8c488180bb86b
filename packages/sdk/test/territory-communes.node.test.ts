// territoryCommunes on the embedded feed (data/feed): the counts per commune recomputed here with a plain
// loop over the raw JSON, and the centres checked against La Poste's file in data/sources/communes
// (the places data is encoded from another copy of it: the centre must be one of that commune's rows).
import { expect } from 'chai';
import { assembleFeed, type Feed } from '../src/feed.ts';
import * as places from '../src/places/index.ts';
import type { FeedManifest } from '../src/schema/feed.ts';
import { territoryCommunes } from '../src/territory/communes.ts';
import { territoryProfile } from '../src/territory/profile.ts';
import { readRepoJson, readRepoText } from './helpers/files.ts';

interface RawStructure {
  address?: { cog?: Record<string, string | undefined> };
}

let feed: Feed;
let raw: RawStructure[];
/** La Poste centres by INSEE code (several rows per commune: one per postcode or locality). */
const laPoste = new Map<string, [number, number][]>();

describe('territoryCommunes (embedded feed)', () => {
  before(async () => {
    const [manifest, structures, events, taxonomy] = await Promise.all([
      readRepoJson<FeedManifest>('data/feed/manifest.json'),
      readRepoJson<unknown[]>('data/feed/structures.json'),
      readRepoJson<unknown[]>('data/feed/events.json'),
      readRepoJson<unknown>('data/feed/taxonomy.json'),
    ]);
    feed = assembleFeed(manifest, { structures, events, taxonomy });
    raw = structures as RawStructure[];
    const csv = await readRepoText('data/sources/communes/laposte_hexasmal.csv');
    for (const line of csv.split(/\r?\n/).slice(1)) {
      const cells = line.split(';');
      const [lat, lon] = (cells[5] ?? '').split(',').map(Number);
      if (!cells[0] || lat === undefined || lon === undefined || Number.isNaN(lat) || Number.isNaN(lon))
        continue;
      const list = laPoste.get(cells[0]) ?? [];
      list.push([lat, lon]);
      laPoste.set(cells[0], list);
    }
  });

  for (const [level, code] of [
    ['epci', '200054781'],
    ['departement', '93'],
    ['commune', '93048'],
  ] as const) {
    it(`${level} ${code}: the structures per commune, as a loop over the raw records counts them`, () => {
      const inside = raw.filter((s) => s.address?.cog?.[level] === code);
      expect(inside.length).to.be.greaterThan(0);
      const expected: Record<string, number> = {};
      let noCommune = 0;
      for (const s of inside) {
        const c = s.address?.cog?.commune;
        if (c) expected[c] = (expected[c] ?? 0) + 1;
        else noCommune++;
      }
      const r = territoryCommunes(feed, { level, code }, places);
      expect(Object.fromEntries(r.items.map((i) => [i.code, i.structures]))).to.deep.equal(expected);
      expect(r.withoutCommune).to.equal(noCommune);
      // The same records as the profile counts.
      const total = r.items.reduce((n, i) => n + i.structures, 0) + r.withoutCommune;
      expect(total).to.equal(territoryProfile(feed, { level, code }, { now: 0 }).territory.structures);
      // Most first.
      for (let i = 1; i < r.items.length; i++)
        expect(r.items[i - 1]!.structures).to.be.at.least(r.items[i]!.structures);
      // Each centre is one of La Poste's rows for that commune (to the 1e-3° the places data keeps).
      let drawn = 0;
      for (const item of r.items) {
        if (item.lat === null || item.lon === null) continue;
        drawn += item.structures;
        const rows = laPoste.get(item.code);
        if (!rows) continue; // an arrondissement or a code La Poste files under its commune
        expect(
          rows.some(([lat, lon]) => Math.abs(lat - item.lat!) < 6e-4 && Math.abs(lon - item.lon!) < 6e-4),
          item.code,
        ).to.equal(true);
      }
      expect(drawn + r.withoutPosition).to.equal(total - r.withoutCommune);
    });
  }

  it('without the places data: the same counts, no name and no centre', () => {
    const r = territoryCommunes(feed, { level: 'epci', code: '200054781' });
    const withPlaces = territoryCommunes(feed, { level: 'epci', code: '200054781' }, places);
    expect(r.items.map((i) => [i.code, i.structures])).to.deep.equal(
      withPlaces.items.map((i) => [i.code, i.structures]),
    );
    expect(r.items.every((i) => i.name === null && i.lat === null)).to.equal(true);
    expect(r.withoutPosition).to.equal(r.items.reduce((n, i) => n + i.structures, 0));
  });
});
