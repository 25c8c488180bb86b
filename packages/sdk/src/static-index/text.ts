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

/** The records of one query word and their best word score. */
export async function wordMatches(ix: StaticIndexData, w: string): Promise<TextMatches> {
  const { dict, prefixes, typoTolerance } = ix.manifest;
  const merged = prefixes.indexOf(w);
  const fuzzy = typoTolerance && w.length >= 5;
  const end = `${w}\uffff`;
  // Blocks holding the word's range (or only the word itself when a merged prefix file covers the rest);
  // every block for a typo lookup.
  const b0 = fuzzy ? 0 : blockOf(dict.first, w);
  const b1 = fuzzy ? dict.first.length - 1 : merged >= 0 ? b0 : blockOf(dict.first, end);
  const blocks = await Promise.all(Array.from({ length: b1 - b0 + 1 }, (_, k) => ix.dictBlock(b0 + k)));
  const refs: TermRef[] = [];
  for (const block of blocks) {
    for (let i = 0; i < block.terms.length; i++) {
      const t = block.terms[i]!;
      if (t === w) refs.push({ block, i, quality: Q_EXACT });
      else if (t.startsWith(w)) {
        if (merged < 0) refs.push({ block, i, quality: Q_PREFIX });
      } else if (fuzzy && t.length >= 4 && withinOneEdit(w, t)) refs.push({ block, i, quality: Q_FUZZY });
    }
  }
  const lists: Promise<[PostingList, number]>[] = refs.map(async ({ block, i, quality }) => [
    await ix.postings(block.loc[2 * i]!, block.loc[2 * i + 1]!),
    quality,
  ]);
  if (merged >= 0) lists.push(ix.prefix(merged).then((p) => [p, Q_PREFIX]));
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
