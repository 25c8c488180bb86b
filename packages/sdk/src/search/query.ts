/**
 * Query execution over a {@link SearchIndex}.
 *
 * @module
 */
import {
  CLASSES,
  type FacetData,
  type IndexData,
  Q_EXACT,
  Q_FUZZY,
  Q_PREFIX,
  type SearchIndex,
  TOKEN_SCORES,
  wordScore,
} from './build.ts';
import { EARTH_RADIUS_KM } from '../core/geo.ts';
import { chordToKm, kmToChord2, unitVector } from './chord.ts';
import { lowerBound } from '../core/sorted.ts';
import { and, has, popcount, popcountAnd, setBit } from '../core/bitset.ts';
import { TopK } from '../core/top-k.ts';
import { queryTerms } from './tokenize.ts';
import {
  type BBox,
  FACET_NAMES,
  type FacetName,
  type FacetValueCount,
  type NearPoint,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SortBy,
  type TerritoryScope,
} from './types.ts';

/** Default hits per page. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest accepted page size. */
export const MAX_PAGE_SIZE = 1000;
/** Default number of values per facet. */
export const DEFAULT_MAX_FACET_VALUES = 100;
/** At most this many query words are used. */
export const MAX_QUERY_TERMS = 16;
/** Score bonus per matched word with `matching: 'any'` (above any sum of word scores). */
const ANY_WORD_BONUS = 1024;

const EXACT = TOKEN_SCORES[Q_EXACT]!;
const PREFIX = TOKEN_SCORES[Q_PREFIX]!;
const FUZZY = TOKEN_SCORES[Q_FUZZY]!;
const DEG_KM = (EARTH_RADIUS_KM * Math.PI) / 180;

/** Adds the records of facet value `v` to bitset `out`. */
function orValue(f: FacetData, v: number, out: Uint32Array): void {
  const bits = f.bits[v];
  if (bits) for (let i = 0; i < out.length; i++) out[i]! |= bits[i]!;
  else for (let j = f.valStart[v]!; j < f.valStart[v + 1]!; j++) setBit(out, f.valDocs[j]!);
}

// ─── text ───────────────────────────────────────────────────────────────────────────────────────────

/** True when `a` and `b` differ by at most one insertion, deletion, substitution or transposition. */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (i === la) return true;
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** How one query word matches the dictionary. */
interface WordPlan {
  word: string;
  /** Terms starting with the word: [lo, hi). */
  lo: number;
  hi: number;
  /** The word itself, if a term (then lo), else -1. */
  exact: number;
  /** Terms one typo away, outside [lo, hi). */
  fuzzy: number[];
  /** Number of postings to read. */
  cost: number;
}

function pushIds(e: number | number[] | undefined, out: number[]): void {
  if (e === undefined) return;
  if (typeof e === 'number') out.push(e);
  else for (let i = 0; i < e.length; i++) out.push(e[i]!);
}

function planWord(D: IndexData, w: string): WordPlan {
  const terms = D.terms;
  const cs = D.classStart;
  const lo = lowerBound(terms, w);
  const hi = lowerBound(terms, w + '\uffff');
  const exact = lo < hi && terms[lo] === w ? lo : -1;
  const fuzzy: number[] = [];
  let cost = cs[hi * CLASSES]! - cs[lo * CLASSES]!;
  const dels = D.deletions;
  if (dels && w.length >= 5) {
    // Candidates: terms with one more letter (their deletions include w), one letter less (w's
    // deletions), or sharing a deletion with w (substitutions, transpositions); then verified.
    const candidates: number[] = [];
    pushIds(dels.get(w), candidates);
    let prev = '';
    for (let i = 0; i < w.length; i++) {
      const v = w.slice(0, i) + w.slice(i + 1);
      if (v === prev) continue;
      prev = v;
      const t = D.termIds.get(v);
      if (t !== undefined) candidates.push(t);
      pushIds(dels.get(v), candidates);
    }
    const mark = D.scratch.termMark;
    for (let i = 0; i < candidates.length; i++) {
      const t = candidates[i]!;
      if ((t >= lo && t < hi) || mark[t] || !withinOneEdit(w, terms[t]!)) continue;
      mark[t] = 1;
      fuzzy.push(t);
      cost += cs[(t + 1) * CLASSES]! - cs[t * CLASSES]!;
    }
    for (let i = 0; i < fuzzy.length; i++) mark[fuzzy[i]!] = 0;
  }
  return { word: w, lo, hi, exact, fuzzy, cost };
}

/** Best score of the word per record into `tok`, new records appended to `touched`; returns the count. */
function fillWord(D: IndexData, p: WordPlan, tok: Uint8Array, touched: Uint32Array): number {
  const { classStart: cs, postDoc, postMask } = D;
  let tc = 0;
  const from = cs[p.lo * CLASSES]!;
  const to = cs[p.hi * CLASSES]!;
  let exactEnd = from;
  if (p.exact >= 0) {
    exactEnd = cs[(p.exact + 1) * CLASSES]!;
    // The exact term comes first and no record is touched twice within it.
    for (let j = from; j < exactEnd; j++) {
      const d = postDoc[j]!;
      tok[d] = EXACT[postMask[j]!]!;
      touched[tc++] = d;
    }
  }
  for (let j = exactEnd; j < to; j++) {
    const d = postDoc[j]!;
    const s = PREFIX[postMask[j]!]!;
    const cur = tok[d]!;
    if (s > cur) {
      if (cur === 0) touched[tc++] = d;
      tok[d] = s;
    }
  }
  for (const t of p.fuzzy) {
    for (let j = cs[t * CLASSES]!; j < cs[(t + 1) * CLASSES]!; j++) {
      const d = postDoc[j]!;
      const s = FUZZY[postMask[j]!]!;
      const cur = tok[d]!;
      if (s > cur) {
        if (cur === 0) touched[tc++] = d;
        tok[d] = s;
      }
    }
  }
  return tc;
}

/** Score of the word in record `d`, from the forward index (0 when absent); fuzzy terms marked. */
function scoreInDoc(D: IndexData, p: WordPlan, d: number, mark: Uint8Array): number {
  const { fwdStart, fwdTerm, fwdMask } = D;
  let best = 0;
  for (let j = fwdStart[d]!; j < fwdStart[d + 1]!; j++) {
    const t = fwdTerm[j]!;
    let s = 0;
    if (t >= p.lo && t < p.hi) s = (t === p.exact ? EXACT : PREFIX)[fwdMask[j]!]!;
    else if (mark[t]) s = FUZZY[fwdMask[j]!]!;
    if (s > best) best = s;
  }
  return best;
}

/**
 * Multi-word matching: candidates in `scratch.cand[0..count)`, their scores in `scratch.acc` (to be
 * reset by the caller). Returns the count.
 */
function matchText(D: IndexData, plans: WordPlan[], any: boolean): number {
  const { acc, tok, cnt, touched, cand, termMark } = D.scratch;
  if (any) {
    let c = 0;
    for (const p of plans) {
      const tc = fillWord(D, p, tok, touched);
      for (let i = 0; i < tc; i++) {
        const d = touched[i]!;
        if (cnt[d] === 0) cand[c++] = d;
        cnt[d]!++;
        acc[d]! += tok[d]!;
        tok[d] = 0;
      }
    }
    for (let i = 0; i < c; i++) {
      const d = cand[i]!;
      acc[d]! += cnt[d]! * ANY_WORD_BONUS;
      cnt[d] = 0;
    }
    return c;
  }
  // Every word must match: start from the most selective word, then check the others.
  plans = plans.slice().sort((a, b) => a.cost - b.cost);
  let c = fillWord(D, plans[0]!, tok, touched);
  for (let i = 0; i < c; i++) {
    const d = touched[i]!;
    acc[d] = tok[d]!;
    tok[d] = 0;
    cand[i] = d;
  }
  const termsPerDoc = D.fwdTerm.length / Math.max(1, D.n);
  for (let k = 1; k < plans.length && c > 0; k++) {
    const p = plans[k]!;
    let kept = 0;
    if (c * termsPerDoc < p.cost) {
      // Few candidates left: look the word up in each candidate's own terms.
      for (const t of p.fuzzy) termMark[t] = 1;
      for (let i = 0; i < c; i++) {
        const d = cand[i]!;
        const s = scoreInDoc(D, p, d, termMark);
        if (s > 0) {
          acc[d]! += s;
          cand[kept++] = d;
        } else acc[d] = 0;
      }
      for (const t of p.fuzzy) termMark[t] = 0;
    } else {
      const tc = fillWord(D, p, tok, touched);
      for (let i = 0; i < c; i++) {
        const d = cand[i]!;
        const s = tok[d]!;
        if (s > 0) {
          acc[d]! += s;
          cand[kept++] = d;
        } else acc[d] = 0;
      }
      for (let i = 0; i < tc; i++) tok[touched[i]!] = 0;
    }
    c = kept;
  }
  return c;
}

/**
 * Records matching one word, as a bitset and its size: a precomputed prefix union when there is one,
 * else built in `scratch.bitsA` (which the caller must clear). Read only.
 */
function wordBits(D: IndexData, p: WordPlan): { bits: Uint32Array; count: number } {
  const pre = D.prefixBits.get(p.word);
  if (pre && p.fuzzy.length === 0) return pre;
  const out = D.scratch.bitsA;
  const { classStart: cs, postDoc, termBits } = D;
  let count = 0;
  let ored = false;
  const span = p.hi - p.lo;
  let k = 0;
  if (pre) {
    out.set(pre.bits);
    count = pre.count;
    k = span; // the range is in the precomputed union: only typo terms to add
  }
  const n = span + p.fuzzy.length;
  for (; k < n; k++) {
    const t = k < span ? p.lo + k : p.fuzzy[k - span]!;
    const tb = termBits.get(t);
    if (tb) {
      for (let i = 0; i < out.length; i++) out[i]! |= tb[i]!;
      ored = true;
      continue;
    }
    const to = cs[(t + 1) * CLASSES]!;
    for (let j = cs[t * CLASSES]!; j < to; j++) {
      const d = postDoc[j]!;
      const w = d >>> 5;
      const m = 1 << (d & 31);
      const x = out[w]!;
      if ((x & m) === 0) {
        out[w] = x | m;
        count++;
      }
    }
  }
  return { bits: out, count: ored ? popcount(out) : count };
}

/** (quality, class, score) by decreasing score: the order in which a word's records are ranked. */
const GATHER_ORDER: readonly (readonly [number, number, number])[] = /* @__PURE__ */ (() => {
  const out: [number, number, number][] = [];
  for (const q of [Q_EXACT, Q_PREFIX, Q_FUZZY])
    for (let c = 0; c < CLASSES; c++) out.push([q, c, wordScore(q, c)]);
  return out.sort((a, b) => b[2] - a[2]);
})();

/**
 * The `k` best records for one word (score, then feed order) passing `filter`, without scoring every
 * match: postings are visited by decreasing score (quality × field class); inside a score, the
 * segments of the matching terms (each ascending) are merged in record order, and the walk stops as
 * soon as `k` records are found. (No closures: this runs on every keystroke.)
 */
function gatherTop(D: IndexData, p: WordPlan, filter: Uint32Array | null, k: number): [number[], number[]] {
  const { tok: seen, touched } = D.scratch;
  const { classStart: cs, postDoc } = D;
  const docs: number[] = [];
  const scores: number[] = [];
  let tc = 0;
  // Cursors of the current group's segments: positions and ends; a min-heap on postDoc[position].
  let pos = new Uint32Array(16);
  let end = new Uint32Array(16);
  const span = p.hi - p.lo;
  outer: for (let o = 0; o < GATHER_ORDER.length; o++) {
    const [q, cls, score] = GATHER_ORDER[o]!;
    let S = 0;
    const count = q === Q_EXACT ? (p.exact >= 0 ? 1 : 0) : q === Q_PREFIX ? span : p.fuzzy.length;
    for (let i = 0; i < count; i++) {
      const t = q === Q_EXACT ? p.exact : q === Q_PREFIX ? p.lo + i : p.fuzzy[i]!;
      if (q === Q_PREFIX && t === p.exact) continue;
      const from = cs[t * CLASSES + cls]!;
      const to = cs[t * CLASSES + cls + 1]!;
      if (from === to) continue;
      if (S === pos.length) {
        const p2 = new Uint32Array(S * 2);
        p2.set(pos);
        pos = p2;
        const e2 = new Uint32Array(S * 2);
        e2.set(end);
        end = e2;
      }
      pos[S] = from;
      end[S++] = to;
    }
    if (S === 0) continue;
    // Heapify, then pop records in ascending order (a record in several segments comes out in a row).
    for (let r = (S >> 1) - 1; r >= 0; r--) siftDown(pos, end, postDoc, r, S);
    let size = S;
    let last = -1;
    while (size > 0) {
      const d = postDoc[pos[0]!]!;
      if (d !== last && !seen[d]) {
        last = d;
        seen[d] = 1;
        touched[tc++] = d;
        if (filter === null || has(filter, d)) {
          docs.push(d);
          scores.push(score);
          if (docs.length >= k) break outer;
        }
      }
      if (++pos[0]! === end[0]!) {
        size--;
        pos[0] = pos[size]!;
        end[0] = end[size]!;
      }
      if (size > 1) siftDown(pos, end, postDoc, 0, size);
    }
  }
  for (let i = 0; i < tc; i++) seen[touched[i]!] = 0;
  return [docs, scores];
}

function siftDown(pos: Uint32Array, end: Uint32Array, postDoc: Uint32Array, i: number, size: number): void {
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) return;
    const r = l + 1;
    const c = r < size && postDoc[pos[r]!]! < postDoc[pos[l]!]! ? r : l;
    if (postDoc[pos[c]!]! >= postDoc[pos[i]!]!) return;
    const tp = pos[i]!;
    const te = end[i]!;
    pos[i] = pos[c]!;
    end[i] = end[c]!;
    pos[c] = tp;
    end[c] = te;
    i = c;
  }
}

/** Score of one word in record `d` (0 when absent). */
function singleScore(D: IndexData, p: WordPlan, d: number): number {
  const mark = D.scratch.termMark;
  for (const t of p.fuzzy) mark[t] = 1;
  const s = scoreInDoc(D, p, d, mark);
  for (const t of p.fuzzy) mark[t] = 0;
  return s;
}

// ─── filters ────────────────────────────────────────────────────────────────────────────────────────

function checkNear(near: NearPoint | undefined): NearPoint | undefined {
  if (!near) return undefined;
  const { lat, lon, radiusKm } = near;
  if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90 && Number.isFinite(lon) && lon >= -180 && lon <= 180))
    throw new RangeError(`search: near needs lat in [-90, 90] and lon in [-180, 180], got ${lat}, ${lon}`);
  if (radiusKm !== undefined && !(radiusKm >= 0))
    throw new RangeError(`search: near.radiusKm must be a number ≥ 0 (or left out), got ${radiusKm}`);
  return near;
}

function checkBbox(b: BBox | undefined): BBox | undefined {
  if (!b) return undefined;
  const [w, s, e, n] = b;
  const ok =
    b.length === 4 &&
    [w, e].every((x) => Number.isFinite(x) && x >= -180 && x <= 180) &&
    [s, n].every((x) => Number.isFinite(x) && x >= -90 && x <= 90) &&
    s <= n;
  if (!ok)
    throw new RangeError(`search: bbox must be [west, south, east, north] in degrees, got [${b.join(', ')}]`);
  return b;
}

/** First index of sorted `a` with a value ≥ x (or > x when `after`). */
function boundF(a: Float64Array, x: number, after: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid]!;
    if (v < x || (after && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Records with coordinates between two latitudes (and a little more): [from, to) in `geoByLat`. */
function latBand(D: IndexData, south: number, north: number): [number, number] {
  // latSorted holds latitudes rounded to 1e-7°: widen, exact checks follow.
  return [boundF(D.latSorted, south - 1e-6, false), boundF(D.latSorted, north + 1e-6, true)];
}

/** Records a geo filter may restrict itself to (the text matches), when fewer than a latitude band. */
interface Within {
  count: number;
  list?: Uint32Array;
  bits?: Uint32Array;
}

/** Calls `f` on each record of `w`. */
function eachWithin(w: Within, f: (d: number) => void): void {
  if (w.list) for (let i = 0; i < w.count; i++) f(w.list[i]!);
  else if (w.bits) forEachBit(w.bits, f);
}

/** Bitset of records within the radius (among `within` when given and smaller than the band). */
function radiusBits(D: IndexData, near: NearPoint, radiusKm: number, within: Within | null): Uint32Array {
  const out = new Uint32Array(D.words);
  const [x0, y0, z0] = unitVector(near.lat, near.lon);
  const max = kmToChord2(radiusKm);
  const dLat = radiusKm / DEG_KM;
  const [from, to] = latBand(D, near.lat - dLat, near.lat + dLat);
  if (within && within.count < to - from) {
    const xyz = D.xyz;
    eachWithin(within, (d) => {
      const dx = xyz[3 * d]! - x0;
      const dy = xyz[3 * d + 1]! - y0;
      const dz = xyz[3 * d + 2]! - z0;
      if (dx * dx + dy * dy + dz * dz <= max) setBit(out, d);
    });
  } else {
    // Band positions are stored in band order: a sequential scan.
    const { geoByLat: g, geoXyz: xyz } = D;
    for (let k = from; k < to; k++) {
      const dx = xyz[3 * k]! - x0;
      const dy = xyz[3 * k + 1]! - y0;
      const dz = xyz[3 * k + 2]! - z0;
      if (dx * dx + dy * dy + dz * dz <= max) {
        setBit(out, g[k]!);
      }
    }
  }
  return out;
}

function bboxBits(D: IndexData, b: BBox, within: Within | null): Uint32Array {
  const out = new Uint32Array(D.words);
  const [w, s, e, n] = b;
  const wraps = w > e;
  const [from, to] = latBand(D, s, n);
  if (within && within.count < to - from) {
    const { lat, lon } = D;
    eachWithin(within, (d) => {
      const y = lat[d]!;
      const x = lon[d]!;
      if (y >= s && y <= n && (wraps ? x >= w || x <= e : x >= w && x <= e)) setBit(out, d);
    });
  } else {
    const { geoByLat: g, geoLat, geoLon } = D;
    for (let k = from; k < to; k++) {
      const y = geoLat[k]!;
      const x = geoLon[k]!;
      if (y >= s && y <= n && (wraps ? x >= w || x <= e : x >= w && x <= e)) {
        setBit(out, g[k]!);
      }
    }
  }
  return out;
}

const TERRITORY_LEVELS: readonly [keyof TerritoryScope, FacetName][] = [
  ['regions', 'region'],
  ['departements', 'departement'],
  ['epcis', 'epci'],
  ['communes', 'commune'],
];

function territoryBits(D: IndexData, t: TerritoryScope): Uint32Array | null {
  let out: Uint32Array | null = null;
  for (const [key, facet] of TERRITORY_LEVELS) {
    const codes = t[key];
    if (!codes) continue;
    out ??= new Uint32Array(D.words);
    const f = D.facets[facet];
    for (const code of codes) {
      const v = f.ids.get(code);
      if (v !== undefined) orValue(f, v, out);
    }
  }
  return out;
}

// ─── ordering ───────────────────────────────────────────────────────────────────────────────────────

// ─── facets ─────────────────────────────────────────────────────────────────────────────────────────

/** Value counts of facet `f` over the records of `mask` (null = all records; `m` = its size). */
function countFacet(D: IndexData, f: FacetData, mask: Uint32Array | null, m: number): Uint32Array {
  const V = f.values.length;
  const counts = new Uint32Array(V);
  if (mask === null) {
    for (let v = 0; v < V; v++) counts[v] = f.valStart[v + 1]! - f.valStart[v]!;
    return counts;
  }
  const perDoc = D.words + (m * f.docVals.length) / Math.max(1, D.n);
  if (perDoc < f.perValueCost) {
    const { docStart, docVals } = f;
    for (let i = 0; i < mask.length; i++) {
      let w = mask[i]!;
      while (w !== 0) {
        const t = w & -w;
        const d = (i << 5) | (31 - Math.clz32(t));
        w ^= t;
        for (let j = docStart[d]!; j < docStart[d + 1]!; j++) counts[docVals[j]!]!++;
      }
    }
  } else {
    const { valStart, valDocs, bits } = f;
    for (let v = 0; v < V; v++) {
      const b = bits[v];
      if (b) counts[v] = popcountAnd(b, mask);
      else {
        let c = 0;
        for (let j = valStart[v]!; j < valStart[v + 1]!; j++) if (has(mask, valDocs[j]!)) c++;
        counts[v] = c;
      }
    }
  }
  return counts;
}

function facetList(
  f: FacetData,
  counts: Uint32Array,
  selected: readonly string[],
  max: number,
): FacetValueCount[] {
  const ids: number[] = [];
  for (let v = 0; v < counts.length; v++) if (counts[v]! > 0) ids.push(v);
  const values = f.values;
  ids.sort((a, b) => counts[b]! - counts[a]! || (values[a]! < values[b]! ? -1 : 1));
  const out: FacetValueCount[] = [];
  const sel = new Set(selected);
  const item = (v: number): FacetValueCount => {
    const value = values[v]!;
    const label = f.labels[v];
    return label === undefined
      ? { value, count: counts[v]!, selected: sel.has(value) }
      : { value, label, count: counts[v]!, selected: sel.has(value) };
  };
  for (let i = 0; i < ids.length && i < max; i++) out.push(item(ids[i]!));
  for (const value of sel) {
    if (out.some((x) => x.value === value)) continue;
    const v = f.ids.get(value);
    out.push(v === undefined ? { value, count: 0, selected: true } : item(v));
  }
  return out;
}

// ─── search ─────────────────────────────────────────────────────────────────────────────────────────

function intIn(x: number | undefined, dflt: number, min: number, max: number): number {
  if (x === undefined || !Number.isFinite(x)) return dflt;
  return Math.min(max, Math.max(min, Math.floor(x)));
}

/** The sort applied for `query` (see {@link SearchQuery.sort}). */
export function effectiveSort(query: SearchQuery, hasText: boolean): SortBy {
  const s = query.sort;
  if (s && (s !== 'distance' || query.near)) return s;
  return hasText ? 'relevance' : query.near ? 'distance' : 'name';
}

/** Calls `f` for each record of bitset `b`, ascending. */
function forEachBit(b: Uint32Array, f: (d: number) => void): void {
  for (let i = 0; i < b.length; i++) {
    let w = b[i]!;
    while (w !== 0) {
      const t = w & -w;
      w ^= t;
      f((i << 5) | (31 - Math.clz32(t)));
    }
  }
}

/**
 * Runs `query` on `index`: text matching and ranking, facet, territory and geo filters, disjunctive
 * facet counts, sorting and pagination. Synchronous; a query over 100,000 structures takes a few
 * milliseconds at most.
 *
 * @throws RangeError when `near` or `bbox` hold impossible coordinates.
 */
export function search(index: SearchIndex, query: SearchQuery = {}): SearchResult {
  return run(index, query, MAX_PAGE_SIZE);
}

function run(index: SearchIndex, query: SearchQuery, maxPageSize: number): SearchResult {
  const D = index.data;
  const n = D.n;
  const near = checkNear(query.near);
  const bbox = checkBbox(query.bbox);
  const pageSize = intIn(query.pageSize, DEFAULT_PAGE_SIZE, 0, maxPageSize);
  const page = intIn(query.page, 1, 1, Number.MAX_SAFE_INTEGER);
  const maxFacetValues = intIn(query.maxFacetValues, DEFAULT_MAX_FACET_VALUES, 0, Number.MAX_SAFE_INTEGER);
  const words = query.text ? queryTerms(query.text).slice(0, MAX_QUERY_TERMS) : [];
  const hasText = words.length > 0;
  const sort = effectiveSort(query, hasText);
  const facetNames = query.facetNames ?? FACET_NAMES;
  const { acc, cand, bitsA } = D.scratch;

  // Text: one word with many postings → a bitset of its records (scores only for the page); else
  // the candidate list with (summed) scores.
  const plans: WordPlan[] = [];
  for (let i = 0; i < words.length; i++) plans.push(planWord(D, words[i]!));
  const single = plans.length === 1 && plans[0]!.cost >= 0 ? plans[0]! : undefined;
  let textBits: Uint32Array | null = null;
  let textCount = 0;
  let c = 0;
  if (single) ({ bits: textBits, count: textCount } = wordBits(D, single));
  else if (hasText) c = matchText(D, plans, query.matching === 'any');
  const listed = hasText && !single; // candidates in cand[0..c), scores in acc
  try {
    // Scope: territory ∧ radius ∧ bbox (null = no restriction).
    if (!single) textCount = c;
    const within: Within | null = listed
      ? { list: cand, count: c }
      : textBits
        ? { bits: textBits, count: textCount }
        : null;
    let scope: Uint32Array | null = query.territory ? territoryBits(D, query.territory) : null;
    if (near?.radiusKm !== undefined) scope = and(scope, radiusBits(D, near, near.radiusKm, within));
    if (bbox) scope = and(scope, bboxBits(D, bbox, within));

    // Facet selections.
    const selections: { name: FacetName; values: readonly string[]; bits: Uint32Array }[] = [];
    if (query.facets) {
      for (const name of FACET_NAMES) {
        const values = query.facets[name];
        if (!values || values.length === 0) continue;
        const f = D.facets[name];
        const bits = new Uint32Array(D.words);
        for (const value of values) {
          const v = f.ids.get(value);
          if (v !== undefined) orValue(f, v, bits);
        }
        selections.push({ name, values, bits });
      }
    }
    let filter = scope;
    for (const s of selections) filter = and(filter, s.bits);

    // Total, and the matching records as a bitset when it is cheap.
    let total: number;
    let matchBits: Uint32Array | null = null; // null: see `listed` / all records
    if (textBits) {
      const bits = filter ? and(textBits, filter)! : textBits;
      matchBits = bits;
      total = filter ? popcount(bits) : textCount;
    } else if (listed) {
      total = 0;
      if (filter) {
        for (let i = 0; i < c; i++) if (has(filter, cand[i]!)) total++;
      } else total = c;
    } else {
      matchBits = filter;
      total = filter ? popcount(filter) : n;
    }

    // Hits.
    const start = (page - 1) * pageSize;
    const hits: SearchHit[] = [];
    if (pageSize > 0 && start < total) {
      const k = Math.min(total, start + pageSize);
      let order: number[];
      let scores: number[] | undefined;
      const walk =
        sort === 'name'
          ? D.byName
          : sort === 'updated'
            ? D.byUpdated
            : sort === 'relevance' && !hasText
              ? null
              : undefined;
      if (sort === 'relevance' && single) {
        [order, scores] = gatherTop(D, single, filter, k);
      } else if (walk !== undefined && total * total > k * n) {
        // Dense result: walk the precomputed order (null: feed order) until the page is full.
        order = [];
        for (let i = 0; i < n && order.length < k; i++) {
          const d = walk ? walk[i]! : i;
          if (matchBits ? has(matchBits, d) : listed ? acc[d]! > 0 && (!filter || has(filter, d)) : true)
            order.push(d);
        }
      } else {
        const top = new TopK(k);
        let key: (d: number) => number;
        if (sort === 'relevance') key = listed ? (d) => -acc[d]! : (d) => d;
        else if (sort === 'name') key = (d) => D.nameRank[d]!;
        else if (sort === 'updated') key = (d) => D.updatedRank[d]!;
        else {
          const [x0, y0, z0] = unitVector(near!.lat, near!.lon);
          const xyz = D.xyz;
          key = (d) => {
            const dx = xyz[3 * d]! - x0;
            const dy = xyz[3 * d + 1]! - y0;
            const dz = xyz[3 * d + 2]! - z0;
            const c2 = dx * dx + dy * dy + dz * dz;
            return Number.isNaN(c2) ? Number.POSITIVE_INFINITY : c2;
          };
        }
        if (listed && sort === 'relevance') {
          for (let i = 0; i < c; i++) {
            const d = cand[i]!;
            if (filter === null || has(filter, d)) top.push(d, -acc[d]!);
          }
        } else if (listed) {
          for (let i = 0; i < c; i++) {
            const d = cand[i]!;
            if (filter === null || has(filter, d)) top.push(d, key(d));
          }
        } else if (matchBits) {
          for (let i = 0; i < matchBits.length; i++) {
            let w = matchBits[i]!;
            while (w !== 0) {
              const t = w & -w;
              w ^= t;
              const d = (i << 5) | (31 - Math.clz32(t));
              top.push(d, key(d));
            }
          }
        } else for (let d = 0; d < n; d++) top.push(d, key(d));
        order = top.sorted();
      }
      const origin = near ? unitVector(near.lat, near.lon) : undefined;
      for (let i = start; i < order.length; i++) {
        const d = order[i]!;
        const score = scores ? scores[i]! : single ? singleScore(D, single, d) : listed ? acc[d]! : 0;
        const hit: SearchHit = { record: index.records[d]!, index: d, score };
        if (origin && !Number.isNaN(D.lat[d]!)) {
          const dx = D.xyz[3 * d]! - origin[0];
          const dy = D.xyz[3 * d + 1]! - origin[1];
          const dz = D.xyz[3 * d + 2]! - origin[2];
          hit.distanceKm = chordToKm(dx * dx + dy * dy + dz * dz);
        }
        hits.push(hit);
      }
    }

    // Facets: each counted with everything but its own selection.
    const facets: SearchResult['facets'] = {};
    if (facetNames.length > 0) {
      if (listed) {
        textBits = new Uint32Array(D.words);
        for (let i = 0; i < c; i++) setBit(textBits, cand[i]!);
      }
      const base = and(textBits, scope);
      let shared: { mask: Uint32Array | null; m: number } | undefined;
      for (const name of facetNames) {
        const f = D.facets[name];
        if (!f) continue;
        const own = selections.find((s) => s.name === name);
        let mask: Uint32Array | null;
        let m: number;
        if (!own && shared) ({ mask, m } = shared);
        else {
          mask = base;
          for (const s of selections) if (s !== own) mask = and(mask, s.bits);
          m = mask === null ? n : popcount(mask);
          if (!own) shared = { mask, m };
        }
        facets[name] = facetList(f, countFacet(D, f, mask, m), own?.values ?? [], maxFacetValues);
      }
    }

    return {
      total,
      page,
      pageSize,
      pages: pageSize > 0 ? Math.ceil(total / pageSize) : 0,
      sort,
      hits,
      facets,
    };
  } finally {
    for (let i = 0; i < c; i++) acc[cand[i]!] = 0;
    if (single && textBits === bitsA) bitsA.fill(0);
  }
}

/**
 * Every hit of `query` (all pages, in the query's order; facets are not counted): for exports and maps.
 */
export function searchAll(index: SearchIndex, query: SearchQuery = {}): SearchHit[] {
  // One pass with no page limit (paging 1,000 at a time would rank the top k again for every page).
  return run(index, { ...query, facetNames: [], page: 1, pageSize: index.size }, Math.max(index.size, 1))
    .hits;
}
