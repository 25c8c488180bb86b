/**
 * The search index's data: field bits and match qualities of postings, the word scores they give, and
 * the typed arrays a query reads (built by `build.ts`).
 *
 * @module
 */
import type { Structure } from '../schema/structure.ts';
import type { FacetName, SearchIndexOptions } from './types.ts';

/** Field bits of a posting (a term may occur in several fields of a record). */
export const F_NAME = 1;
/** The term is the first word of the name. */
export const F_NAME_START = 2;
/** Keywords, theme and public labels, networks, family and legal forms. */
export const F_TAGS = 4;
/** Commune name and postcode. */
export const F_PLACE = 8;
export const F_DESC = 16;

/**
 * Posting classes, best first: the best field of the posting. Postings of a term are stored by class,
 * then by record.
 */
export const CLASSES = 5;
export function classOf(mask: number): number {
  return mask & F_NAME_START ? 0 : mask & F_NAME ? 1 : mask & F_TAGS ? 2 : mask & F_PLACE ? 3 : 4;
}

/** Match qualities, best first. */
export const Q_EXACT = 0;
export const Q_PREFIX = 1;
export const Q_FUZZY = 2;

/**
 * Word score by quality and class: field level (name 4 ≫ tags 3 ≫ place 2 ≫ description 1) × 8 +
 * quality (exact 6, prefix 4, typo 2) + 1 when the word starts the name. A name match with a typo (34)
 * still beats an exact keyword match (30). All 15 values differ; at most 39 per query word.
 */
export function wordScore(quality: number, cls: number): number {
  const q = quality === Q_EXACT ? 6 : quality === Q_PREFIX ? 4 : 2;
  return cls <= 1 ? 32 + q + (cls === 0 ? 1 : 0) : (5 - cls) * 8 + q;
}

/** Word score by quality, indexed by field mask. */
export const TOKEN_SCORES: readonly Uint8Array[] = /* @__PURE__ */ [Q_EXACT, Q_PREFIX, Q_FUZZY].map((q) => {
  const t = new Uint8Array(32);
  for (let mask = 1; mask < 32; mask++) t[mask] = wordScore(q, classOf(mask));
  return t;
});

/** One facet's values and its two-way record ↔ value incidence. @internal */
export interface FacetData {
  values: string[];
  labels: (string | undefined)[];
  ids: Map<string, number>;
  /** CSR value → records (ascending). */
  valStart: Uint32Array;
  valDocs: Uint32Array;
  /** Bitset of a value when it is dense enough (count ≥ words), else undefined. */
  bits: (Uint32Array | undefined)[];
  /** CSR record → values. */
  docStart: Uint32Array;
  docVals: Uint32Array;
  /** Cost of counting this facet value by value (Σ min(words, count)). */
  perValueCost: number;
}

/** The index internals (outside semver). @internal */
export interface IndexData {
  n: number;
  /** Number of 32-bit words of a bitset over the records. */
  words: number;
  /** Sorted term dictionary. */
  terms: string[];
  termIds: Map<string, number>;
  /**
   * Postings of term t, class c (see {@link classOf}): `postDoc[classStart[t * CLASSES + c] ..
   * classStart[t * CLASSES + c + 1])`, records ascending. Term t: `classStart[t * CLASSES] ..
   * classStart[(t + 1) * CLASSES]`.
   */
  classStart: Uint32Array;
  postDoc: Uint32Array;
  postMask: Uint8Array;
  /** Bitsets of frequent terms (used to build unions of prefix ranges). */
  termBits: Map<number, Uint32Array>;
  /** Union bitsets (and sizes) of the records of heavy prefix ranges, by prefix. */
  prefixBits: Map<string, { bits: Uint32Array; count: number }>;
  /** CSR record → its terms and field masks (forward index). */
  fwdStart: Uint32Array;
  fwdTerm: Uint32Array;
  fwdMask: Uint8Array;
  /** One-deletion variants of terms (4+ letters) → term ids, for typo tolerance; undefined when off. */
  deletions: Map<string, number | number[]> | undefined;
  /** Coordinates (NaN when absent) and unit-sphere positions. */
  lat: Float64Array;
  lon: Float64Array;
  xyz: Float64Array;
  /** Records with coordinates, by ascending latitude (rounded to 1e-7° in `latSorted`). */
  geoByLat: Uint32Array;
  latSorted: Float64Array;
  /** Exact latitude, longitude and unit-sphere position of the records of `geoByLat`, in that order. */
  geoLat: Float64Array;
  geoLon: Float64Array;
  geoXyz: Float64Array;
  /** Records by French collation of the name, and rank of each record in that order. */
  byName: Uint32Array;
  nameRank: Uint32Array;
  /** Records by `updatedAt` (most recent first), and rank of each record in that order. */
  byUpdated: Uint32Array;
  updatedRank: Uint32Array;
  facets: Record<FacetName, FacetData>;
  /** Query scratch space, reused (queries are synchronous and leave it clean). */
  scratch: Scratch;
}

/** @internal */
export interface Scratch {
  acc: Int32Array;
  tok: Uint8Array;
  cnt: Uint8Array;
  touched: Uint32Array;
  cand: Uint32Array;
  termMark: Uint8Array;
  /** A bitset, all zero between queries. */
  bitsA: Uint32Array;
}

/**
 * A search index over a list of structures, built by {@link createSearchIndex}. Immutable; build a new
 * one when the feed changes.
 */
export interface SearchIndex {
  /** The indexed structures, in feed order (hits point into this array). */
  readonly records: readonly Structure[];
  /** Number of indexed structures. */
  readonly size: number;
  /** Options the index was built with. */
  readonly options: Readonly<SearchIndexOptions>;
  /** Internal structures: not part of the public API. @internal */
  readonly data: IndexData;
}
