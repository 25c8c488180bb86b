/**
 * The static index's geographic grid: records with coordinates grouped by cells of
 * 1/{@link GRID_CELLS_PER_DEGREE}° of latitude and longitude, so that a radius, a box or a distance sort
 * reads the cells it reaches instead of coordinates by id range (ids follow the territory order, so a disc
 * spans many id ranges). `grid/0` lists the non-empty cells; `cell/i` holds cell i's ids, profiles and
 * exact coordinates; the last cell file holds the records without coordinates (ids and profiles).
 *
 * @module
 */
import { unitVector } from '../search/chord.ts';
import { ByteReader, ByteWriter } from './format.ts';

/** Cells per degree: 10 gives cells of 0.1° (≈ 11 km × 7.4 km in mainland France). */
export const GRID_CELLS_PER_DEGREE = 10;
const LON_CELLS = 360 * GRID_CELLS_PER_DEGREE + 1;
/** Chord radii are stored in units of 1e-7, rounded up. */
const R_UNIT = 1e7;

/** Cell key of a point: latitude row then longitude column, from (-90°, -180°). */
export function cellKey(lat: number, lon: number): number {
  const i = Math.floor(lat * GRID_CELLS_PER_DEGREE) + 90 * GRID_CELLS_PER_DEGREE;
  const j = Math.floor(lon * GRID_CELLS_PER_DEGREE) + 180 * GRID_CELLS_PER_DEGREE;
  return i * LON_CELLS + j;
}

/** A cell of the directory. */
export interface GridCell {
  key: number;
  /** Records in the cell. */
  count: number;
  /** Centre of the cell's box on the unit sphere, and an upper bound of its records' chord from it. */
  centre: [number, number, number];
  r: number;
  /** The cell's box, widened by 1e-6° (the bounds only choose cells; records are checked exactly). */
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** The decoded `grid/0`. */
export interface GridDirectory {
  cells: GridCell[];
  /** Records without coordinates (file `cell/<cells.length>`). */
  noGeo: number;
}

function boxOf(key: number): { lat0: number; lon0: number } {
  const i = Math.floor(key / LON_CELLS);
  const j = key - i * LON_CELLS;
  return {
    lat0: (i - 90 * GRID_CELLS_PER_DEGREE) / GRID_CELLS_PER_DEGREE,
    lon0: (j - 180 * GRID_CELLS_PER_DEGREE) / GRID_CELLS_PER_DEGREE,
  };
}

function centreOf(key: number): [number, number, number] {
  const { lat0, lon0 } = boxOf(key);
  const half = 0.5 / GRID_CELLS_PER_DEGREE;
  return unitVector(lat0 + half, lon0 + half);
}

/**
 * Writes the grid: `put(i, bytes)` for each cell file and the directory's bytes returned. A cell file: the
 * ids (count then deltas), their profiles, then latitude and longitude of each as little-endian float64.
 */
export async function writeGrid(
  n: number,
  lat: Float64Array,
  lon: Float64Array,
  xyz: Float64Array,
  profileOf: ArrayLike<number>,
  put: (i: number, bytes: Uint8Array) => Promise<void>,
): Promise<Uint8Array> {
  const byKey = new Map<number, number[]>();
  const noGeo: number[] = [];
  for (let d = 0; d < n; d++) {
    if (Number.isNaN(lat[d]!)) noGeo.push(d);
    else {
      const key = cellKey(lat[d]!, lon[d]!);
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(d);
    }
  }
  const keys = [...byKey.keys()].sort((a, b) => a - b);
  const dir = new ByteWriter();
  dir.varint(keys.length);
  let prevKey = 0;
  for (let i = 0; i < keys.length; i++) {
    const ids = byKey.get(keys[i]!)!;
    const c = centreOf(keys[i]!);
    let r = 0;
    for (const d of ids) {
      const dx = xyz[3 * d]! - c[0];
      const dy = xyz[3 * d + 1]! - c[1];
      const dz = xyz[3 * d + 2]! - c[2];
      r = Math.max(r, Math.sqrt(dx * dx + dy * dy + dz * dz));
    }
    dir.varint(keys[i]! - prevKey);
    prevKey = keys[i]!;
    dir.varint(ids.length);
    dir.varint(Math.ceil(r * R_UNIT) + 1);
    const w = new ByteWriter();
    w.ids(ids);
    for (const d of ids) w.varint(profileOf[d]!);
    for (const d of ids) {
      w.float64(lat[d]!);
      w.float64(lon[d]!);
    }
    await put(i, w.bytes());
  }
  dir.varint(noGeo.length);
  const w = new ByteWriter();
  w.ids(noGeo);
  for (const d of noGeo) w.varint(profileOf[d]!);
  await put(keys.length, w.bytes());
  return dir.bytes();
}

export function decodeGrid(bytes: Uint8Array): GridDirectory {
  const r = new ByteReader(bytes);
  const cells: GridCell[] = [];
  let key = 0;
  const slack = 1e-6;
  const size = 1 / GRID_CELLS_PER_DEGREE;
  for (let m = r.varint(); m > 0; m--) {
    key += r.varint();
    const count = r.varint();
    const radius = r.varint() / R_UNIT;
    const { lat0, lon0 } = boxOf(key);
    cells.push({
      key,
      count,
      centre: centreOf(key),
      r: radius,
      minLat: lat0 - slack,
      maxLat: lat0 + size + slack,
      minLon: lon0 - slack,
      maxLon: lon0 + size + slack,
    });
  }
  return { cells, noGeo: r.varint() };
}

/** A decoded cell file (no coordinates in the last one). */
export interface Cell {
  ids: Uint32Array;
  profile: Uint32Array;
  lat: Float64Array;
  lon: Float64Array;
}

export function decodeCell(bytes: Uint8Array, withCoordinates: boolean): Cell {
  const r = new ByteReader(bytes);
  const ids = r.ids();
  const m = ids.length;
  const profile = r.varints(m);
  const lat = new Float64Array(withCoordinates ? m : 0);
  const lon = new Float64Array(withCoordinates ? m : 0);
  if (withCoordinates)
    for (let i = 0; i < m; i++) {
      lat[i] = r.float64();
      lon[i] = r.float64();
    }
  return { ids, profile, lat, lon };
}

const DEG = Math.PI / 180;

/**
 * Lower bound of the angle (radians) from the point (`lat`, `lon`) to any point of `cell`'s box: the
 * latitude gap (a path leaves the box's latitudes), and, when the point is outside the box's longitudes,
 * its distance to the great circle of the nearer edge meridian, `asin(cos φ · sin Δλ)` (Δλ ≤ 90°).
 */
function boxAngle(cell: GridCell, lat: number, lon: number): number {
  const latGap = Math.max(0, cell.minLat - lat, lat - cell.maxLat) * DEG;
  let lonGap = 0;
  if (lon < cell.minLon || lon > cell.maxLon) {
    const gap = (x: number) => Math.abs(((((lon - x) % 360) + 540) % 360) - 180);
    const a = gap(cell.minLon);
    const b = gap(cell.maxLon);
    const dl = Math.min(a, b);
    // Both edges within 90°: sin is increasing there, so the nearer edge's great circle is the nearer one.
    if (Math.max(a, b) < 90) lonGap = Math.asin(Math.min(1, Math.cos(lat * DEG) * Math.sin(dl * DEG)));
  }
  return Math.max(0, Math.max(latGap, lonGap) - 1e-9);
}

/** A query point: its latitude, longitude and unit vector. */
export interface Origin {
  lat: number;
  lon: number;
  xyz: readonly [number, number, number];
}

/** Lower bound of the squared chord from `origin` to any record of `cell`. */
export function cellLowerBound(cell: GridCell, origin: Origin): number {
  const c = cell.centre;
  const o = origin.xyz;
  const dc = Math.hypot(c[0] - o[0], c[1] - o[1], c[2] - o[2]);
  const x = Math.max(0, dc - cell.r - 1e-9);
  const a = boxAngle(cell, origin.lat, origin.lon);
  const y = 2 * Math.sin(a / 2);
  return Math.max(x * x, y * y * (1 - 1e-9));
}

/**
 * Whether `cell` may hold a point within squared chord `maxChord2` of `origin` and inside `bbox`
 * (`[w, s, e, n]`).
 */
export function cellReaches(
  cell: GridCell,
  origin: Origin | undefined,
  maxChord2: number,
  bbox: readonly number[] | undefined,
): boolean {
  if (origin && cellLowerBound(cell, origin) > maxChord2) return false;
  if (bbox) {
    const [w, s, e, nn] = bbox as [number, number, number, number];
    if (cell.maxLat < s || cell.minLat > nn) return false;
    if (w <= e ? cell.minLon > e || cell.maxLon < w : cell.maxLon < w && cell.minLon > e) return false;
  }
  return true;
}
