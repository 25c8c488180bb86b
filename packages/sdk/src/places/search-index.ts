/**
 * The places search index (names, aliases and their tokens, postcodes, population ranks), built on the
 * first call, once, and dropped when the place tables change.
 *
 * @module
 */
import { lowerBound } from '../core/sorted.ts';
import { placeTokens } from './keys.ts';
import { onTablesChange, postcodeMap, tables } from './store.ts';

export interface SearchIndex {
  /** Entries: places (0 … count-1), then aliases (count + alias index). */
  readonly entryKey: string[];
  /** Token ranks of entry e: entryTokens[entryTokStart[e] … entryTokStart[e + 1]), in name order. */
  readonly entryTokStart: Int32Array;
  readonly entryTokens: Int32Array;
  readonly entryPlace: Int32Array;
  /** Sorted distinct tokens; entries containing token r: postEntries[postStart[r] … postStart[r + 1]). */
  readonly tokens: string[];
  readonly postStart: Int32Array;
  readonly postEntries: Int32Array;
  /** Same, for the first token of each entry only. */
  readonly firstStart: Int32Array;
  readonly firstEntries: Int32Array;
  /** Rank of each place by decreasing population (0 = most populous). */
  readonly popRank: Int32Array;
  /** (postcode, place) pairs sorted by postcode, then arrondissements first, then population. */
  readonly pcValue: Int32Array;
  readonly pcPlace: Int32Array;
  /** 1 for Paris, Lyon, Marseille (communes that have municipal arrondissements). */
  readonly isParent: Uint8Array;
  /** Per-entry and per-place stamps used to de-duplicate candidates without allocating. */
  readonly entryStamp: Uint32Array;
  readonly placeStamp: Uint32Array;
}

let index: SearchIndex | undefined;
onTablesChange(() => {
  index = undefined;
});

/** Compressed sparse rows: for each key (0…keys-1), the values pushed for it, in push order. */
function csr(keys: number, keyOf: ArrayLike<number>, valueAt: ArrayLike<number>): [Int32Array, Int32Array] {
  const start = new Int32Array(keys + 1);
  for (let k = 0; k < keyOf.length; k++) start[keyOf[k]! + 1]!++;
  for (let r = 0; r < keys; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, keys);
  const values = new Int32Array(keyOf.length);
  for (let k = 0; k < keyOf.length; k++) values[fill[keyOf[k]!]!++] = valueAt[k]!;
  return [start, values];
}

export function getIndex(): SearchIndex {
  if (index) return index;
  const t = tables();
  const n = t.count + t.aliasNames.length;
  const entryKey: string[] = new Array(n);
  const entryTokStart = new Int32Array(n + 1);
  const entryTokIds: number[] = [];
  const entryPlace = new Int32Array(n);
  const tokenId = new Map<string, number>();
  const tokenList: string[] = [];
  const pairToken: number[] = [];
  const pairEntry: number[] = [];
  const firstToken = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    const isAlias = e >= t.count;
    const toks = placeTokens(isAlias ? t.aliasNames[e - t.count]! : t.names[e]!);
    entryKey[e] = toks.join(' ');
    entryTokStart[e] = entryTokIds.length;
    entryPlace[e] = isAlias ? t.aliasPlace[e - t.count]! : e;
    for (let k = 0; k < toks.length; k++) {
      const tok = toks[k]!;
      let id = tokenId.get(tok);
      if (id === undefined) {
        id = tokenList.length;
        tokenId.set(tok, id);
        tokenList.push(tok);
      }
      entryTokIds.push(id);
      if (k === 0) firstToken[e] = id;
      if (toks.indexOf(tok) !== k) continue;
      pairToken.push(id);
      pairEntry.push(e);
    }
  }
  // Token ids → ranks in sorted order.
  const tokens = tokenList.slice().sort();
  const rank = new Int32Array(tokens.length);
  tokens.forEach((tok, r) => {
    rank[tokenId.get(tok)!] = r;
  });
  entryTokStart[n] = entryTokIds.length;
  const entryTokens = new Int32Array(entryTokIds.length);
  for (let k = 0; k < entryTokIds.length; k++) entryTokens[k] = rank[entryTokIds[k]!]!;
  for (let k = 0; k < pairToken.length; k++) pairToken[k] = rank[pairToken[k]!]!;
  const [postStart, postEntries] = csr(tokens.length, pairToken, pairEntry);
  const entryIds = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    firstToken[e] = rank[firstToken[e]!]!;
    entryIds[e] = e;
  }
  const [firstStart, firstEntries] = csr(tokens.length, firstToken, entryIds);

  // Population ranks (ties by index), through a numeric sort of composite keys.
  const popKeys = new Float64Array(t.count);
  for (let i = 0; i < t.count; i++) popKeys[i] = (2 ** 26 - Math.max(0, t.population[i]!)) * 65_536 + i;
  popKeys.sort();
  const popRank = new Int32Array(t.count);
  const byRank = new Int32Array(t.count);
  popKeys.forEach((k, r) => {
    const i = k % 65_536;
    popRank[i] = r;
    byRank[r] = i;
  });

  const isParent = new Uint8Array(t.count);
  for (let i = 0; i < t.count; i++) if (t.parent[i]! >= 0) isParent[t.parent[i]!] = 1;

  // (postcode, place) pairs: key = (postcode × 2 + not-arrondissement) × 65536 + population rank.
  const pcKeys = new Float64Array(t.postcodes.length);
  for (let i = 0; i < t.count; i++) {
    for (let k = t.postcodeStart[i]!; k < t.postcodeStart[i + 1]!; k++) {
      pcKeys[k] = (t.postcodes[k]! * 2 + (t.parent[i]! >= 0 ? 0 : 1)) * 65_536 + popRank[i]!;
    }
  }
  pcKeys.sort();
  const pcValue = new Int32Array(pcKeys.length);
  const pcPlace = new Int32Array(pcKeys.length);
  for (let k = 0; k < pcKeys.length; k++) {
    pcValue[k] = Math.floor(pcKeys[k]! / 131_072);
    pcPlace[k] = byRank[pcKeys[k]! % 65_536]!;
  }

  index = {
    entryKey,
    entryTokStart,
    entryTokens,
    entryPlace,
    tokens,
    postStart,
    postEntries,
    firstStart,
    firstEntries,
    popRank,
    pcValue,
    pcPlace,
    isParent,
    entryStamp: new Uint32Array(n),
    placeStamp: new Uint32Array(t.count),
  };
  return index;
}

/** Decodes the data and builds the search index now (e.g. when the browser is idle) instead of on first use. */
export function preloadPlaces(): void {
  getIndex();
  postcodeMap();
}

/** Range [from, to) of tokens starting with `prefix` (or equal to it when `exact`). */
export function tokenRange(idx: SearchIndex, prefix: string, exact = false): [number, number] {
  const from = lowerBound(idx.tokens, prefix);
  if (exact) return idx.tokens[from] === prefix ? [from, from + 1] : [from, from];
  let to = from;
  while (to < idx.tokens.length && idx.tokens[to]!.startsWith(prefix)) to++;
  return [from, to];
}
