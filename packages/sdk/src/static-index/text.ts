/**
 * Text matching over a static index: each query word's records and scores, from the dictionary blocks
 * and postings it needs (the same prefix, exact and one-typo rules and word scores as the in-memory
 * engine's `text-match.ts`), then the words combined (`all` or `any`).
 *
 * @module
 */
import { Q_EXACT, Q_FUZZY, Q_PREFIX, wordScore } from '../search/index-data.ts';
import { withinOneEdit } from '../search/text-match.ts';
import type { DictBlock, PostingList, StaticIndexData } from './open.ts';

/** Score bonus per matched word with `matching: 'any'` (as `text-match.ts`). */
const ANY_WORD_BONUS = 1024;

/** Records matching a word or a query's text, ascending, with their scores. */
export interface TextMatches {
  docs: Uint32Array;
  scores: Int32Array;
}

const SCORE: readonly number[][] = [Q_EXACT, Q_PREFIX, Q_FUZZY].map((q) =>
  [0, 1, 2, 3, 4].map((c) => wordScore(q, c)),
);

/** Index of the last dictionary block whose first term is ≤ `term` (0 when none). */
function blockOf(first: readonly string[], term: string): number {
  let lo = 0;
  let hi = first.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (first[mid]! <= term) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

interface TermRef {
  block: DictBlock;
  i: number;
  quality: number;
}

/** Dictionary blocks holding the terms in `[from, to)`. */
function blocksOf(first: readonly string[], from: string, to: string): number[] {
  const b0 = blockOf(first, from);
  const b1 = blockOf(first, to);
  return Array.from({ length: b1 - b0 + 1 }, (_, k) => b0 + k);
}

/**
 * Terms one typo away from `w` (5+ letters), outside its prefix range: a term within one edit either
 * keeps `w`'s first `k` letters (edit at or after k) or ends with its last `L - k - 1` (edit before k).
 * So the dictionary range of the prefix and the reversed dictionary's range of the suffix hold every
 * candidate; each is then checked as the engine checks its deletion-table candidates.
 */
async function typoTerms(ix: StaticIndexData, w: string): Promise<Map<number, DictBlock>> {
  const { dict, rdict } = ix.manifest;
  const L = w.length;
  const k = Math.ceil((L - 1) / 2);
  const prefix = w.slice(0, k);
  const suffix = [...w.slice(k + 1)].reverse().join('');
  const [forward, backward] = await Promise.all([
    Promise.all(blocksOf(dict.first, prefix, `${prefix}\uffff`).map((b) => ix.dictBlock(b))),
    Promise.all(blocksOf(rdict.first, suffix, `${suffix}\uffff`).map((b) => ix.reversedBlock(b))),
  ]);
  const candidates = new Set<string>();
  for (const block of forward) for (const t of block.terms) if (t.startsWith(prefix)) candidates.add(t);
  for (const block of backward)
    for (const r of block) if (r.startsWith(suffix)) candidates.add([...r].reverse().join(''));
  const found = new Set<string>();
  for (const t of candidates) if (t.length >= 4 && !t.startsWith(w) && withinOneEdit(w, t)) found.add(t);
  // Their dictionary entries (postings locations).
  const out = new Map<number, DictBlock>();
  const byBlock = new Map<number, string[]>();
  for (const t of found) {
    const b = blockOf(dict.first, t);
    byBlock.set(b, [...(byBlock.get(b) ?? []), t]);
  }
  for (const [b, terms] of byBlock) {
    const block = await ix.dictBlock(b);
    for (const t of terms) {
      const i = block.terms.indexOf(t);
      if (i >= 0) out.set(refKey(b, i), block);
    }
  }
  return out;
}

const refKey = (block: number, i: number) => block * 65536 + i;

/** The records of one query word and their best word score. */
export async function wordMatches(ix: StaticIndexData, w: string): Promise<TextMatches> {
  const { dict, prefixes, typoTolerance } = ix.manifest;
  const merged = prefixes.indexOf(w);
  // Blocks holding the word's range (only the word itself when a merged prefix file covers the rest).
  const range = merged >= 0 ? blocksOf(dict.first, w, w) : blocksOf(dict.first, w, `${w}\uffff`);
  const [blocks, typos] = await Promise.all([
    Promise.all(range.map((b) => ix.dictBlock(b))),
    typoTolerance && w.length >= 5 ? typoTerms(ix, w) : Promise.resolve(new Map<number, DictBlock>()),
  ]);
  const refs: TermRef[] = [];
  for (const block of blocks) {
    for (let i = 0; i < block.terms.length; i++) {
      const t = block.terms[i]!;
      if (t === w) refs.push({ block, i, quality: Q_EXACT });
      else if (merged < 0 && t.startsWith(w)) refs.push({ block, i, quality: Q_PREFIX });
    }
  }
  for (const [key, block] of typos) refs.push({ block, i: key % 65536, quality: Q_FUZZY });
  const lists = refs.map(
    async ({ block, i, quality }): Promise<[PostingList, number]> => [
      await ix.postings(block.loc[2 * i]!, block.loc[2 * i + 1]!),
      quality,
    ],
  );
  if (merged >= 0) lists.push(ix.prefix(merged).then((p): [PostingList, number] => [p, Q_PREFIX]));
  const best = new Map<number, number>();
  for (const [list, quality] of await Promise.all(lists)) {
    for (let c = 0; c < 5; c++) {
      const s = SCORE[quality]![c]!;
      const ids = list.ids[c]!;
      for (let j = 0; j < ids.length; j++) {
        const d = ids[j]!;
        const cur = best.get(d);
        if (cur === undefined || s > cur) best.set(d, s);
      }
    }
  }
  const docs = Uint32Array.from(best.keys()).sort();
  const scores = Int32Array.from(docs, (d) => best.get(d)!);
  return { docs, scores };
}

/**
 * The records matching the query's words: every word (`all`, scores summed) or any (scores summed plus
 * a bonus per matched word). One word: its own scores.
 */
export function combineWords(words: readonly TextMatches[], any: boolean): TextMatches {
  if (words.length === 1) return words[0]!;
  const sum = new Map<number, number>();
  const count = new Map<number, number>();
  for (const w of words) {
    for (let i = 0; i < w.docs.length; i++) {
      const d = w.docs[i]!;
      sum.set(d, (sum.get(d) ?? 0) + w.scores[i]!);
      count.set(d, (count.get(d) ?? 0) + 1);
    }
  }
  const docs: number[] = [];
  for (const [d, c] of count) if (any || c === words.length) docs.push(d);
  const sorted = Uint32Array.from(docs).sort();
  const scores = Int32Array.from(sorted, (d) => sum.get(d)! + (any ? count.get(d)! * ANY_WORD_BONUS : 0));
  return { docs: sorted, scores };
}
