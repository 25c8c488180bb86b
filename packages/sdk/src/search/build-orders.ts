/**
 * The sort orders of the search index: records by French collation of the name, and by freshness
 * (`updatedAt`, most recent first), with each record's rank in both.
 *
 * @module
 */
import type { Structure } from '../schema/structure.ts';
import { collatedOrder } from './collation.ts';
import type { IndexData } from './index-data.ts';

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

/** Name and freshness orders of `structures`, and each record's rank in them. */
export function sortOrders(
  structures: readonly Structure[],
): Pick<IndexData, 'byName' | 'nameRank' | 'byUpdated' | 'updatedRank'> {
  const n = structures.length;
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
  return { byName, nameRank, byUpdated, updatedRank };
}
