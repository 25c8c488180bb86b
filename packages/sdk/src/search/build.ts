/**
 * Index construction: everything a query needs is computed here, once per feed load.
 *
 * @module
 */
import { popcount32, setBit } from '../core/bitset.ts';
import type { Structure } from '../schema/structure.ts';
import { collatedOrder } from './collation.ts';
import { codesToString, isStopWord, MAX_TOKEN_LENGTH, scanWords, stemLength } from './tokenize.ts';
import { FACET_NAMES, type FacetName, type SearchIndexOptions } from './types.ts';

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

function grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(a: T, min: number): T {
  let size = a.length * 2;
  while (size < min) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** Term interner over folded char codes: no string is built for a term already seen. */
class Interner {
  slots = new Int32Array(1 << 15).fill(-1);
  hashes = new Uint32Array(1 << 13);
  offsets = new Uint32Array(1 << 13);
  lengths = new Uint8Array(1 << 13);
  pool = new Uint16Array(1 << 16);
  poolSize = 0;
  strings: string[] = [];

  /** Id of the term in `buf[0..len)`, of hash `h` (computed by scanWords). */
  intern(buf: Uint16Array, len: number, h: number): number {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id < 0) break;
      if (this.hashes[id] === h && this.lengths[id] === len) {
        const off = this.offsets[id]!;
        const pool = this.pool;
        let i = 0;
        while (i < len && pool[off + i] === buf[i]) i++;
        if (i === len) return id;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.strings.length;
    if (id === this.hashes.length) {
      this.hashes = grow(this.hashes, id + 1);
      this.offsets = grow(this.offsets, id + 1);
      this.lengths = grow(this.lengths, id + 1);
    }
    if (this.poolSize + len > this.pool.length) this.pool = grow(this.pool, this.poolSize + len);
    this.pool.set(buf.subarray(0, len), this.poolSize);
    this.hashes[id] = h;
    this.offsets[id] = this.poolSize;
    this.lengths[id] = len;
    this.poolSize += len;
    this.strings.push(codesToString(buf, len));
    this.slots[slot] = id;
    if (id * 2 >= this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.strings.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

const DEG = Math.PI / 180;

/** Writes the values of facet `name` of `s` to `out`; returns how many. */
function collectValues(s: Structure, name: FacetName, out: string[]): number {
  let list: readonly string[] | undefined;
  let one: string | undefined;
  switch (name) {
    case 'family':
      one = s.family;
      break;
    case 'legalForms':
      list = s.legalForms;
      break;
    case 'themes':
      list = s.themes;
      break;
    case 'publics':
      list = s.publics;
      break;
    case 'networks':
      list = s.networks;
      break;
    case 'source': {
      const p = s.provenance;
      for (let i = 0; i < p.length; i++) out[i] = p[i]!.source;
      return p.length;
    }
    default: {
      const cog = s.address?.cog;
      if (cog)
        one =
          name === 'region'
            ? cog.region
            : name === 'departement'
              ? cog.departement
              : name === 'epci'
                ? cog.epci
                : cog.commune;
    }
  }
  if (one !== undefined) {
    out[0] = one;
    return 1;
  }
  if (!list) return 0;
  for (let i = 0; i < list.length; i++) out[i] = list[i]!;
  return list.length;
}

function buildFacet(
  records: readonly Structure[],
  name: FacetName,
  words: number,
  labelOf: (id: string) => string | undefined,
): FacetData {
  const n = records.length;
  const ids = new Map<string, number>();
  const values: string[] = [];
  const docStart = new Uint32Array(n + 1);
  let docVals = new Uint32Array(1024);
  let size = 0;
  const vals: string[] = [];
  for (let d = 0; d < n; d++) {
    docStart[d] = size;
    const count = collectValues(records[d]!, name, vals);
    const from = size;
    for (let i = 0; i < count; i++) {
      const v = vals[i]!;
      let id = ids.get(v);
      if (id === undefined) {
        id = values.length;
        ids.set(v, id);
        values.push(v);
      }
      let dup = false;
      for (let j = from; j < size; j++) if (docVals[j] === id) dup = true;
      if (dup) continue;
      if (size === docVals.length) docVals = grow(docVals, size + 1);
      docVals[size++] = id;
    }
  }
  docStart[n] = size;
  const dv = docVals.slice(0, size);
  const V = values.length;
  const valStart = new Uint32Array(V + 1);
  for (let j = 0; j < size; j++) valStart[dv[j]! + 1]!++;
  for (let v = 0; v < V; v++) valStart[v + 1]! += valStart[v]!;
  const fill = valStart.slice(0, V);
  const valDocs = new Uint32Array(size);
  for (let d = 0; d < n; d++) {
    for (let j = docStart[d]!; j < docStart[d + 1]!; j++) valDocs[fill[dv[j]!]!++] = d;
  }
  const bits: (Uint32Array | undefined)[] = new Array(V);
  let perValueCost = 0;
  for (let v = 0; v < V; v++) {
    const count = valStart[v + 1]! - valStart[v]!;
    if (count >= words) {
      const b = new Uint32Array(words);
      for (let j = valStart[v]!; j < valStart[v + 1]!; j++) setBit(b, valDocs[j]!);
      bits[v] = b;
      perValueCost += words;
    } else perValueCost += count;
  }
  const labelled = name === 'themes' || name === 'publics';
  return {
    values,
    labels: values.map((v) => (labelled ? labelOf(v) : undefined)),
    ids,
    valStart,
    valDocs,
    bits,
    docStart,
    docVals: dv,
    perValueCost,
  };
}

/** Record order by collated name; equal names keep feed order. */
function nameOrder(names: readonly string[], collator: Intl.Collator): Uint32Array {
  // Sorting distinct names only (feeds repeat names: chains, "AMAP", homonyms) saves collator calls.
  const n = names.length;
  const distinct = new Map<string, number>();
  const group = new Uint32Array(n);
  const list: string[] = [];
  for (let d = 0; d < n; d++) {
    const s = names[d]!;
    let g = distinct.get(s);
    if (g === undefined) {
      g = list.length;
      distinct.set(s, g);
      list.push(s);
    }
    group[d] = g;
  }
  const G = list.length;
  const order = collatedOrder(list, collator);
  const gRank = new Uint32Array(G);
  for (let i = 0; i < G; i++) gRank[order[i]!] = i;
  return countingOrder(n, G, (d) => gRank[group[d]!]!);
}

/** Records ordered by an integer key in [0, K), stable. */
function countingOrder(n: number, K: number, key: (d: number) => number): Uint32Array {
  const start = new Uint32Array(K + 1);
  for (let d = 0; d < n; d++) start[key(d) + 1]!++;
  for (let i = 0; i < K; i++) start[i + 1]! += start[i]!;
  const out = new Uint32Array(n);
  for (let d = 0; d < n; d++) out[start[key(d)]!++] = d;
  return out;
}

/**
 * Builds the search index of `structures`: inverted index (sorted term dictionary for prefix ranges,
 * postings in typed arrays ordered by field class, union bitsets of frequent terms and heavy prefixes,
 * one-typo table), forward index, coordinates, facet incidence (value lists and bitsets), name collation
 * and freshness ranks. Do it once per feed load; queries never look at the records' text again.
 *
 * Searchable fields, by weight: name and alternate names ≫ keywords, theme and public labels (through
 * `options.labels`), networks, family and legal forms ≫ commune name and postcode ≫ description.
 *
 * @param structures Valid structures (see the `Structure` schema); the array is kept, not copied.
 */
export function createSearchIndex(
  structures: readonly Structure[],
  options: SearchIndexOptions = {},
): SearchIndex {
  const n = structures.length;
  const words = Math.max(1, Math.ceil(n / 32));
  const labels = options.labels;
  const labelCache = new Map<string, string | undefined>();
  const labelOf = (id: string): string | undefined => {
    if (!labels) return undefined;
    if (labelCache.has(id)) return labelCache.get(id);
    const l = labels(id);
    labelCache.set(id, l);
    return l;
  };

  // 1. Terms of every record, with a field mask per (record, term).
  const interner = new Interner();
  let lastDoc = new Int32Array(1 << 13).fill(-1);
  let curMask = new Uint8Array(1 << 13);
  let fwdTerm = new Uint32Array(1 << 16);
  let fwdMask = new Uint8Array(1 << 16);
  let P = 0;
  const fwdStart = new Uint32Array(n + 1);
  let doc = 0;
  let field = 0;
  let nameStart = false;
  const addTerm = (id: number) => {
    let bit = field;
    if (nameStart) {
      bit |= F_NAME_START;
      nameStart = false;
    }
    if (id >= lastDoc.length) {
      const l = new Int32Array(lastDoc.length * 2).fill(-1);
      l.set(lastDoc);
      lastDoc = l;
      curMask = grow(curMask, id + 1);
    }
    if (lastDoc[id] !== doc) {
      lastDoc[id] = doc;
      curMask[id] = bit;
      if (P === fwdTerm.length) {
        fwdTerm = grow(fwdTerm, P + 1);
        fwdMask = grow(fwdMask, P + 1);
      }
      fwdTerm[P++] = id;
    } else curMask[id]! |= bit;
  };
  const onWord = (buf: Uint16Array, len: number, h: number, hButLast: number) => {
    if (len > MAX_TOKEN_LENGTH || (len <= 4 && isStopWord(buf, len, h))) return;
    const stemmed = stemLength(buf, len);
    addTerm(interner.intern(buf, stemmed, stemmed === len ? h : hButLast));
  };
  const scanAll = (texts: readonly string[] | undefined) => {
    if (texts) for (const t of texts) scanWords(t, onWord);
  };
  // Shared vocabulary (concept labels, families, legal forms) is tokenised once.
  const vocabulary = new Map<string, Uint32Array>();
  const vocabularyTerms = (text: string): Uint32Array => {
    let ids = vocabulary.get(text);
    if (!ids) {
      const list: number[] = [];
      scanWords(text, (buf, len, h, hButLast) => {
        if (len > MAX_TOKEN_LENGTH || (len <= 4 && isStopWord(buf, len, h))) return;
        const stemmed = stemLength(buf, len);
        list.push(interner.intern(buf, stemmed, stemmed === len ? h : hButLast));
      });
      ids = Uint32Array.from(list);
      vocabulary.set(text, ids);
    }
    return ids;
  };
  const addVocabulary = (text: string | undefined) => {
    if (text) for (const id of vocabularyTerms(text)) addTerm(id);
  };
  for (doc = 0; doc < n; doc++) {
    const s = structures[doc]!;
    const from = P;
    fwdStart[doc] = from;
    field = F_NAME;
    nameStart = true;
    scanWords(s.name, onWord);
    nameStart = false;
    scanAll(s.alternateNames);
    field = F_TAGS;
    scanAll(s.keywords);
    scanAll(s.networks);
    if (labels) {
      if (s.themes) for (const t of s.themes) addVocabulary(labelOf(t));
      if (s.publics) for (const t of s.publics) addVocabulary(labelOf(t));
    }
    if (s.family !== 'autre') addVocabulary(s.family);
    if (s.legalForms) for (const f of s.legalForms) addVocabulary(f);
    field = F_PLACE;
    const a = s.address;
    if (a) {
      if (a.commune) scanWords(a.commune, onWord);
      if (a.postcode) scanWords(a.postcode, onWord);
    }
    field = F_DESC;
    if (s.description) scanWords(s.description, onWord);
    for (let j = from; j < P; j++) fwdMask[j] = curMask[fwdTerm[j]!]!;
  }
  fwdStart[n] = P;

  // 2. Sorted dictionary; renumber terms in sorted order.
  const termStrings = interner.strings;
  const T = termStrings.length;
  const order = Array.from({ length: T }, (_, i) => i);
  order.sort((a, b) => (termStrings[a]! < termStrings[b]! ? -1 : 1));
  const terms: string[] = new Array(T);
  const termIds = new Map<string, number>();
  const remap = new Uint32Array(T);
  for (let i = 0; i < T; i++) {
    const term = termStrings[order[i]!]!;
    terms[i] = term;
    termIds.set(term, i);
    remap[order[i]!] = i;
  }
  fwdTerm = fwdTerm.slice(0, P);
  fwdMask = fwdMask.slice(0, P);
  for (let j = 0; j < P; j++) fwdTerm[j] = remap[fwdTerm[j]!]!;

  // 3. Postings by counting sort on (term, class); records are visited in order, so each segment is
  // ascending.
  const classStart = new Uint32Array(T * CLASSES + 1);
  const CLASS_OF = new Uint8Array(32);
  for (let m = 0; m < 32; m++) CLASS_OF[m] = classOf(m);
  for (let j = 0; j < P; j++) classStart[fwdTerm[j]! * CLASSES + CLASS_OF[fwdMask[j]!]! + 1]!++;
  for (let k = 0; k < T * CLASSES; k++) classStart[k + 1]! += classStart[k]!;
  const fill = classStart.slice(0, T * CLASSES);
  const postDoc = new Uint32Array(P);
  const postMask = new Uint8Array(P);
  for (let d = 0; d < n; d++) {
    for (let j = fwdStart[d]!; j < fwdStart[d + 1]!; j++) {
      const m = fwdMask[j]!;
      const p = fill[fwdTerm[j]! * CLASSES + CLASS_OF[m]!]!++;
      postDoc[p] = d;
      postMask[p] = m;
    }
  }

  // 4. Union bitsets: frequent terms (≥ words postings: OR-ing the bitset costs less than the list),
  // and prefixes of 1..PREFIX_BITS_MAX_LENGTH letters whose range holds ≥ 4 × words postings.
  const termBits = new Map<number, Uint32Array>();
  for (let t = 0; t < T; t++) {
    const from = classStart[t * CLASSES]!;
    const to = classStart[(t + 1) * CLASSES]!;
    if (to - from < words) continue;
    const b = new Uint32Array(words);
    for (let j = from; j < to; j++) setBit(b, postDoc[j]!);
    termBits.set(t, b);
  }
  // Prefix unions: for every prefix whose range holds several terms and ≥ words / 2 postings (cheaper
  // ranges are merged at query time). Ranges shared by successive prefix lengths share one bitset.
  const prefixBits = new Map<string, { bits: Uint32Array; count: number }>();
  const heavy = Math.max(64, words >> 1);
  const byRange = new Map<number, { bits: Uint32Array; count: number }>();
  let maxLen = 0;
  for (let t = 0; t < T; t++) maxLen = Math.max(maxLen, terms[t]!.length);
  for (let L = 1; L <= maxLen; L++) {
    let t = 0;
    while (t < T) {
      if (terms[t]!.length < L) {
        t++;
        continue;
      }
      const p = terms[t]!.slice(0, L);
      let end = t + 1;
      while (end < T && terms[end]!.startsWith(p)) end++;
      if (end - t > 1 && classStart[end * CLASSES]! - classStart[t * CLASSES]! >= heavy) {
        const key = t * (T + 1) + end;
        let union = byRange.get(key);
        if (!union) {
          const b = new Uint32Array(words);
          for (let u = t; u < end; u++) {
            const tb = termBits.get(u);
            if (tb) for (let i = 0; i < words; i++) b[i]! |= tb[i]!;
            else
              for (let j = classStart[u * CLASSES]!; j < classStart[(u + 1) * CLASSES]!; j++)
                setBit(b, postDoc[j]!);
          }
          let count = 0;
          for (let i = 0; i < words; i++) count += popcount32(b[i]!);
          union = { bits: b, count };
          byRange.set(key, union);
        }
        prefixBits.set(p, union);
      }
      t = end;
    }
  }

  // 5. Typo tolerance: every one-deletion variant of every term of 4+ letters.
  let deletions: Map<string, number | number[]> | undefined;
  if (options.typoTolerance !== false) {
    deletions = new Map();
    for (let t = 0; t < T; t++) {
      const term = terms[t]!;
      const len = term.length;
      if (len < 4) continue;
      let prev = '';
      for (let i = 0; i < len; i++) {
        const v = term.slice(0, i) + term.slice(i + 1);
        if (v === prev) continue;
        prev = v;
        const e = deletions.get(v);
        if (e === undefined) deletions.set(v, t);
        else if (typeof e === 'number') deletions.set(v, [e, t]);
        else e.push(t);
      }
    }
  }

  // 6. Geo.
  const lat = new Float64Array(n).fill(Number.NaN);
  const lon = new Float64Array(n).fill(Number.NaN);
  const xyz = new Float64Array(3 * n).fill(Number.NaN);
  let geoCount = 0;
  for (let d = 0; d < n; d++) {
    const g = structures[d]!.geo;
    if (!g || !Number.isFinite(g.lat) || !Number.isFinite(g.lon)) continue;
    lat[d] = g.lat;
    lon[d] = g.lon;
    const phi = g.lat * DEG;
    const lambda = g.lon * DEG;
    const c = Math.cos(phi);
    xyz[3 * d] = c * Math.cos(lambda);
    xyz[3 * d + 1] = c * Math.sin(lambda);
    xyz[3 * d + 2] = Math.sin(phi);
    geoCount++;
  }
  // Records by latitude: one native sort of packed keys (latitude to 1e-7°, then record). The band
  // search only preselects: exact checks follow, so quantised latitudes are enough.
  const geoByLat = new Uint32Array(geoCount);
  const latSorted = new Float64Array(geoCount);
  if (n < 2 ** 21) {
    const packed = new Float64Array(geoCount);
    for (let d = 0, k = 0; d < n; d++) {
      if (!Number.isNaN(lat[d]!)) packed[k++] = Math.round((lat[d]! + 90) * 1e7) * 2 ** 21 + d;
    }
    packed.sort();
    for (let k = 0; k < geoCount; k++) {
      const d = packed[k]! % 2 ** 21;
      geoByLat[k] = d;
      latSorted[k] = Math.floor(packed[k]! / 2 ** 21) / 1e7 - 90;
    }
  } else {
    for (let d = 0, k = 0; d < n; d++) if (!Number.isNaN(lat[d]!)) geoByLat[k++] = d;
    geoByLat.sort((a, b) => lat[a]! - lat[b]! || a - b);
    for (let k = 0; k < geoCount; k++) latSorted[k] = lat[geoByLat[k]!]!;
  }

  const geoLat = new Float64Array(geoCount);
  const geoLon = new Float64Array(geoCount);
  const geoXyz = new Float64Array(3 * geoCount);
  for (let k = 0; k < geoCount; k++) {
    const d = geoByLat[k]!;
    geoLat[k] = lat[d]!;
    geoLon[k] = lon[d]!;
    geoXyz[3 * k] = xyz[3 * d]!;
    geoXyz[3 * k + 1] = xyz[3 * d + 1]!;
    geoXyz[3 * k + 2] = xyz[3 * d + 2]!;
  }

  // 7. Name collation and freshness ranks.
  const byName = nameOrder(
    structures.map((s) => s.name),
    new Intl.Collator('fr', { numeric: true }),
  );
  const nameRank = new Uint32Array(n);
  for (let i = 0; i < n; i++) nameRank[byName[i]!] = i;
  const times = new Float64Array(n);
  const timeCache = new Map<string, number>();
  for (let d = 0; d < n; d++) {
    const u = structures[d]!.updatedAt ?? '';
    let t = timeCache.get(u);
    if (t === undefined) {
      t = Date.parse(u);
      if (Number.isNaN(t)) t = Number.NEGATIVE_INFINITY;
      timeCache.set(u, t);
    }
    times[d] = t;
  }
  const distinctTimes = Float64Array.from(new Set(times)).sort().reverse();
  const timeRank = new Map<number, number>();
  for (let i = 0; i < distinctTimes.length; i++) timeRank.set(distinctTimes[i]!, i);
  const updatedKey = Uint32Array.from(times, (t) => timeRank.get(t)!);
  const byUpdated = countingOrder(n, distinctTimes.length, (d) => updatedKey[d]!);
  const updatedRank = new Uint32Array(n);
  for (let i = 0; i < n; i++) updatedRank[byUpdated[i]!] = i;

  // 8. Facets.
  const facets = {} as Record<FacetName, FacetData>;
  for (const name of FACET_NAMES) facets[name] = buildFacet(structures, name, words, labelOf);

  return {
    records: structures,
    size: n,
    options: { ...options },
    data: {
      n,
      words,
      terms,
      termIds,
      classStart,
      postDoc,
      postMask,
      termBits,
      prefixBits,
      fwdStart,
      fwdTerm,
      fwdMask,
      deletions,
      lat,
      lon,
      xyz,
      geoByLat,
      latSorted,
      geoLat,
      geoLon,
      geoXyz,
      byName,
      nameRank,
      byUpdated,
      updatedRank,
      facets,
      scratch: {
        acc: new Int32Array(n),
        tok: new Uint8Array(n),
        cnt: new Uint8Array(n),
        touched: new Uint32Array(n),
        cand: new Uint32Array(n),
        termMark: new Uint8Array(T),
        bitsA: new Uint32Array(words),
      },
    },
  };
}
