/**
 * The static search index's file format: the entry file's shape, the binary encodings (unsigned LEB128
 * varints, delta-coded id lists, little-endian float64 columns) and file naming. Described for people in
 * `docs/static-index.md`.
 *
 * @module
 */
import type { FacetName, FacetValueCount } from '../search/types.ts';

/** Values per facet in the entry file's unfiltered facet counts (the engine's default maximum). */
export const NATIONAL_FACET_VALUES = 100;

/** Format version: readers refuse other versions. */
export const STATIC_INDEX_VERSION = 2;

/** Facets whose values come from the record's fields (a record's "profile" is its combination of them). */
export const PROFILE_FACETS = ['family', 'legalForms', 'themes', 'publics', 'networks', 'source'] as const;
/** Territory facets, from `address.cog`: a record's "place" is its combination of them. */
export const PLACE_FACETS = ['region', 'departement', 'epci', 'commune'] as const;

/** One facet's value table. */
export interface FacetTable {
  values: string[];
  /** Labels (themes, publics), `null` where unknown. */
  labels?: (string | null)[];
  /** Number of records with each value, over the whole index. */
  counts: number[];
}

/** A run of consecutive record ids `[from, to)`. */
export type IdRange = [from: number, to: number];

/** The entry file `index.json`. */
export interface StaticIndexManifest {
  format: 'essaim-static-index';
  version: number;
  /** Content hash (16 hex digits of a SHA-256 over every file): part of every other file's name. */
  build: string;
  /** Number of records. */
  n: number;
  /** Records per record page, per column chunk, per sort-order chunk. */
  pageSize: number;
  columnChunk: number;
  orderChunk: number;
  /** Whether one-typo matching is on (as `SearchIndexOptions.typoTolerance`). */
  typoTolerance: boolean;
  /** Term dictionary blocks: the first term of each block. */
  dict: { first: string[]; terms: number };
  /** Reversed dictionary blocks (terms of 4+ letters spelt backwards, sorted): the first entry of each. */
  rdict: { first: string[] };
  /**
   * The facets of the unfiltered query (every record), at most {@link NATIONAL_FACET_VALUES} values each:
   * a first national page needs no table.
   */
  national: Partial<Record<FacetName, FacetValueCount[]>>;
  /** Prefixes with a precomputed merged postings file (heavy prefix ranges). */
  prefixes: string[];
  /** Number of files of each kind (file k of kind `x` is `x/<k>-<build>.bin`). */
  files: Record<FileKind, number>;
  /** Total size of the index's files, in bytes. */
  bytes: number;
}

/** `meta/0`: the tables any filtered or text query needs. */
export interface MetaTables {
  facets: Record<FacetName, FacetTable>;
  /** Profiles: per profile, the value ids of each of `PROFILE_FACETS`. */
  profiles: number[][][];
  /** Places: record ids `[start[i], start[i + 1])` share the territory value ids `codes[i]` (-1: none). */
  places: { start: number[]; codes: [number, number, number, number][] };
}

/**
 * `meta/1`: per column chunk, bounds of its records' coordinates (null when none has any):
 * `[cx, cy, cz, r, minLat, minLon, maxLat, maxLon]`, a centre and chord radius on the unit sphere and a box.
 */
export interface GeoDirectory {
  geo: (number[] | null)[];
}

/**
 * `hist/0` (binary): records per (place, profile), by place then profile: a count of pairs, then per
 * pair the place (delta from the previous pair's), the profile and the count, as varints.
 */
export type PlaceProfileCounts = Uint32Array;

export type FileKind =
  | 'dict'
  | 'rdict'
  | 'hist'
  | 'tables'
  | 'post'
  | 'prefix'
  | 'rec'
  | 'col'
  | 'name'
  | 'updated'
  | 'meta'
  | 'grid'
  | 'cell';

/** Name of file `k` of kind `kind` (relative to the entry file). */
export function fileName(kind: FileKind, k: number | string, build: string): string {
  const ext = kind === 'rec' || kind === 'dict' || kind === 'rdict' || kind === 'meta' ? 'json' : 'bin';
  return `${kind}/${k}-${build}.${ext}`;
}

/** Growable byte buffer with varint writers. */
export class ByteWriter {
  buf = new Uint8Array(1024);
  len = 0;
  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }
  varint(x: number): void {
    this.ensure(5);
    while (x >= 0x80) {
      this.buf[this.len++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    this.buf[this.len++] = x;
  }
  /** Ascending ids as count + deltas. */
  ids(list: ArrayLike<number>, from = 0, to = list.length): void {
    this.varint(to - from);
    let prev = 0;
    for (let i = from; i < to; i++) {
      this.varint(list[i]! - prev);
      prev = list[i]!;
    }
  }
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }
  float64(x: number): void {
    this.ensure(8);
    new DataView(this.buf.buffer).setFloat64(this.len, x, true);
    this.len += 8;
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Reader over a byte array. */
export class ByteReader {
  pos = 0;
  private view: DataView;
  constructor(readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  varint(): number {
    let x = 0;
    let shift = 0;
    for (;;) {
      const b = this.buf[this.pos++]!;
      x += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return x;
      shift += 7;
    }
  }
  ids(): Uint32Array {
    const count = this.varint();
    const out = new Uint32Array(count);
    let prev = 0;
    for (let i = 0; i < count; i++) {
      prev += this.varint();
      out[i] = prev;
    }
    return out;
  }
  varints(count: number): Uint32Array {
    const out = new Uint32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.varint();
    return out;
  }
  float64(): number {
    const x = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return x;
  }
}

/**
 * `tables/0` (binary): the places, then the profiles, as varints. Places: their count, then per place the
 * first id (delta from the previous place's) and its four territory value ids + 1 (0: none), each as a
 * difference from the previous place's (zig-zag: places are sorted by these codes, so they are small).
 * Profiles: their count, then per profile and per facet of `PROFILE_FACETS` a count and the value ids.
 */
export function encodeTables(places: MetaTables['places'], profiles: number[][][]): Uint8Array {
  const w = new ByteWriter();
  const m = places.codes.length;
  w.varint(m);
  let prevStart = 0;
  let prev = [0, 0, 0, 0];
  for (let p = 0; p < m; p++) {
    w.varint(places.start[p]! - prevStart);
    prevStart = places.start[p]!;
    const codes = places.codes[p]!.map((v) => v + 1);
    for (let i = 0; i < 4; i++) {
      const delta = codes[i]! - prev[i]!;
      w.varint(delta >= 0 ? 2 * delta : -2 * delta - 1);
    }
    prev = codes;
  }
  w.varint(places.start[m]! - prevStart);
  w.varint(profiles.length);
  for (const profile of profiles)
    for (const ids of profile) {
      w.varint(ids.length);
      for (const v of ids) w.varint(v);
    }
  return w.bytes();
}

export function decodeTables(bytes: Uint8Array): Pick<MetaTables, 'places' | 'profiles'> {
  const r = new ByteReader(bytes);
  const m = r.varint();
  const start: number[] = [];
  const codes: [number, number, number, number][] = [];
  let s = 0;
  let prev = [0, 0, 0, 0];
  for (let p = 0; p < m; p++) {
    s += r.varint();
    start.push(s);
    const cur = prev.map((x) => {
      const z = r.varint();
      return x + (z % 2 === 0 ? z / 2 : -(z + 1) / 2);
    });
    codes.push(cur.map((v) => v - 1) as [number, number, number, number]);
    prev = cur;
  }
  start.push(s + r.varint());
  const profiles: number[][][] = [];
  for (let k = r.varint(); k > 0; k--) {
    const profile: number[][] = [];
    for (let f = 0; f < PROFILE_FACETS.length; f++) profile.push(Array.from(r.varints(r.varint())));
    profiles.push(profile);
  }
  return { places: { start, codes }, profiles };
}
