/**
 * Text matching over a {@link SearchIndex}'s dictionary: planning each query word (prefix and one-typo
 * terms), scoring the records that match, and the top records of a single word without scoring all.
 *
 * @module
 */
import {
  CLASSES,
  type IndexData,
  Q_EXACT,
  Q_FUZZY,
  Q_PREFIX,
  TOKEN_SCORES,
  wordScore,
} from './index-data.ts';
import { lowerBound } from '../core/sorted.ts';
import { has, popcount } from '../core/bitset.ts';

/** Score bonus per matched word with `matching: 'any'` (above any sum of word scores). */
const ANY_WORD_BONUS = 1024;

const EXACT = TOKEN_SCORES[Q_EXACT]!;
const PREFIX = TOKEN_SCORES[Q_PREFIX]!;
const FUZZY = TOKEN_SCORES[Q_FUZZY]!;

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
export interface WordPlan {
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

export function planWord(D: IndexData, w: string): WordPlan {
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
export function matchText(D: IndexData, plans: WordPlan[], any: boolean): number {
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
export function wordBits(D: IndexData, p: WordPlan): { bits: Uint32Array; count: number } {
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
export function gatherTop(
  D: IndexData,
  p: WordPlan,
  filter: Uint32Array | null,
  k: number,
): [number[], number[]] {
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
export function singleScore(D: IndexData, p: WordPlan, d: number): number {
  const mark = D.scratch.termMark;
  for (const t of p.fuzzy) mark[t] = 1;
  const s = scoreInDoc(D, p, d, mark);
  for (const t of p.fuzzy) mark[t] = 0;
  return s;
}
