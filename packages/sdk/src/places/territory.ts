/**
 * Places for a feed's territory: the places of its départements (one slice each, ≈ 5–15 KB gzip) instead
 * of the national data (≈ 414 KB gzip). A name that is not in those slices is looked up in the national
 * name index (names and codes, ≈ 166 KB gzip), then the slices of the départements it names are loaded;
 * a point outside the slices' coverage (see slice.ts) loads the national places. Results are those of
 * `@essaim/sdk/places` for the places loaded (same search, same lookups, same objects).
 *
 * @example
 * const places = await placesForTerritory(['93', '75']);
 * await places.searchPlaces('Montreuil'); // 93 only: no national data
 * await places.nearestCommune(48.86, 2.44);
 */
import * as AREAS from './data/areas.ts';
import { decodeAreas, decodeNamesAndCodes, type PlacesTables } from './decode.ts';
import { departementsOfRecords } from './departement-code.ts';
import type { Address } from '../schema/common.ts';
import type { PlacesModule } from './load.ts';
import { loadPlaces } from './load.ts';
import { nearestCommune } from './reverse.ts';
import { searchPlaces } from './search.ts';
import { cellOf, type PlaceSlice, tablesOfSlices } from './slice.ts';
import { hasAllPlaces, useTables } from './store.ts';
import type { NearestCommune, NearestCommuneOptions, PlaceMatch, SearchOptions } from './types.ts';

/** How the data is fetched (tests count the calls). */
export interface PlacesLoaders {
  slice(departement: string): Promise<PlaceSlice>;
  names(): Promise<Pick<typeof import('./data/names.ts'), 'NAMES' | 'CODES' | 'DEPARTEMENTS' | 'REGIONS'>>;
  all(): Promise<PlacesModule>;
}

const defaultLoaders: PlacesLoaders = {
  slice: async (d) => (await import(`./data/slices/${d}.ts`)).default as PlaceSlice,
  names: () => import('./data/names.ts'),
  all: loadPlaces,
};

export interface TerritoryPlaces {
  /** Départements whose places are loaded. */
  readonly departements: readonly string[];
  /** Whether the national data is loaded (after a point outside the slices). */
  readonly national: boolean;
  /** `searchPlaces` on the slices; a name (or postcode) they do not hold loads the slices that do. */
  searchPlaces(text: string, options?: SearchOptions): Promise<PlaceMatch[]>;
  /** `nearestCommune` from the slices where they cover the point, else from the national data. */
  nearestCommune(
    lat: number,
    lon: number,
    options?: NearestCommuneOptions,
  ): Promise<NearestCommune | undefined>;
}

let areaTables: ReturnType<typeof decodeAreas> | undefined;
const areas = () => (areaTables ??= decodeAreas(AREAS));

/** The départements a postcode can belong to ("20…": both Corsicas; "97…", "98…": three digits). */
function departementsOfPostcode(text: string): string[] {
  const m = /^\s*(\d{2})(\d)?/.exec(text);
  if (!m) return [];
  if (m[1] === '20') return ['2A', '2B'];
  if ((m[1] === '97' || m[1] === '98') && m[2]) return [`${m[1]}${m[2]}`];
  return [m[1]!];
}

/**
 * Loads the places of `departements` (COG codes: "93", "2A", "971") and answers searches and
 * nearest-commune queries from them, loading more only when a query needs it.
 */
export async function placesForTerritory(
  departements: readonly string[],
  loaders: PlacesLoaders = defaultLoaders,
): Promise<TerritoryPlaces> {
  const known = new Set(areas().departements.map((d) => d.code));
  const slices = new Map<string, PlaceSlice>();
  let national = hasAllPlaces();
  const load = async (codes: readonly string[]): Promise<void> => {
    const wanted = [...new Set(codes)].filter((d) => known.has(d) && !slices.has(d));
    if (national || !wanted.length) return;
    for (const s of await Promise.all(wanted.map((d) => loaders.slice(d)))) slices.set(s.d, s);
    const list = [...slices.values()];
    useTables(() => tablesOfSlices(list, areas()));
    national = hasAllPlaces();
  };
  const loadAll = async () => {
    await loaders.all();
    national = true;
  };
  await load(departements);

  return {
    get departements() {
      return [...slices.keys()];
    },
    get national() {
      return national;
    },
    async searchPlaces(text, options = {}) {
      national ||= hasAllPlaces();
      if (!slices.size && !national) return [];
      const found = searchPlaces(text, options);
      if (found.length || national) return found;
      // Not in the slices: the départements the national name index (or the postcode) points to.
      let more = departementsOfPostcode(text);
      if (!more.length) {
        const index = await loaders.names();
        const names = decodeNamesAndCodes(index);
        const count = names.count;
        const tables: PlacesTables = {
          ...names,
          coordScale: 1,
          epcis: [],
          epts: [],
          postcodeStart: new Uint32Array(count + 1),
          postcodes: new Int32Array(0),
          epci: new Int16Array(count).fill(-1),
          ept: new Int16Array(count).fill(-1),
          parent: new Int32Array(count).fill(-1),
          lat: new Int32Array(count),
          lon: new Int32Array(count),
          hasCoords: new Uint8Array(count),
          population: new Int32Array(count).fill(-1),
          aliasNames: [],
          aliasPlace: new Int32Array(0),
          aliasKind: new Uint8Array(0),
          aliasPostcode: new Int32Array(0),
          formerCodes: new Map(),
        };
        const current = [...slices.values()];
        useTables(() => tables);
        more = searchPlaces(text, { ...options, limit: Math.max(20, (options.limit ?? 10) * 2) }).map(
          (m) => m.place.departement.code,
        );
        useTables(() => tablesOfSlices(current, areas()));
      }
      await load(more);
      return searchPlaces(text, options);
    },
    async nearestCommune(lat, lon, options) {
      national ||= hasAllPlaces();
      if (!national) {
        const cell = cellOf(lat, lon);
        if (![...slices.values()].some((s) => s.cover.includes(cell))) await loadAll();
      }
      return nearestCommune(lat, lon, options);
    },
  };
}

/** Beyond this many départements, a territory loads the national places (slices would weigh as much). */
export const MAX_TERRITORY_DEPARTEMENTS = 12;
/** The départements loaded first hold this share of the records (the others: on demand). */
export const TERRITORY_SHARE = 0.98;

/**
 * The territory of records: their départements, most records first, until they hold 98 % of the records
 * that name one (a few records elsewhere do not load their départements up front: typing such a place
 * still finds it). `undefined` when that takes more than `max` départements, or when none is named.
 */
export function territoryOf(
  records: Iterable<{ address?: Address | undefined }>,
  max = MAX_TERRITORY_DEPARTEMENTS,
): string[] | undefined {
  const counts = departementsOfRecords(records, true);
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const out: string[] = [];
  let held = 0;
  for (const [d, c] of counts) {
    if (held >= total * TERRITORY_SHARE) break;
    out.push(d);
    held += c;
  }
  return out.length && out.length <= max ? out : undefined;
}

/**
 * `placesForTerritory` for the territory of `records` (a feed's structures, see `territoryOf`); the
 * national places when it has none.
 */
export async function placesForRecords(
  records: Iterable<{ address?: Address | undefined }>,
  max = MAX_TERRITORY_DEPARTEMENTS,
  loaders: PlacesLoaders = defaultLoaders,
): Promise<TerritoryPlaces> {
  const departements = territoryOf(records, max);
  if (!departements) await loaders.all();
  return placesForTerritory(departements ?? [], loaders);
}
