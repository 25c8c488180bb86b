/**
 * The text part of the search index: every record's terms (tokenised, stop words dropped, stemmed) as a
 * forward index over a sorted dictionary, postings by field class, union bitsets of frequent terms and
 * heavy prefixes, and the one-deletion table for typo tolerance.
 *
 * @module
 */
import { popcount32, setBit } from '../core/bitset.ts';
import type { Structure } from '../schema/structure.ts';
import { CLASSES, classOf, F_DESC, F_NAME, F_NAME_START, F_PLACE, F_TAGS } from './index-data.ts';
import { codesToString, isStopWord, MAX_TOKEN_LENGTH, scanWords, stemLength } from './tokenize.ts';

/** A copy of `a` at least `min` long (sizes double). */
export function grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(a: T, min: number): T {
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

/** Forward index: each record's terms (ids into the sorted `terms`) with their field masks. */
export interface ForwardIndex {
  terms: string[];
  termIds: Map<string, number>;
  fwdStart: Uint32Array;
  fwdTerm: Uint32Array;
  fwdMask: Uint8Array;
}

/**
 * Terms of every record with a field mask per (record, term), renumbered in sorted dictionary order.
 * Searchable fields: name and alternate names, then keywords, networks, theme and public labels (through
 * `labelOf`), family and legal forms, then commune and postcode, then description.
 */
export function forwardIndex(
  structures: readonly Structure[],
  labelOf: ((id: string) => string | undefined) | undefined,
): ForwardIndex {
  const n = structures.length;
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
    if (labelOf) {
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

  // Sorted dictionary; renumber terms in sorted order.
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

  return { terms, termIds, fwdStart, fwdTerm, fwdMask };
}

/** Postings of term t, class c, records ascending (see `IndexData.classStart`). */
export interface Postings {
  classStart: Uint32Array;
  postDoc: Uint32Array;
  postMask: Uint8Array;
}

/** Postings by counting sort on (term, class) of the forward index. */
export function postings(fwd: ForwardIndex, n: number): Postings {
  const { terms, fwdStart, fwdTerm, fwdMask } = fwd;
  const T = terms.length;
  const P = fwdTerm.length;
  // Postings by counting sort on (term, class); records are visited in order, so each segment is
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

  return { classStart, postDoc, postMask };
}

/** Union bitsets of frequent terms and heavy prefix ranges (see `IndexData.termBits`, `prefixBits`). */
export function unionBitsets(
  terms: readonly string[],
  { classStart, postDoc }: Postings,
  words: number,
): {
  termBits: Map<number, Uint32Array>;
  prefixBits: Map<string, { bits: Uint32Array; count: number }>;
} {
  const T = terms.length;
  // Union bitsets: frequent terms (≥ words postings: OR-ing the bitset costs less than the list),
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

  return { termBits, prefixBits };
}

/** Typo tolerance: every one-deletion variant of every term of 4+ letters → the terms it comes from. */
export function deletionTable(terms: readonly string[]): Map<string, number | number[]> {
  const T = terms.length;
  const deletions = new Map<string, number | number[]>();
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
  return deletions;
}
