/**
 * Build time (Node): writes the static search index of a list of structures. Records are renumbered by
 * place (région, département, EPCI, commune) then name, so that a territory is a run of ids; the
 * in-memory engine indexes them in that order, and its arrays are written out in files a static host
 * serves: term dictionary blocks, postings chunks, merged postings of heavy prefixes, per-record columns
 * (profile, coordinates, ranks), sort orders in chunks, record pages, and the small tables a query needs
 * first (facet values, places, profiles and their counts per place).
 *
 * @module
 */
import type { Structure } from '../schema/structure.ts';
import { sortOrders } from '../search/build-orders.ts';
import { createSearchIndex } from '../search/build.ts';
import { facetList } from '../search/facet-counts.ts';
import { CLASSES, type IndexData } from '../search/index-data.ts';
import { FACET_NAMES, type FacetName } from '../search/types.ts';
import { nodeIo } from './node-io.ts';
import {
  ByteWriter,
  encodeTables,
  type FacetTable,
  type FileKind,
  fileName,
  type MetaTables,
  NATIONAL_FACET_VALUES,
  PLACE_FACETS,
  PROFILE_FACETS,
  STATIC_INDEX_VERSION,
  type StaticIndexManifest,
} from './format.ts';
import { writeGrid } from './grid.ts';

/** Options of {@link writeStaticIndex}. */
export interface WriteStaticIndexOptions {
  /** Concept labels (themes, publics), as `SearchIndexOptions.labels`. */
  labels?: (id: string) => string | undefined;
  /** One-typo matching (default true). */
  typoTolerance?: boolean;
  /** Records per record page (default 20). */
  pageSize?: number;
  /** Records per column chunk (default 1024). */
  columnChunk?: number;
  /** Entries per sort-order chunk (default 4096). */
  orderChunk?: number;
  /** Terms per dictionary block (default 512). */
  dictBlock?: number;
  /** Target size of a postings chunk in bytes (default 32,768). */
  postingsChunkBytes?: number;
  /** Prefixes (1 to 3 letters) whose range holds at least this many postings get a merged file (default 4,096). */
  heavyPrefix?: number;
  /** Keep the input order instead of sorting by place and name (tests). */
  keepOrder?: boolean;
}

/**
 * Writes the static search index of `structures` into `dir` (created; files there are replaced) and
 * returns its entry file's content (also written as `dir/index.json`). Records keep their content; their
 * order in the index is by place then name unless `keepOrder`.
 */
export async function writeStaticIndex(
  structures: readonly Structure[],
  dir: string,
  options: WriteStaticIndexOptions = {},
): Promise<StaticIndexManifest> {
  const io = await nodeIo();
  const pageSize = options.pageSize ?? 20;
  const columnChunk = options.columnChunk ?? 1024;
  const orderChunk = options.orderChunk ?? 4096;
  const dictBlock = options.dictBlock ?? 512;
  const chunkBytes = options.postingsChunkBytes ?? 32768;
  const heavy = options.heavyPrefix ?? 4096;
  const typoTolerance = options.typoTolerance !== false;

  const records = options.keepOrder ? structures.slice() : placeOrder(structures);
  const index = createSearchIndex(records, { labels: options.labels, typoTolerance });
  const D = index.data;
  const n = D.n;

  // Files are written under provisional names, then renamed with the build hash.
  const staged: { kind: FileKind; k: number; tmp: string; sha: string; bytes: number }[] = [];
  await io.mkdir(dir);
  const stage = io.join(dir, `.staging-${io.unique()}`);
  await io.mkdir(stage);
  let total = 0;
  const put = async (kind: FileKind, k: number, data: Uint8Array | string): Promise<void> => {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const tmp = io.join(stage, `${kind}-${k}`);
    await io.writeFile(tmp, bytes);
    staged.push({ kind, k, tmp, sha: io.sha256(bytes), bytes: bytes.length });
    total += bytes.length;
  };

  // Places (runs of records sharing their four territory codes) and profiles.
  const placeStart: number[] = [];
  const placeCodes: [number, number, number, number][] = [];
  const placeOf = new Uint32Array(n);
  let lastKey = '';
  for (let d = 0; d < n; d++) {
    const codes = PLACE_FACETS.map((f) => singleValue(D, f, d)) as [number, number, number, number];
    const key = codes.join(',');
    if (d === 0 || key !== lastKey) {
      placeStart.push(d);
      placeCodes.push(codes);
      lastKey = key;
    }
    placeOf[d] = placeStart.length - 1;
  }
  placeStart.push(n);
  const profileIds = new Map<string, number>();
  const profiles: number[][][] = [];
  const profileOf = new Uint32Array(n);
  for (let d = 0; d < n; d++) {
    const vals = PROFILE_FACETS.map((f) => {
      const fd = D.facets[f];
      return Array.from(fd.docVals.subarray(fd.docStart[d]!, fd.docStart[d + 1]!)).sort((a, b) => a - b);
    });
    const key = JSON.stringify(vals);
    let p = profileIds.get(key);
    if (p === undefined) {
      p = profiles.length;
      profileIds.set(key, p);
      profiles.push(vals);
    }
    profileOf[d] = p;
  }
  const histMap = new Map<number, number>();
  const P = profiles.length;
  for (let d = 0; d < n; d++) {
    const key = placeOf[d]! * P + profileOf[d]!;
    histMap.set(key, (histMap.get(key) ?? 0) + 1);
  }
  const hist = new ByteWriter();
  const keys = [...histMap.keys()].sort((a, b) => a - b);
  hist.varint(keys.length);
  let lastPlace = 0;
  for (const key of keys) {
    const place = Math.floor(key / P);
    hist.varint(place - lastPlace);
    hist.varint(key % P);
    hist.varint(histMap.get(key)!);
    lastPlace = place;
  }
  const facets = {} as Record<FacetName, FacetTable>;
  for (const name of FACET_NAMES) {
    const f = D.facets[name];
    const table: FacetTable = {
      values: f.values,
      counts: Array.from({ length: f.values.length }, (_, v) => f.valStart[v + 1]! - f.valStart[v]!),
    };
    if (f.labels.some((l) => l !== undefined)) table.labels = f.labels.map((l) => l ?? null);
    facets[name] = table;
  }
  const national: StaticIndexManifest['national'] = {};
  for (const name of FACET_NAMES) {
    const f = D.facets[name];
    const counts = Uint32Array.from(
      { length: f.values.length },
      (_, v) => f.valStart[v + 1]! - f.valStart[v]!,
    );
    national[name] = facetList(f, counts, [], NATIONAL_FACET_VALUES);
  }
  const meta: MetaTables = { facets, profiles, places: { start: placeStart, codes: placeCodes } };
  await put('meta', 0, JSON.stringify({ facets: meta.facets }));
  await put('tables', 0, encodeTables(meta.places, meta.profiles));
  await put('hist', 0, hist.bytes());

  // Postings: per term, its ids by class, then the profile of each posting; packed in chunks.
  const T = D.terms.length;
  const cs = D.classStart;
  const loc: number[] = new Array(2 * T);
  let chunk = new ByteWriter();
  let chunkNo = 0;
  for (let t = 0; t < T; t++) {
    const w = new ByteWriter();
    for (let c = 0; c < CLASSES; c++) w.ids(D.postDoc, cs[t * CLASSES + c]!, cs[t * CLASSES + c + 1]!);
    for (let j = cs[t * CLASSES]!; j < cs[(t + 1) * CLASSES]!; j++) w.varint(profileOf[D.postDoc[j]!]!);
    const bytes = w.bytes();
    if (chunk.len > 0 && chunk.len + bytes.length > chunkBytes) {
      await put('post', chunkNo++, chunk.bytes());
      chunk = new ByteWriter();
    }
    loc[2 * t] = chunkNo;
    loc[2 * t + 1] = chunk.len;
    chunk.raw(bytes);
  }
  if (chunk.len > 0 || chunkNo === 0) await put('post', chunkNo++, chunk.bytes());

  // Dictionary blocks: terms, document counts by class, postings location.
  const first: string[] = [];
  let blocks = 0;
  for (let from = 0; from < T || blocks === 0; from += dictBlock) {
    const to = Math.min(T, from + dictBlock);
    const df: number[] = [];
    for (let t = from; t < to; t++) df.push(cs[(t + 1) * CLASSES]! - cs[t * CLASSES]!);
    first.push(D.terms[from] ?? '');
    await put(
      'dict',
      blocks++,
      JSON.stringify({ terms: D.terms.slice(from, to), df, loc: loc.slice(2 * from, 2 * to) }),
    );
  }

  // Reversed dictionary (terms of 4+ letters, reversed, sorted) for one-typo lookups by suffix.
  const reversed = D.terms
    .filter((t) => t.length >= 4)
    .map((t) => [...t].reverse().join(''))
    .sort();
  const rfirst: string[] = [];
  for (let from = 0, k = 0; from < reversed.length || k === 0; from += dictBlock, k++) {
    rfirst.push(reversed[from] ?? '');
    await put('rdict', k, JSON.stringify(reversed.slice(from, from + dictBlock)));
  }

  // Heavy prefixes (1 to 3 letters): the best class of each record over the range's terms other than
  // the prefix itself, with the records' profiles.
  const prefixes: string[] = [];
  const best = new Uint8Array(n).fill(255);
  for (let L = 1; L <= 3; L++) {
    let t = 0;
    while (t < T) {
      if (D.terms[t]!.length < L) {
        t++;
        continue;
      }
      const p = D.terms[t]!.slice(0, L);
      let end = t + 1;
      while (end < T && D.terms[end]!.startsWith(p)) end++;
      const from = D.terms[t] === p ? t + 1 : t;
      if (end - from > 1 && cs[end * CLASSES]! - cs[from * CLASSES]! >= heavy) {
        const touched: number[] = [];
        for (let u = from; u < end; u++)
          for (let c = 0; c < CLASSES; c++)
            for (let j = cs[u * CLASSES + c]!; j < cs[u * CLASSES + c + 1]!; j++) {
              const d = D.postDoc[j]!;
              if (best[d] === 255) touched.push(d);
              if (c < best[d]!) best[d] = c;
            }
        touched.sort((a, b) => a - b);
        const w = new ByteWriter();
        for (let c = 0; c < CLASSES; c++) w.ids(touched.filter((d) => best[d] === c));
        for (let c = 0; c < CLASSES; c++) for (const d of touched) if (best[d] === c) w.varint(profileOf[d]!);
        for (const d of touched) best[d] = 255;
        await put('prefix', prefixes.length, w.bytes());
        prefixes.push(p);
      }
      t = end;
    }
  }

  // Columns by id range: profile, latitude, longitude, name rank, update rank; and their geo directory.
  const geoDir: (number[] | null)[] = [];
  let cols = 0;
  for (let from = 0; from < n; from += columnChunk) {
    const to = Math.min(n, from + columnChunk);
    const w = new ByteWriter();
    for (let d = from; d < to; d++) w.varint(profileOf[d]!);
    for (let d = from; d < to; d++) {
      w.float64(D.lat[d]!);
      w.float64(D.lon[d]!);
    }
    for (let d = from; d < to; d++) w.varint(D.nameRank[d]!);
    for (let d = from; d < to; d++) w.varint(D.updatedRank[d]!);
    await put('col', cols++, w.bytes());
    geoDir.push(geoBounds(D, from, to));
  }
  await put('meta', 1, JSON.stringify({ geo: geoDir }));
  // The geographic grid: per cell, its records' ids, profiles and coordinates.
  await put('grid', 0, await writeGrid(n, D.lat, D.lon, D.xyz, profileOf, (i, b) => put('cell', i, b)));

  // Sort orders in chunks: record id and profile of each entry.
  const orders: Record<'name' | 'updated', Uint32Array> = { name: D.byName, updated: D.byUpdated };
  const orderFiles = { name: 0, updated: 0 };
  for (const kind of ['name', 'updated'] as const) {
    for (let from = 0; from < n; from += orderChunk) {
      const w = new ByteWriter();
      for (let i = from; i < Math.min(n, from + orderChunk); i++) {
        w.varint(orders[kind][i]!);
        w.varint(profileOf[orders[kind][i]!]!);
      }
      await put(kind, orderFiles[kind]++, w.bytes());
    }
  }

  // Record pages.
  let pages = 0;
  for (let from = 0; from < n; from += pageSize)
    await put('rec', pages++, JSON.stringify(records.slice(from, from + pageSize)));

  // Build hash over every file, then final names.
  const build = io.sha256(staged.map((f) => `${f.kind}/${f.k}:${f.sha}\n`).join('')).slice(0, 16);
  const sha256: Record<string, string> = {};
  const kinds = new Set(staged.map((f) => f.kind));
  for (const kind of kinds) {
    await io.remove(io.join(dir, kind));
    await io.mkdir(io.join(dir, kind));
  }
  for (const f of staged) {
    const name = fileName(f.kind, f.k, build);
    await io.rename(f.tmp, io.join(dir, name));
    sha256[name] = f.sha;
  }
  await io.remove(stage);
  const counts: Record<FileKind, number> = {
    dict: 0,
    rdict: 0,
    hist: 0,
    tables: 0,
    post: 0,
    prefix: 0,
    rec: 0,
    col: 0,
    name: 0,
    updated: 0,
    meta: 0,
    grid: 0,
    cell: 0,
  };
  for (const f of staged) counts[f.kind]++;
  const manifest: StaticIndexManifest = {
    format: 'essaim-static-index',
    version: STATIC_INDEX_VERSION,
    build,
    n,
    pageSize,
    columnChunk,
    orderChunk,
    typoTolerance,
    national,
    dict: { first, terms: T },
    rdict: { first: rfirst },
    prefixes,
    files: counts,
    bytes: total,
  };
  const sums = JSON.stringify(sha256);
  await io.writeFile(io.join(dir, 'sha256.json'), sums);
  await io.writeFile(io.join(dir, 'index.json'), JSON.stringify(manifest));
  return manifest;
}

/**
 * Bounds of the coordinates of records `[from, to)`: a centre and radius on the unit sphere (chord
 * lengths, for radius and distance bounds) and a latitude/longitude box; null when none has coordinates.
 */
function geoBounds(D: IndexData, from: number, to: number): number[] | null {
  let m = 0;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (let d = from; d < to; d++) {
    const lat = D.lat[d]!;
    if (Number.isNaN(lat)) continue;
    const lon = D.lon[d]!;
    m++;
    cx += D.xyz[3 * d]!;
    cy += D.xyz[3 * d + 1]!;
    cz += D.xyz[3 * d + 2]!;
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
  }
  if (m === 0) return null;
  cx /= m;
  cy /= m;
  cz /= m;
  let r = 0;
  for (let d = from; d < to; d++) {
    if (Number.isNaN(D.lat[d]!)) continue;
    const dx = D.xyz[3 * d]! - cx;
    const dy = D.xyz[3 * d + 1]! - cy;
    const dz = D.xyz[3 * d + 2]! - cz;
    r = Math.max(r, Math.sqrt(dx * dx + dy * dy + dz * dz));
  }
  // Slack for rounding: the bounds only decide which chunks to read, exact checks follow.
  return [cx, cy, cz, r * (1 + 1e-9) + 1e-12, minLat, minLon, maxLat, maxLon];
}

/** Value id of single-valued facet `name` for record `d`, or -1. */
function singleValue(D: IndexData, name: FacetName, d: number): number {
  const f = D.facets[name];
  return f.docStart[d + 1]! > f.docStart[d]! ? f.docVals[f.docStart[d]!]! : -1;
}

/** Records by (région, département, EPCI, commune) codes, then by name (French collation), then input order. */
function placeOrder(structures: readonly Structure[]): Structure[] {
  const n = structures.length;
  const { nameRank } = sortOrders(structures);
  const keys = structures.map((s) => {
    const c = s.address?.cog;
    const k = (x: string | undefined) => x ?? '\uffff';
    return `${k(c?.region)}\u0000${k(c?.departement)}\u0000${k(c?.epci)}\u0000${k(c?.commune)}`;
  });
  const ids = Array.from({ length: n }, (_, i) => i);
  ids.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : nameRank[a]! - nameRank[b]!));
  return ids.map((i) => structures[i]!);
}
