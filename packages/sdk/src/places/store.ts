/**
 * Lazily decoded places and the direct lookups (by code, by postcode, areas).
 * Nothing is decoded until the first call; decoding happens once.
 */
import { lowerBound } from '../core/sorted.ts';
import type { PlacesTables } from './decode.ts';
import type { AreaRef, Departement, Epci, EpciType, Place, Region } from './types.ts';

let decoded: PlacesTables | undefined;
let source: (() => PlacesTables) | undefined;
let full = false;
const resets: Array<() => void> = [];

/**
 * The tables every lookup reads (decoded on first use): the national ones once `./index.ts` is loaded,
 * else the département slices that `./territory.ts` loaded.
 */
export function tables(): PlacesTables {
  if (!decoded) {
    if (!source)
      throw new Error('places: no data loaded (import @essaim/sdk/places or use placesForTerritory)');
    decoded = source();
  }
  return decoded;
}

/** Tests only: forget every table, national ones included. */
export function _resetPlacesForTests(): void {
  full = false;
  useTables(() => {
    throw new Error('places: no data loaded');
  });
}

/** Whether the lookups read the national tables. */
export const hasAllPlaces = (): boolean => full;

/** Forget what was built from the previous tables (search index, shared objects). */
export function onTablesChange(reset: () => void): void {
  resets.push(reset);
}

/**
 * Switches the lookups to other tables (`isFull`: the national ones, never replaced afterwards by
 * slices). Objects built from the previous tables are dropped.
 */
export function useTables(load: () => PlacesTables, isFull = false): void {
  if (full && !isFull) return;
  source = load;
  full = isFull;
  decoded = undefined;
  regionObjs = deptObjs = deptRefs = epciObjs = eptObjs = placeObjs = byPostcode = epciBySiren = undefined;
  for (const reset of resets) reset();
}

// ------------------------------------------------------------------------------------- shared objects

let regionObjs: Region[] | undefined;
let deptObjs: Departement[] | undefined;
let deptRefs: AreaRef[] | undefined;
let epciObjs: Epci[] | undefined;
let eptObjs: AreaRef[] | undefined;
let placeObjs: (Place | undefined)[] | undefined;
let byPostcode: Map<number, number[]> | undefined;

function regionsArr(): Region[] {
  if (!regionObjs) regionObjs = tables().regions.map((r) => Object.freeze({ code: r.code, name: r.name }));
  return regionObjs;
}
function deptsArr(): Departement[] {
  if (!deptObjs) {
    const regions = regionsArr();
    deptObjs = tables().departements.map((d) =>
      Object.freeze({ code: d.code, name: d.name, region: regions[d.region]! }),
    );
  }
  return deptObjs;
}
function deptRefsArr(): AreaRef[] {
  if (!deptRefs) deptRefs = tables().departements.map((d) => Object.freeze({ code: d.code, name: d.name }));
  return deptRefs;
}
function epcisArr(): Epci[] {
  if (!epciObjs) {
    epciObjs = tables().epcis.map((e) =>
      Object.freeze({ code: e.code, name: e.name, type: e.type as EpciType }),
    );
  }
  return epciObjs;
}
function eptsArr(): AreaRef[] {
  if (!eptObjs) eptObjs = tables().epts.map((e) => Object.freeze({ code: e.code, name: e.name }));
  return eptObjs;
}

/** Postcode number → "01300". */
export const formatPostcode = (n: number): string => String(n).padStart(5, '0');

/** Postcodes of place i as numbers. */
export function postcodeNumbers(i: number): Int32Array {
  const t = tables();
  return t.postcodes.subarray(t.postcodeStart[i]!, t.postcodeStart[i + 1]!);
}

/** The Place object of index i (built on first access, then shared). */
export function placeAt(i: number): Place {
  const t = tables();
  placeObjs ??= new Array(t.count);
  let p = placeObjs[i];
  if (p) return p;
  const dept = deptsArr()[t.dept[i]!]!;
  const parent = t.parent[i]!;
  const e = t.epci[i]!;
  const ept = t.ept[i]!;
  const pop = t.population[i]!;
  const place: {
    -readonly [K in keyof Place]: Place[K];
  } = {
    kind: parent >= 0 ? 'arrondissement' : 'commune',
    code: t.codes[i]!,
    name: t.names[i]!,
    postcodes: Object.freeze(Array.from(postcodeNumbers(i), formatPostcode)),
    departement: deptRefsArr()[t.dept[i]!]!,
    region: dept.region,
  };
  if (e >= 0) place.epci = epcisArr()[e];
  if (ept >= 0) place.ept = eptsArr()[ept];
  if (parent >= 0) place.commune = Object.freeze({ code: t.codes[parent]!, name: t.names[parent]! });
  if (t.hasCoords[i]) {
    place.lat = t.lat[i]! / t.coordScale;
    place.lon = t.lon[i]! / t.coordScale;
  }
  if (pop >= 0) place.population = pop;
  p = Object.freeze(place);
  placeObjs[i] = p;
  return p;
}

// ----------------------------------------------------------------------------------------- by code

const cleanCode = (code: string): string => code.trim().toUpperCase();

/** Index of the place with this current INSEE code, or of the current commune a former code was merged into. */
export function indexOfCode(code: string, former = true): number | undefined {
  const c = cleanCode(code);
  const t = tables();
  const i = lowerBound(t.codes, c);
  if (t.codes[i] === c) return i;
  return former ? t.formerCodes.get(c) : undefined;
}

/**
 * The commune (or municipal arrondissement) with this INSEE COG code. Codes of former communes (merged,
 * delegated, associated: "69152" Pierre-Bénite) resolve to the current commune they belong to
 * (69149 Oullins-Pierre-Bénite): compare `place.code` with the input to tell.
 */
export function getCommune(code: string): Place | undefined {
  const i = indexOfCode(code);
  return i === undefined ? undefined : placeAt(i);
}

/** True when `code` is a current commune or municipal arrondissement code (former codes give false). */
export function isCurrentCommuneCode(code: string): boolean {
  return indexOfCode(code, false) !== undefined;
}

// ------------------------------------------------------------------------------------- by postcode

/**
 * Postcode string or number → number, or undefined when it cannot be a French postcode. Four digits are
 * read with a leading zero ("1300" and 1300 → 01300).
 */
export function parsePostcode(postcode: string | number | null | undefined): number | undefined {
  if (postcode === null || postcode === undefined) return undefined;
  if (typeof postcode === 'number') {
    return Number.isInteger(postcode) && postcode > 0 && postcode < 100_000 ? postcode : undefined;
  }
  // "01300", "01 300", and "1300" (leading zero lost in a spreadsheet).
  const m = /^\s*(\d{4,5})\s*$/.exec(postcode) ?? /^\s*(\d{2})\s(\d{3})\s*$/.exec(postcode);
  if (!m) return undefined;
  const n = Number(m.slice(1).join(''));
  return n > 0 ? n : undefined;
}

/** Postcode number → place indexes (arrondissements first, then by decreasing population). */
export function postcodeMap(): Map<number, number[]> {
  if (!byPostcode) {
    const t = tables();
    byPostcode = new Map();
    for (let i = 0; i < t.count; i++) {
      for (const pc of postcodeNumbers(i)) {
        const list = byPostcode.get(pc);
        if (list) list.push(i);
        else byPostcode.set(pc, [i]);
      }
    }
    for (const list of byPostcode.values()) list.sort(comparePlaces);
  }
  return byPostcode;
}

/** Arrondissements first, then decreasing population, then code. */
export function comparePlaces(a: number, b: number): number {
  const t = tables();
  const ka = t.parent[a]! >= 0 ? 0 : 1;
  const kb = t.parent[b]! >= 0 ? 0 : 1;
  return ka - kb || t.population[b]! - t.population[a]! || a - b;
}

/**
 * Places having this postcode: municipal arrondissements first (75011 → Paris 11e Arrondissement, then
 * Paris), then communes by decreasing population. Empty for unknown postcodes (CEDEX codes included).
 */
export function communesByPostcode(postcode: string | number): Place[] {
  const pc = parsePostcode(postcode);
  if (pc === undefined) return [];
  return (postcodeMap().get(pc) ?? []).map(placeAt);
}

// ------------------------------------------------------------------------------------------- areas

/** All régions, by code. */
export const listRegions = (): readonly Region[] => regionsArr();
/** All départements, by code. */
export const listDepartements = (): readonly Departement[] => deptsArr();
/** All EPCI. */
export const listEpcis = (): readonly Epci[] => epcisArr();

export function getRegion(code: string): Region | undefined {
  const c = cleanCode(code);
  return regionsArr().find((r) => r.code === c);
}

/** Département by COG code; "2a" is read as "2A", "1" as "01". */
export function getDepartement(code: string): Departement | undefined {
  let c = cleanCode(code);
  if (/^\d$/.test(c)) c = `0${c}`;
  return deptsArr().find((d) => d.code === c);
}

let epciBySiren: Map<string, number> | undefined;
/** EPCI by SIREN. */
export function getEpci(siren: string): Epci | undefined {
  if (!epciBySiren) epciBySiren = new Map(tables().epcis.map((e, i) => [e.code, i]));
  const i = epciBySiren.get(siren.replace(/\s/g, ''));
  return i === undefined ? undefined : epcisArr()[i];
}

/** Member communes of an EPCI (by INSEE code; arrondissements are not listed, their commune is). */
export function epciMembers(siren: string): Place[] {
  const e = getEpci(siren);
  if (!e) return [];
  const t = tables();
  const index = epcisArr().indexOf(e);
  const out: Place[] = [];
  for (let i = 0; i < t.count; i++) if (t.epci[i] === index && t.parent[i]! < 0) out.push(placeAt(i));
  return out;
}

/** Département of a commune or arrondissement (current or former INSEE code). */
export function departementOfCommune(code: string): Departement | undefined {
  const i = indexOfCode(code);
  return i === undefined ? undefined : deptsArr()[tables().dept[i]!];
}

/** Région of a commune or arrondissement (current or former INSEE code). */
export function regionOfCommune(code: string): Region | undefined {
  return departementOfCommune(code)?.region;
}

/** EPCI of a commune or arrondissement (current or former INSEE code). */
export function epciOfCommune(code: string): Epci | undefined {
  return getCommune(code)?.epci;
}

/**
 * Département of a postcode: the département of most places using it; for unknown postcodes (CEDEX…),
 * guessed from its first digits (20xxx: 2A below 20200, else 2B; 97xxx/98xxx: three digits).
 */
export function departementOfPostcode(postcode: string | number): Departement | undefined {
  const pc = parsePostcode(postcode);
  if (pc === undefined) return undefined;
  const list = postcodeMap().get(pc);
  const t = tables();
  if (list && list.length > 0) {
    const counts = new Map<number, number>();
    for (const i of list) counts.set(t.dept[i]!, (counts.get(t.dept[i]!) ?? 0) + 1);
    const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    return deptsArr()[best];
  }
  const s = formatPostcode(pc);
  const code = s.startsWith('20')
    ? pc < 20_200
      ? '2A'
      : '2B'
    : /^9[78]/.test(s)
      ? s.slice(0, 3)
      : s.slice(0, 2);
  return getDepartement(code);
}

/** Every place (communes and arrondissements), by INSEE code. Builds all 35,000 objects: prefer the lookups. */
export function allPlaces(): Place[] {
  const t = tables();
  const out: Place[] = new Array(t.count);
  for (let i = 0; i < t.count; i++) out[i] = placeAt(i);
  return out;
}

/** Counts and provenance of the embedded data. */
export function placesInfo(): {
  communes: number;
  arrondissements: number;
  epci: number;
  withCoordinates: number;
  sources: readonly string[];
} {
  const t = tables();
  let arrondissements = 0;
  let withCoordinates = 0;
  for (let i = 0; i < t.count; i++) {
    if (t.parent[i]! >= 0) arrondissements++;
    if (t.hasCoords[i]) withCoordinates++;
  }
  return {
    communes: t.count - arrondissements,
    arrondissements,
    epci: t.epcis.length,
    withCoordinates,
    sources: [
      'INSEE Code officiel géographique via @etalab/decoupage-administratif (Licence Ouverte 2.0)',
      'La Poste, Base officielle des codes postaux (~2020, Licence Ouverte 2.0): centre coordinates, localities',
    ],
  };
}
