/**
 * The hits of a static-index query: the first matches in feed order, by name or freshness (a walk of the
 * order chunks, or the matches' ranks), by distance (column chunks nearest first), and the page's
 * records, scores and distances.
 *
 * @module
 */
import { has, setBit } from '../core/bitset.ts';
import { TopK } from '../core/top-k.ts';
import type { Structure } from '../schema/structure.ts';
import { chordToKm, unitVector } from '../search/chord.ts';
import type { SearchHit } from '../search/types.ts';
import { cellLowerBound, type Origin } from './grid.ts';
import type { MetaData, StaticIndexData } from './open.ts';

export function bitsOf(ids: Uint32Array, n: number): Uint32Array {
  const b = new Uint32Array(Math.max(1, Math.ceil(n / 32)));
  for (const d of ids) setBit(b, d);
  return b;
}

export type Passes = (d: number, profile: number) => boolean;

/** The first `k` matches by id (relevance without text). */
export async function firstInIdOrder(
  ix: StaticIndexData,
  meta: MetaData,
  matched: Uint32Array | null,
  scopePlaces: Uint8Array | null,
  profileSelected: boolean,
  passes: Passes,
  k: number,
): Promise<number[]> {
  if (matched) return Array.from(matched.subarray(0, k));
  const out: number[] = [];
  const C = ix.manifest.columnChunk;
  const places = meta.placeStart.length - 1;
  for (let p = 0; p < places && out.length < k; p++) {
    if (scopePlaces !== null && !scopePlaces[p]) continue;
    for (let d = meta.placeStart[p]!; d < meta.placeStart[p + 1]! && out.length < k; d++) {
      const profile = profileSelected ? (await ix.column(Math.floor(d / C))).profile[d % C]! : 0;
      if (passes(d, profile)) out.push(d);
    }
  }
  return out;
}

/** The first `k` matches by name or freshness: a walk of the order when dense, else the matches' ranks. */
export async function byRank(
  ix: StaticIndexData,
  sort: 'name' | 'updated',
  matched: Uint32Array | null,
  matchBits: Uint32Array | null,
  scopePlaces: Uint8Array | null,
  passes: Passes,
  total: number,
  k: number,
  meta: MetaData,
): Promise<number[]> {
  const n = ix.n;
  const C = ix.manifest.columnChunk;
  const O = ix.manifest.orderChunk;
  // Chunks holding the matches (or the scope's places when matches are given by places and profiles).
  const rankChunks = new Set<number>();
  if (matched) for (const d of matched) rankChunks.add(Math.floor(d / C));
  else {
    const places = meta.placeStart.length - 1;
    for (let p = 0; p < places; p++) {
      if (scopePlaces !== null && !scopePlaces[p]) continue;
      for (let c = Math.floor(meta.placeStart[p]! / C); c * C < meta.placeStart[p + 1]!; c++)
        rankChunks.add(c);
    }
  }
  // Walk the order when the expected walk (k n / total entries, ~5 bytes each) costs less than the
  // column chunks of the matches (~22 bytes a record).
  if (((k * n) / total) * 5 <= rankChunks.size * C * 22) {
    const out: number[] = [];
    for (let c = 0; c * O < n && out.length < k; c++) {
      const { ids, profiles } = await ix.order(sort, c);
      for (let i = 0; i < ids.length && out.length < k; i++) {
        const d = ids[i]!;
        if (matchBits ? has(matchBits, d) : passes(d, profiles[i]!)) out.push(d);
      }
    }
    return out;
  }
  if (!matched) {
    const list: number[] = [];
    for (const col of await Promise.all([...rankChunks].map((c) => ix.column(c))))
      for (let j = 0; j < col.profile.length; j++)
        if (passes(col.from + j, col.profile[j]!)) list.push(col.from + j);
    matched = Uint32Array.from(list);
  }
  const top = new TopK(k);
  const cols = await Promise.all(
    [...new Set(Array.from(matched, (d) => Math.floor(d / C)))].map((c) => ix.column(c)),
  );
  const byChunk = new Map(cols.map((col) => [col.from, col]));
  for (const d of matched) {
    const col = byChunk.get(Math.floor(d / C) * C)!;
    top.push(d, (sort === 'name' ? col.nameRank : col.updatedRank)[d - col.from]!);
  }
  return top.sorted();
}

/** The first `k` matches by distance from `origin`: column chunks nearest first, then records without coordinates. */
export async function byDistance(
  ix: StaticIndexData,
  origin: [number, number, number],
  matched: Uint32Array | null,
  matchBits: Uint32Array | null,
  candidateChunk: Uint8Array,
  passes: Passes,
  k: number,
): Promise<number[]> {
  const dir = (await ix.geoDirectory()).geo;
  const C = ix.manifest.columnChunk;
  const chunks: [number, number][] = [];
  const has1 = new Uint8Array(candidateChunk.length);
  if (matched) for (const d of matched) has1[Math.floor(d / C)] = 1;
  for (let c = 0; c < candidateChunk.length; c++) {
    if (matched ? !has1[c] : !candidateChunk[c]) continue;
    const g = dir[c];
    let lb = Number.POSITIVE_INFINITY;
    if (g) {
      const dc = Math.hypot(g[0]! - origin[0], g[1]! - origin[1], g[2]! - origin[2]);
      const r = Math.max(0, dc - g[3]! - 1e-9);
      lb = r * r;
    }
    chunks.push([c, lb]);
  }
  chunks.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const top = new TopK(k);
  const noGeo: number[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const [c, lb] = chunks[i]!;
    if (top.size === k && top.keys[0]! < lb) break;
    const col = await ix.column(c);
    for (let j = 0; j < col.lat.length; j++) {
      const d = col.from + j;
      if (matchBits ? !has(matchBits, d) : !passes(d, col.profile[j]!)) continue;
      const y = col.lat[j]!;
      if (Number.isNaN(y)) {
        noGeo.push(d);
        continue;
      }
      const [px, py, pz] = unitVector(y, col.lon[j]!);
      const dx = px - origin[0];
      const dy = py - origin[1];
      const dz = pz - origin[2];
      top.push(d, dx * dx + dy * dy + dz * dz);
    }
  }
  const out = top.sorted();
  if (out.length < k) out.push(...noGeo.sort((a, b) => a - b).slice(0, k - out.length));
  return out;
}

/**
 * The first `k` matches by distance from `origin`: grid cells (all, or `only` those) nearest first,
 * stopping when the k-th distance is below the next cell's lower bound, then records without coordinates
 * by id.
 */
export async function byDistanceInCells(
  ix: StaticIndexData,
  from: Origin,
  matchBits: Uint32Array | null,
  passes: Passes,
  k: number,
  only?: readonly number[],
): Promise<number[]> {
  const origin = from.xyz;
  const grid = await ix.grid();
  const order = (only ?? grid.cells.map((_, i) => i)).map(
    (i) => [i, cellLowerBound(grid.cells[i]!, from)] as [number, number],
  );
  order.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const top = new TopK(k);
  // Cells are read in small parallel batches: the next batch only when the k-th distance is not yet sure.
  const BATCH = 4;
  for (let i = 0; i < order.length; ) {
    if (top.size === k && top.keys[0]! < order[i]![1]) break;
    const batch: number[] = [];
    for (; i < order.length && batch.length < BATCH; i++) {
      if (top.size === k && top.keys[0]! < order[i]![1]) break;
      batch.push(order[i]![0]);
    }
    for (const cell of await Promise.all(batch.map((c) => ix.cell(c))))
      for (let j = 0; j < cell.ids.length; j++) {
        const d = cell.ids[j]!;
        if (matchBits ? !has(matchBits, d) : !passes(d, cell.profile[j]!)) continue;
        const [px, py, pz] = unitVector(cell.lat[j]!, cell.lon[j]!);
        const dx = px - origin[0];
        const dy = py - origin[1];
        const dz = pz - origin[2];
        top.push(d, dx * dx + dy * dy + dz * dz);
      }
  }
  const out = top.sorted();
  if (out.length < k && grid.noGeo > 0) {
    const cell = await ix.cell(grid.cells.length);
    for (let j = 0; j < cell.ids.length && out.length < k; j++) {
      const d = cell.ids[j]!;
      if (matchBits ? has(matchBits, d) : passes(d, cell.profile[j]!)) out.push(d);
    }
  }
  return out;
}

/** Coordinates of record `d`: from its grid cell when read, else from its column chunk. */
async function pointOf(ix: StaticIndexData, d: number): Promise<[number, number]> {
  const c = ix.cellOf[d]!;
  if (c >= 0) {
    const cell = await ix.cell(c);
    if (cell.lat.length === 0) return [Number.NaN, Number.NaN];
    let lo = 0;
    let hi = cell.ids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cell.ids[mid]! < d) lo = mid + 1;
      else hi = mid;
    }
    return [cell.lat[lo]!, cell.lon[lo]!];
  }
  const C = ix.manifest.columnChunk;
  const col = await ix.column(Math.floor(d / C));
  return [col.lat[d - col.from]!, col.lon[d - col.from]!];
}

/** Hits of a page: records, text scores, distances. */
export async function pageHits(
  ix: StaticIndexData,
  pageIds: number[],
  origin: [number, number, number] | undefined,
  matched: Uint32Array | null,
  matchedScores: Int32Array | null,
): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  const pageScores = new Map<number, number>();
  if (matched && matchedScores) {
    const wanted = new Set(pageIds);
    for (let i = 0; i < matched.length; i++)
      if (wanted.has(matched[i]!)) pageScores.set(matched[i]!, matchedScores[i]!);
  }
  const size = ix.manifest.pageSize;
  const recs = await Promise.all(
    pageIds.map((d) => ix.records(Math.floor(d / size)).then((r) => r[d % size] as Structure)),
  );
  const points = origin ? await Promise.all(pageIds.map((d) => pointOf(ix, d))) : [];
  for (let i = 0; i < pageIds.length; i++) {
    const d = pageIds[i]!;
    const hit: SearchHit = { record: recs[i]!, index: d, score: pageScores.get(d) ?? 0 };
    if (origin) {
      const [y, x] = points[i]!;
      if (!Number.isNaN(y)) {
        const [px, py, pz] = unitVector(y, x);
        const dx = px - origin[0];
        const dy = py - origin[1];
        const dz = pz - origin[2];
        hit.distanceKm = chordToKm(dx * dx + dy * dy + dz * dz);
      }
    }
    hits.push(hit);
  }
  return hits;
}
