/**
 * Test helpers: an import context for a real file, a small fake PlacesLookup (a handful of real communes of
 * the official COG list), the real one, and a collector for outcomes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Taxonomy } from '@essaim/sdk';
import type { ImportContext, ImportOutcome, PlacesLookup, SourceConfig } from '../../src/importers/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../../../..');
export const FIXTURES = resolve(here, '../fixtures');

/** The feed taxonomy of this repository (data/taxonomy/essaim.taxonomy.json), validated. */
export const taxonomy: Taxonomy = Taxonomy.parse(
  JSON.parse(readFileSync(resolve(ROOT, 'data/taxonomy/essaim.taxonomy.json'), 'utf8')),
);

type Commune = NonNullable<ReturnType<PlacesLookup['lookupCommune']>> & { postcodes: string[] };

/**
 * A few real communes, as `@essaim/sdk/places` gives them (COG codes, EPCI SIREN, département, région,
 * La Poste postcodes and centres), copied so that unit tests do not load the whole places data.
 */
export const FAKE_COMMUNES: Commune[] = [
  {
    code: '75056',
    name: 'Paris',
    postcodes: Array.from({ length: 20 }, (_, i) => `750${String(i + 1).padStart(2, '0')}`).concat('75116'),
    epci: '200054781',
    departement: '75',
    region: '11',
    lat: 48.8603,
    lon: 2.3444,
  },
  {
    code: '28085',
    name: 'Chartres',
    postcodes: ['28000'],
    epci: '200033181',
    departement: '28',
    region: '24',
    lat: 48.4471,
    lon: 1.5057,
  },
  {
    code: '28283',
    name: 'Nottonville',
    postcodes: ['28140'],
    epci: '200070159',
    departement: '28',
    region: '24',
    lat: 48.1246,
    lon: 1.5253,
  },
  {
    code: '93066',
    name: 'Saint-Denis',
    postcodes: ['93200', '93210', '93380'],
    epci: '200054781',
    departement: '93',
    region: '11',
    lat: 48.9296,
    lon: 2.3592,
  },
  {
    code: '93048',
    name: 'Montreuil',
    postcodes: ['93100'],
    epci: '200054781',
    departement: '93',
    region: '11',
    lat: 48.8633,
    lon: 2.4482,
  },
  {
    code: '91223',
    name: 'Étampes',
    postcodes: ['91150'],
    epci: '200017846',
    departement: '91',
    region: '11',
    lat: 48.4211,
    lon: 2.1384,
  },
  {
    code: '93013',
    name: 'Le Bourget',
    postcodes: ['93350'],
    epci: '200054781',
    departement: '93',
    region: '11',
    lat: 48.9362,
    lon: 2.4283,
  },
  {
    code: '35238',
    name: 'Rennes',
    postcodes: ['35000', '35200', '35700'],
    epci: '243500139',
    departement: '35',
    region: '53',
    lat: 48.112,
    lon: -1.6819,
  },
  {
    code: '44109',
    name: 'Nantes',
    postcodes: ['44000', '44100', '44200', '44300'],
    epci: '244400404',
    departement: '44',
    region: '52',
    lat: 47.2316,
    lon: -1.5483,
  },
  {
    code: '33063',
    name: 'Bordeaux',
    postcodes: ['33000', '33100', '33200', '33300', '33800'],
    epci: '243300316',
    departement: '33',
    region: '75',
    lat: 44.8572,
    lon: -0.5737,
  },
  {
    code: '28201',
    name: 'Jouy',
    postcodes: ['28300'],
    epci: '200033181',
    departement: '28',
    region: '24',
    lat: 48.5156,
    lon: 1.546,
  },
  {
    code: '91692',
    name: 'Les Ulis',
    postcodes: ['91940'],
    epci: '200056232',
    departement: '91',
    region: '11',
    lat: 48.6803,
    lon: 2.1852,
  },
];

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\barrondissement\b|\b\d+(?:e|er)?\b/g, '')
    .replace(/\bst\b/g, 'saint')
    .trim();

/** Fake lookup over FAKE_COMMUNES: postcode, name (folded), or the nearest centre within 10 km. */
export const fakePlaces: PlacesLookup = {
  lookupCommune(q) {
    const byPc = q.postcode ? FAKE_COMMUNES.filter((c) => c.postcodes.includes(q.postcode!)) : [];
    const byName = q.name ? FAKE_COMMUNES.filter((c) => fold(c.name) === fold(q.name!)) : [];
    // Like the SDK: a name that matches none of the postcode's communes gives nothing (the caller then
    // tries the postcode alone).
    let hit =
      byPc.find((c) => byName.includes(c)) ??
      (!q.name && byPc.length === 1 ? byPc[0] : undefined) ??
      (byName.length === 1 && !q.postcode ? byName[0] : undefined);
    if (!hit && !q.postcode && !q.name && q.lat !== undefined && q.lon !== undefined) {
      hit = FAKE_COMMUNES.find((c) => Math.hypot(c.lat! - q.lat!, (c.lon! - q.lon!) * 0.66) < 0.09);
    }
    if (!hit) return undefined;
    const { postcodes, ...rest } = hit;
    return { ...rest, postcode: q.postcode && postcodes.includes(q.postcode) ? q.postcode : postcodes[0] };
  },
  communeByCode(code) {
    const hit = FAKE_COMMUNES.find((c) => c.code === code);
    if (!hit) return undefined;
    const { postcodes, ...rest } = hit;
    return { ...rest, postcode: postcodes[0] };
  },
};

let real: Promise<PlacesLookup> | undefined;
/** The real lookup over the whole COG list (`@essaim/sdk/places` through src/places.ts), loaded once. */
export function realPlaces(): Promise<PlacesLookup> {
  real ??= import('../../src/places.ts').then((m) => m.loadPlacesLookup());
  return real;
}

export function context(
  source: Partial<SourceConfig> & Pick<SourceConfig, 'type' | 'path'>,
  places: PlacesLookup = fakePlaces,
  baseDir = ROOT,
): ImportContext {
  return {
    source: {
      id: 'test',
      name: 'Test',
      licence: { id: 'etalab-2.0', name: 'Licence Ouverte 2.0' },
      attribution: 'Test',
      ...source,
    },
    baseDir,
    places,
    taxonomy,
  };
}

export async function collect(it: AsyncIterable<ImportOutcome>): Promise<ImportOutcome[]> {
  const out: ImportOutcome[] = [];
  for await (const o of it) out.push(o);
  return out;
}

const temps: string[] = [];
/** A fresh temporary directory, removed by {@link removeTempDirs}. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
/** Removes the directories made by {@link tempDir} (call it in an `after` hook). */
export function removeTempDirs(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}
