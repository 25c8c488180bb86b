/**
 * The places of one département as a plain object (`data/slices/<code>.ts`, written by
 * scripts/build-place-slices.ts from the national tables), and slices merged back into the tables that
 * the lookups read (store.ts).
 */
import type { AreaRow, DepartementRow, EpciRow, PlacesTables } from './decode.ts';

export interface PlaceSlice {
  /** Département code. */
  readonly d: string;
  readonly scale: number;
  readonly codes: readonly string[];
  readonly names: readonly string[];
  /** Postcodes of each place (numbers). */
  readonly pc: readonly (readonly number[])[];
  /** Index in `epcis`, -1 = none. */
  readonly epci: readonly number[];
  readonly epcis: readonly (readonly [code: string, type: string, name: string])[];
  /** Index in `epts`, -1 = none. */
  readonly ept: readonly number[];
  readonly epts: readonly (readonly [code: string, name: string])[];
  /** Index (in this slice) of the commune of a municipal arrondissement, -1 otherwise. */
  readonly parent: readonly number[];
  /** Coordinates in 1/scale degrees, null when unknown. */
  readonly lat: readonly (number | null)[];
  readonly lon: readonly (number | null)[];
  /** Population, -1 when unknown. */
  readonly pop: readonly number[];
  /** [name, place index, 0 = former commune / 1 = locality, postcode or 0]. */
  readonly aliases: readonly (readonly [string, number, number, number])[];
  /** Former INSEE codes → place index. */
  readonly former: readonly (readonly [string, number])[];
  /**
   * Grid cells (see `cellOf`) where the nearest commune centre of France is surely in this slice: there,
   * `nearestCommune` needs no other data.
   */
  readonly cover: readonly number[];
}

/** Size of a cell of the coverage grid, in degrees. */
export const CELL_DEGREES = 0.05;
/** The coverage-grid cell of a point. */
export const cellOf = (lat: number, lon: number): number =>
  Math.floor((lat + 90) / CELL_DEGREES) * 8000 + Math.floor((lon + 180) / CELL_DEGREES);

/** Tables with the places of the slices only (the areas are the national lists). */
export function tablesOfSlices(
  slices: readonly PlaceSlice[],
  areas: { regions: AreaRow[]; departements: DepartementRow[] },
): PlacesTables {
  const sorted = [...slices].sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : 0));
  const count = sorted.reduce((n, s) => n + s.codes.length, 0);
  const codes: string[] = [];
  const names: string[] = [];
  const dept = new Uint8Array(count);
  const postcodeStart = new Uint32Array(count + 1);
  const postcodes: number[] = [];
  const epci = new Int16Array(count);
  const ept = new Int16Array(count);
  const parent = new Int32Array(count);
  const lat = new Int32Array(count);
  const lon = new Int32Array(count);
  const hasCoords = new Uint8Array(count);
  const population = new Int32Array(count);
  const epcis: EpciRow[] = [];
  const epciIndex = new Map<string, number>();
  const epts: AreaRow[] = [];
  const eptIndex = new Map<string, number>();
  const aliasNames: string[] = [];
  const aliasPlace: number[] = [];
  const aliasKind: number[] = [];
  const aliasPostcode: number[] = [];
  const formerCodes = new Map<string, number>();
  let coordScale = 1000;
  let base = 0;
  for (const s of sorted) {
    coordScale = s.scale;
    const d = areas.departements.findIndex((x) => x.code === s.d);
    const epciMap = s.epcis.map(([code, type, name]) => {
      let e = epciIndex.get(code);
      if (e === undefined) {
        epciIndex.set(code, (e = epcis.length));
        epcis.push({ code, type, name });
      }
      return e;
    });
    const eptMap = s.epts.map(([code, name]) => {
      let e = eptIndex.get(code);
      if (e === undefined) {
        eptIndex.set(code, (e = epts.length));
        epts.push({ code, name });
      }
      return e;
    });
    s.codes.forEach((code, k) => {
      const i = base + k;
      codes.push(code);
      names.push(s.names[k]!);
      dept[i] = d;
      postcodeStart[i] = postcodes.length;
      postcodes.push(...s.pc[k]!);
      epci[i] = s.epci[k]! >= 0 ? epciMap[s.epci[k]!]! : -1;
      ept[i] = s.ept[k]! >= 0 ? eptMap[s.ept[k]!]! : -1;
      parent[i] = s.parent[k]! >= 0 ? base + s.parent[k]! : -1;
      const la = s.lat[k];
      const lo = s.lon[k];
      if (la !== null && la !== undefined && lo !== null && lo !== undefined) {
        lat[i] = la;
        lon[i] = lo;
        hasCoords[i] = 1;
      }
      population[i] = s.pop[k]!;
    });
    for (const [name, place, kind, postcode] of s.aliases) {
      aliasNames.push(name);
      aliasPlace.push(base + place);
      aliasKind.push(kind);
      aliasPostcode.push(postcode);
    }
    for (const [code, place] of s.former) formerCodes.set(code, base + place);
    base += s.codes.length;
  }
  postcodeStart[count] = postcodes.length;
  return {
    count,
    coordScale,
    codes,
    names,
    regions: areas.regions,
    departements: areas.departements,
    epcis,
    epts,
    dept,
    postcodeStart,
    postcodes: Int32Array.from(postcodes),
    epci,
    ept,
    parent,
    lat,
    lon,
    hasCoords,
    population,
    aliasNames,
    aliasPlace: Int32Array.from(aliasPlace),
    aliasKind: Uint8Array.from(aliasKind),
    aliasPostcode: Int32Array.from(aliasPostcode),
    formerCodes,
  };
}
