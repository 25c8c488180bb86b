/**
 * Tokenisation for the search engine: French normalisation, stop words and a light plural stemmer.
 *
 * Character folding is {@link normalizeText}'s, applied character by character from a lookup table built
 * with `normalizeText` itself: lower case, accents removed, `œ` → `oe`, `æ` → `ae`, and every character
 * that is neither a letter nor a digit a separator, so apostrophes (`'`, `’`) and hyphens split words.
 * It runs on every word of every record at index time, in one pass over char codes, where the
 * regex-based `normalizeText` would cost several times more. (Only difference: context-dependent lower
 * casing, i.e. the Greek final sigma, is not applied.)
 *
 * @module
 */
import { normalizeText } from '../text/normalize.ts';

/**
 * French stop words, left out of the index. Single letters and `qu` are here so that elisions
 * (`l’`, `d’`, `qu’`, `j’`, `n’`, `s’`, `c’`, `m’`, `t’`, with `'` or `’`) vanish once the apostrophe has
 * split them from the word: `l’atelier` → `atelier`. All are 4 letters or fewer.
 */
export const STOP_WORDS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'a',
  'au',
  'aux',
  'avec',
  'c',
  'ce',
  'ces',
  'd',
  'dans',
  'de',
  'des',
  'du',
  'en',
  'et',
  'j',
  'l',
  'la',
  'le',
  'les',
  'm',
  'n',
  'ou',
  'par',
  'pour',
  'qu',
  's',
  'sa',
  'se',
  'ses',
  'son',
  'sur',
  't',
  'un',
  'une',
  'y',
]);

/** Longer words are not indexed (identifiers, glued URLs). */
export const MAX_TOKEN_LENGTH = 40;

// Fold classes: ≥ 0 a single folded code; SEP a separator; IGNORE a combining mark (dropped, no
// split); MULTI several characters (`œ` → "oe", `½` → "1 2": spaces in them separate).
/** @internal */
export const SEP = -1;
/** @internal */
export const IGNORE = -2;
/** @internal */
export const MULTI = -3;

/** @internal */
export interface FoldTables {
  low: Int32Array;
  multi: Map<number, string>;
}
let tables: FoldTables | undefined;

function classify(ch: string, multi: Map<number, string>, code: number): number {
  const folded = normalizeText(ch);
  if (folded === '') return SEP;
  if (folded.length === 1) return folded.charCodeAt(0);
  multi.set(code, folded);
  return MULTI;
}

/** @internal */
export function foldTables(): FoldTables {
  if (tables) return tables;
  const low = new Int32Array(0x250);
  const multi = new Map<number, string>();
  for (let c = 0; c < 0x250; c++) low[c] = classify(String.fromCharCode(c), multi, c);
  tables = { low, multi };
  return tables;
}

const MARK = /^\p{M}$/u;
const wideClasses = /* @__PURE__ */ new Map<number, number>();

/** Fold class of a code point ≥ U+0250 (cached). @internal */
export function wideClass(cp: number, t: FoldTables): number {
  let f = wideClasses.get(cp);
  if (f === undefined) {
    const ch = String.fromCodePoint(cp);
    f = MARK.test(ch) ? IGNORE : classify(ch, t.multi, cp);
    wideClasses.set(cp, f);
  }
  return f;
}

/** FNV-1a offset basis and prime: word hashes are computed while scanning. @internal */
export const HASH_SEED = 0x811c9dc5;
const HASH_PRIME = 0x01000193;

let buf: Uint16Array = /* @__PURE__ */ new Uint16Array(64);

/**
 * Folds `text` and calls `onWord(buf, len, hash, hashButLast)` for each word: its folded char codes in
 * `buf[0..len)` (a shared buffer: copy what you keep, and do not scan again from the callback), the
 * FNV-1a hash of those codes and the hash of all but the last (for the stemmed form).
 * @internal
 */
export function scanWords(
  text: string,
  onWord: (buf: Uint16Array, len: number, hash: number, hashButLast: number) => void,
): void {
  const t = foldTables();
  const low = t.low;
  // Room for the whole text up front (expansions are checked on their own path).
  if (buf.length < text.length + 8) buf = new Uint16Array(text.length * 2 + 64);
  let b = buf;
  let len = 0;
  let h = HASH_SEED;
  let hPrev = HASH_SEED;
  let inWord = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      b[len++] = c;
      hPrev = h;
      h = Math.imul(h ^ c, HASH_PRIME);
      inWord = true;
      continue;
    }
    let f: number;
    let cp = c;
    if (c < 0x250) f = low[c]!;
    else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const c2 = text.charCodeAt(i + 1);
        if (c2 >= 0xdc00 && c2 <= 0xdfff) {
          cp = ((c - 0xd800) << 10) + (c2 - 0xdc00) + 0x10000;
          i++;
        }
      }
      f = wideClass(cp, t);
    }
    if (f >= 0) {
      b[len++] = f;
      hPrev = h;
      h = Math.imul(h ^ f, HASH_PRIME);
      inWord = true;
    } else if (f === SEP) {
      if (inWord) {
        if (len > 0) onWord(b, len, h >>> 0, hPrev >>> 0);
        len = 0;
        h = hPrev = HASH_SEED;
        inWord = false;
      }
    } else if (f === IGNORE) {
      inWord = true;
    } else {
      const s = t.multi.get(cp)!;
      // Keep room for the expansion and for the rest of the text (one code per character).
      if (b.length - len < s.length + (n - i) + 8) b = buf = growBuffer(b, len + s.length + (n - i) + 64);
      for (let j = 0; j < s.length; j++) {
        const m = s.charCodeAt(j);
        if (m === 32) {
          if (len > 0) onWord(b, len, h >>> 0, hPrev >>> 0);
          len = 0;
          h = hPrev = HASH_SEED;
        } else {
          b[len++] = m;
          hPrev = h;
          h = Math.imul(h ^ m, HASH_PRIME);
        }
      }
      inWord = true;
    }
  }
  if (len > 0) onWord(b, len, h >>> 0, hPrev >>> 0);
}

function growBuffer(b: Uint16Array, min: number): Uint16Array {
  const g = new Uint16Array(Math.max(min, b.length * 2));
  g.set(b);
  return g;
}

/** The string of `buf[0..len)`. @internal */
export function codesToString(buf: Uint16Array, len: number): string {
  // apply() takes the typed array as an array-like: no iterator, unlike a spread.
  const chunk = 4096;
  if (len <= chunk) return String.fromCharCode.apply(null, buf.subarray(0, len) as unknown as number[]);
  let s = '';
  for (let i = 0; i < len; i += chunk)
    s += String.fromCharCode.apply(null, buf.subarray(i, Math.min(len, i + chunk)) as unknown as number[]);
  return s;
}

/** The folded words of `text`, as `normalizeText(text).split(' ')` gives them (`[]` for blank text). */
export function words(text: string): string[] {
  const out: string[] = [];
  collected = out;
  scanWords(text, collect);
  collected = undefined;
  return out;
}
let collected: string[] | undefined;
const collect = (b: Uint16Array, len: number): void => {
  collected!.push(codesToString(b, len));
};

/**
 * Light French plural stemmer for folded words: drops a final `s` (not `ss`, not after a digit) and the
 * `x` of `-ux` (`réseaux` → `reseau`, `jeux` → `jeu`) on words of 4+ letters. Applied to records and
 * queries alike, so `jardins` finds `jardin` and the reverse.
 */
export function stem(w: string): string {
  const n = w.length;
  if (n < 4) return w;
  const last = w.charCodeAt(n - 1);
  const prev = w.charCodeAt(n - 2);
  if (last === 115 /* s */ && prev !== 115 && prev > 57) return w.slice(0, n - 1);
  if (last === 120 /* x */ && prev === 117 /* u */) return w.slice(0, n - 1);
  return w;
}

/** Length of the stemmed form of the word in `buf[0..len)` (see {@link stem}). @internal */
export function stemLength(buf: Uint16Array, len: number): number {
  if (len < 4) return len;
  const last = buf[len - 1]!;
  const prev = buf[len - 2]!;
  if (last === 115 && prev !== 115 && prev > 57) return len - 1;
  if (last === 120 && prev === 117) return len - 1;
  return len;
}

let stopTable: (string | undefined)[] | undefined;
const STOP_TABLE_SIZE = 128;

/** Whether the word in `buf[0..len)`, of hash `hash` (see {@link scanWords}), is a stop word. @internal */
export function isStopWord(buf: Uint16Array, len: number, hash: number): boolean {
  if (len > 4) return false;
  if (!stopTable) {
    stopTable = new Array(STOP_TABLE_SIZE);
    for (const w of STOP_WORDS) {
      let h = HASH_SEED;
      for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), HASH_PRIME);
      let slot = (h >>> 0) & (STOP_TABLE_SIZE - 1);
      while (stopTable[slot] !== undefined) slot = (slot + 1) & (STOP_TABLE_SIZE - 1);
      stopTable[slot] = w;
    }
  }
  let slot = hash & (STOP_TABLE_SIZE - 1);
  for (;;) {
    const w = stopTable[slot];
    if (w === undefined) return false;
    if (w.length === len) {
      let i = 0;
      while (i < len && w.charCodeAt(i) === buf[i]) i++;
      if (i === len) return true;
    }
    slot = (slot + 1) & (STOP_TABLE_SIZE - 1);
  }
}

/**
 * The index terms of `text`: folded words, stop words and over-long words dropped, plurals stemmed. In
 * text order, duplicates included.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length > MAX_TOKEN_LENGTH || STOP_WORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/**
 * The terms of a search query. Stop words are dropped, unless the query is made of stop words only:
 * then the last one is kept (as a prefix, it is probably the start of a word being typed: `la` →
 * `laverie`). Duplicates are removed.
 */
export function queryTerms(text: string): string[] {
  const out: string[] = [];
  let lastStop: string | undefined;
  for (const w of words(text)) {
    if (w.length > MAX_TOKEN_LENGTH) continue;
    if (STOP_WORDS.has(w)) {
      lastStop = w;
      continue;
    }
    const t = stem(w);
    if (!out.includes(t)) out.push(t);
  }
  if (out.length === 0 && lastStop !== undefined) out.push(lastStop);
  return out;
}
