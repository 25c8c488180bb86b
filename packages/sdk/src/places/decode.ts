/**
 * Decodes the generated data module (data/places-data.ts, written by scripts/build-places.ts) into flat
 * tables. Pure: the build script runs it on its own output to check the round trip.
 */
import { lowerBound } from '../core/sorted.ts';
import { CoordPredictor, decodeFrontCoded, EpciPredictor, RecencyList, VarintReader } from './codec.ts';

/** The string columns of the generated module. */
export interface PlacesData {
  readonly COORD_SCALE: number;
  readonly NAMES: string;
  readonly REGIONS: string;
  readonly DEPARTEMENTS: string;
  readonly CODES: string;
  readonly POSTCODE_TABLE: string;
  readonly POSTCODE_COUNTS: string;
  readonly POSTCODE_INDEXES: string;
  readonly EPCI_REFS: string;
  readonly EPCI: string;
  readonly EPT: string;
  readonly ARRONDISSEMENTS: string;
  readonly MISSING_COORDS: string;
  readonly COORDS: string;
  readonly POPULATION: string;
  readonly ALIAS_NAMES: string;
  readonly ALIAS_REFS: string;
  readonly FORMER_CODES: string;
}

export interface AreaRow {
  readonly code: string;
  readonly name: string;
}
export interface DepartementRow extends AreaRow {
  /** Index in {@link PlacesTables.regions}. */
  readonly region: number;
}
export interface EpciRow extends AreaRow {
  /** CC, CA, CU, METRO or MET69. */
  readonly type: string;
}

/** Column-oriented places: index `i` in every per-place array is the same place (sorted by INSEE code). */
export interface PlacesTables {
  readonly count: number;
  readonly coordScale: number;
  readonly codes: string[];
  readonly names: string[];
  readonly regions: AreaRow[];
  readonly departements: DepartementRow[];
  readonly epcis: EpciRow[];
  readonly epts: AreaRow[];
  /** Département index of each place. */
  readonly dept: Uint8Array;
  /** Postcodes of place i: postcodes[postcodeStart[i] … postcodeStart[i + 1]), as numbers, ascending. */
  readonly postcodeStart: Uint32Array;
  readonly postcodes: Int32Array;
  /** EPCI index, -1 = none (a few islands and overseas collectivities). */
  readonly epci: Int16Array;
  /** EPT index (Grand Paris), -1 = none. */
  readonly ept: Int16Array;
  /** Index of the parent commune for municipal arrondissements, -1 otherwise. */
  readonly parent: Int32Array;
  /** Coordinates as integers in 1/coordScale degrees; hasCoords[i] = 0 when unknown. */
  readonly lat: Int32Array;
  readonly lon: Int32Array;
  readonly hasCoords: Uint8Array;
  /** Population, -1 when unknown. */
  readonly population: Int32Array;
  /** Alternative names (former communes, La Poste localities). */
  readonly aliasNames: string[];
  readonly aliasPlace: Int32Array;
  /** 0 = former commune (COG), 1 = locality (La Poste). */
  readonly aliasKind: Uint8Array;
  /** Postcode of the alias (number), 0 when unknown. */
  readonly aliasPostcode: Int32Array;
  /** Former INSEE codes (absorbed, delegated, associated communes) → place index. */
  readonly formerCodes: Map<string, number>;
}

const splitRows = (s: string): string[][] => (s === '' ? [] : s.split('|').map((r) => r.split(';')));
const deptPostcodeBase = (dept: string): number =>
  dept === '2A' || dept === '2B' ? 20_000 : dept.length === 3 ? Number(dept) * 100 : Number(dept) * 1000;
const suffixLength = (dept: string): number => (dept.length === 3 ? 2 : 3);
const SUFFIXES: Record<number, string[]> = {};
/** "042" for (42, 3): cached strings for INSEE code suffixes. */
function suffix(n: number, length: number): string {
  const table = (SUFFIXES[length] ??= []);
  return (table[n] ??= String(n).padStart(length, '0'));
}

/** Régions and départements. */
export function decodeAreas(data: Pick<PlacesData, 'DEPARTEMENTS' | 'REGIONS'>): {
  regions: AreaRow[];
  departements: DepartementRow[];
} {
  const regions = splitRows(data.REGIONS).map(([code, name]) => ({ code: code!, name: name! }));
  const departements = splitRows(data.DEPARTEMENTS).map(([code, region, , name]) => ({
    code: code!,
    name: name!,
    region: Number(region),
  }));
  return { regions, departements };
}

/** Names, INSEE codes and areas only (what the national name index holds). */
export function decodeNamesAndCodes(data: Pick<PlacesData, 'NAMES' | 'CODES' | 'DEPARTEMENTS' | 'REGIONS'>) {
  const names = decodeFrontCoded(data.NAMES);
  const count = names.length;
  const { regions, departements } = decodeAreas(data);
  const deptRows = splitRows(data.DEPARTEMENTS);

  // INSEE codes: département prefix + delta-coded suffix.
  const codes: string[] = new Array(count);
  const dept = new Uint8Array(count);
  {
    const r = new VarintReader(data.CODES);
    let i = 0;
    deptRows.forEach(([code, , n], d) => {
      let value = -1;
      const length = suffixLength(code!);
      for (let k = Number(n); k > 0; k--, i++) {
        value += r.uint() + 1;
        codes[i] = code! + suffix(value, length);
        dept[i] = d;
      }
    });
    if (i !== count) throw new Error('places data: code count mismatch');
  }
  return { count, names, codes, dept, regions, departements };
}

export function decodePlaces(data: PlacesData): PlacesTables {
  const { count, names, codes, dept, regions, departements } = decodeNamesAndCodes(data);

  // Postcodes.
  const postcodeStart = new Uint32Array(count + 1);
  const postcodeList: number[] = [];
  {
    const tables: number[][] = [];
    const t = new VarintReader(data.POSTCODE_TABLE);
    for (const d of departements) {
      const table: number[] = [];
      let prev = deptPostcodeBase(d.code);
      for (let k = t.uint(); k > 0; k--) {
        prev += table.length === 0 ? t.int() : t.uint();
        table.push(prev);
      }
      tables.push(table);
    }
    const counts = new VarintReader(data.POSTCODE_COUNTS);
    const indexes = new VarintReader(data.POSTCODE_INDEXES);
    for (let i = 0; i < count; i++) {
      postcodeStart[i] = postcodeList.length;
      const table = tables[dept[i]!]!;
      for (let k = counts.uint(); k > 0; k--) postcodeList.push(table[indexes.uint()]!);
    }
    postcodeStart[count] = postcodeList.length;
  }
  const postcodes = Int32Array.from(postcodeList);

  // EPCI.
  const epcis = splitRows(data.EPCI).map(([code, type, name]) => ({ code: code!, type: type!, name: name! }));
  const epci = new Int16Array(count);
  {
    const r = new VarintReader(data.EPCI_REFS);
    const predictor = new EpciPredictor();
    const recent = new RecencyList();
    let next = 0;
    for (let i = 0; i < count; i++) {
      const start = postcodeStart[i]!;
      const end = postcodeStart[i + 1]!;
      const sym = r.uint();
      let value: number;
      if (sym > 0) value = predictor.candidate(postcodes, start, end, sym - 1);
      else {
        const m = r.uint();
        value = m === 0 ? next++ : m === 1 ? -1 : recent.at(m - 2);
      }
      recent.touch(value);
      epci[i] = value;
      predictor.add(postcodes, start, end, value);
    }
  }

  const at = (code: string): number => {
    const i = lowerBound(codes, code);
    if (codes[i] !== code) throw new Error(`places data: unknown code ${code}`);
    return i;
  };

  // EPT.
  const eptRows = splitRows(data.EPT);
  const epts = eptRows.map(([code, name]) => ({ code: code!, name: name! }));
  const ept = new Int16Array(count).fill(-1);
  eptRows.forEach(([, , members], e) => {
    for (const c of members ? members.split(',') : []) ept[at(c)] = e;
  });

  // Municipal arrondissements.
  const parent = new Int32Array(count).fill(-1);
  for (const [p, first, last] of splitRows(data.ARRONDISSEMENTS)) {
    const pi = at(p!);
    for (let i = at(first!); i <= at(last!); i++) parent[i] = pi;
  }

  // Coordinates.
  const lat = new Int32Array(count);
  const lon = new Int32Array(count);
  const hasCoords = new Uint8Array(count).fill(1);
  {
    const m = new VarintReader(data.MISSING_COORDS);
    let missing = -1;
    for (let k = m.uint(); k > 0; k--) hasCoords[(missing += m.uint() + 1)] = 0;
    const r = new VarintReader(data.COORDS);
    const predictor = new CoordPredictor();
    for (let i = 0; i < count; i++) {
      if (!hasCoords[i]) continue;
      const pc = postcodeStart[i]! < postcodeStart[i + 1]! ? postcodes[postcodeStart[i]!]! : 0;
      predictor.predict(pc, epci[i]!);
      const la = predictor.lat + r.int();
      const lo = predictor.lon + r.int();
      lat[i] = la;
      lon[i] = lo;
      predictor.add(pc, epci[i]!, la, lo);
    }
  }

  // Population.
  const population = new Int32Array(count);
  {
    const r = new VarintReader(data.POPULATION);
    for (let i = 0; i < count; i++) population[i] = r.uint() - 1;
  }

  // Aliases.
  const aliasNames = data.ALIAS_NAMES === '' ? [] : data.ALIAS_NAMES.split('|');
  const aliasPlace = new Int32Array(aliasNames.length);
  const aliasKind = new Uint8Array(aliasNames.length);
  const aliasPostcode = new Int32Array(aliasNames.length);
  {
    const r = new VarintReader(data.ALIAS_REFS);
    let place = 0;
    for (let a = 0; a < aliasNames.length; a++) {
      place += r.uint();
      const info = r.uint();
      aliasPlace[a] = place;
      aliasKind[a] = info & 1;
      const pcIndex = info >> 1;
      aliasPostcode[a] = pcIndex > 0 ? postcodes[postcodeStart[place]! + pcIndex - 1]! : 0;
    }
  }

  // Former codes.
  const formerCodes = new Map<string, number>();
  {
    const r = new VarintReader(data.FORMER_CODES);
    let d = 0;
    let value = -1;
    for (let k = r.uint(); k > 0; k--) {
      const dd = r.uint();
      if (dd > 0) [d, value] = [d + dd, -1];
      value += r.uint() + 1;
      const dc = departements[d]!.code;
      const code = dc + suffix(value, suffixLength(dc));
      // Insertion point of the former code among current codes, then the stored offset.
      formerCodes.set(code, lowerBound(codes, code) + r.int());
    }
  }

  return {
    count,
    coordScale: data.COORD_SCALE,
    codes,
    names,
    regions,
    departements,
    epcis,
    epts,
    dept,
    postcodeStart,
    postcodes,
    epci,
    ept,
    parent,
    lat,
    lon,
    hasCoords,
    population,
    aliasNames,
    aliasPlace,
    aliasKind,
    aliasPostcode,
    formerCodes,
  };
}
