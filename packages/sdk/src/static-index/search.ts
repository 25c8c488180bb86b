/**
 * A query over a static index, with the in-memory engine's semantics (`search/query.ts`): the same
 * total, hits (order, scores, distances) and disjunctive facet counts. What it loads depends on the query:
 * postings for text, the coordinates of the column chunks a radius, box or distance sort can reach, the
 * (place, profile) counts for filters without text or geo, a sort-order chunk or the ranks of the
 * matches for a name or freshness sort, and the record pages of the hits.
 *
 * @module
 */
import { has, setBit } from '../core/bitset.ts';
import { TopK } from '../core/top-k.ts';
import { kmToChord2, unitVector } from '../search/chord.ts';
import { facetList } from '../search/facet-counts.ts';
import type { FacetData } from '../search/index-data.ts';
import { readQuery } from '../search/query.ts';
import {
  FACET_NAMES,
  type FacetName,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type TerritoryScope,
} from '../search/types.ts';
import { NATIONAL_FACET_VALUES, PLACE_FACETS, PROFILE_FACETS } from './format.ts';
import type { MetaData, StaticIndexData } from './open.ts';
import { combineWords, wordMatches } from './text.ts';
import { cellReaches } from './grid.ts';
import { bitsOf, byDistance, byDistanceInCells, byRank, firstInIdOrder, pageHits } from './hits.ts';

const TERRITORY_LEVELS: readonly [keyof TerritoryScope, number][] = [
  ['regions', 0],
  ['departements', 1],
  ['epcis', 2],
  ['communes', 3],
];

/** One facet's selection: which profiles or places pass it. */
interface Selection {
  name: FacetName;
  values: readonly string[];
  /** Index in PROFILE_FACETS, or -1 for a territory facet. */
  profileFacet: number;
  /** Passing profiles (profile facets) or places (territory facets). */
  pass: Uint8Array;
}

/** Place of record `d` (the run of ids holding it). */
function placeOf(meta: MetaData, d: number): number {
  const s = meta.placeStart;
  let lo = 0;
  let hi = s.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]! <= d) lo = mid;
    else hi = mid;
  }
  return lo;
}

const facetDataCache = new WeakMap<MetaData, Record<string, FacetData>>();
/** The parts of the engine's `FacetData` that `facetList` reads. */
function facetTables(meta: MetaData): Record<string, FacetData> {
  let out = facetDataCache.get(meta);
  if (!out) {
    out = {};
    for (const name of FACET_NAMES) {
      const t = meta.facets[name];
      out[name] = {
        values: t.values,
        labels: t.values.map((_, i) => t.labels?.[i] ?? undefined),
        ids: meta.valueIds[name]!,
      } as FacetData;
    }
    facetDataCache.set(meta, out);
  }
  return out;
}

export async function staticSearch(ix: StaticIndexData, query: SearchQuery): Promise<SearchResult> {
  const n = ix.n;
  const { near, bbox, pageSize, page, maxFacetValues, words, hasText, sort } = readQuery(query);
  const facetNames = (query.facetNames ?? FACET_NAMES).filter((f) => FACET_NAMES.includes(f));

  const unfiltered =
    !hasText &&
    !bbox &&
    near?.radiusKm === undefined &&
    !TERRITORY_LEVELS.some(([key]) => query.territory?.[key]) &&
    !FACET_NAMES.some((name) => (query.facets?.[name]?.length ?? 0) > 0) &&
    maxFacetValues <= NATIONAL_FACET_VALUES;
  if (unfiltered) return everything(ix, { page, pageSize, sort, facetNames, maxFacetValues, near });
  const metaP = ix.meta();
  const textP = hasText
    ? Promise.all(words.map((w) => wordMatches(ix, w))).then((m) => combineWords(m, query.matching === 'any'))
    : null;
  const meta = await metaP;
  const places = meta.places.start.length - 1;
  const P = meta.profiles.length;

  // Territory scope and facet selections, as passing places and profiles.
  let scopePlaces: Uint8Array | null = null;
  if (query.territory) {
    for (const [key, level] of TERRITORY_LEVELS) {
      const codes = query.territory[key];
      if (!codes) continue;
      scopePlaces ??= new Uint8Array(places);
      const ids = new Set(
        codes.map((c) => meta.valueIds[PLACE_FACETS[level]!]!.get(c)).filter((v) => v !== undefined),
      );
      for (let p = 0; p < places; p++) if (ids.has(meta.places.codes[p]![level]!)) scopePlaces[p] = 1;
    }
  }
  const selections: Selection[] = [];
  for (const name of FACET_NAMES) {
    const values = query.facets?.[name];
    if (!values || values.length === 0) continue;
    const ids = new Set(values.map((v) => meta.valueIds[name]!.get(v)).filter((v) => v !== undefined));
    const pf = (PROFILE_FACETS as readonly string[]).indexOf(name);
    if (pf >= 0) {
      const pass = new Uint8Array(P);
      const vals = meta.profileValues[pf]!;
      for (let p = 0; p < P; p++) if (vals[p]!.some((v) => ids.has(v))) pass[p] = 1;
      selections.push({ name, values, profileFacet: pf, pass });
    } else {
      const level = (PLACE_FACETS as readonly string[]).indexOf(name);
      const pass = new Uint8Array(places);
      for (let p = 0; p < places; p++) if (ids.has(meta.places.codes[p]![level]!)) pass[p] = 1;
      selections.push({ name, values, profileFacet: -1, pass });
    }
  }
  const profileSelected = selections.some((s) => s.profileFacet >= 0);

  // Counting: each (place, profile) of the base (text ∧ scope) with a weight; a record failing one
  // selection counts for that facet only (disjunctive faceting).
  const counted = facetNames.map((name) => ({
    name,
    counts: new Float64Array(meta.facets[name].values.length),
  }));
  const countedIndex = new Map(counted.map((c, i) => [c.name, i]));
  let total = 0;
  const addValues = (k: number, place: number, profile: number, weight: number) => {
    const { name, counts } = counted[k]!;
    const pf = (PROFILE_FACETS as readonly string[]).indexOf(name);
    if (pf >= 0) for (const v of meta.profileValues[pf]![profile]!) counts[v]! += weight;
    else {
      const v = meta.places.codes[place]![(PLACE_FACETS as readonly string[]).indexOf(name)]!;
      if (v >= 0) counts[v]! += weight;
    }
  };
  /** Counts a base entry; returns whether it matches every selection. */
  const add = (place: number, profile: number, weight: number): boolean => {
    let fails = 0;
    let failed: Selection | undefined;
    for (const s of selections) {
      if (!s.pass[s.profileFacet >= 0 ? profile : place]) {
        fails++;
        failed = s;
        if (fails > 1) return false;
      }
    }
    if (fails === 0) {
      total += weight;
      for (let k = 0; k < counted.length; k++) addValues(k, place, profile, weight);
      return true;
    }
    const k = countedIndex.get(failed!.name);
    if (k !== undefined) addValues(k, place, profile, weight);
    return false;
  };

  // Geo filter: records within the radius and the box, from the column chunks that can hold some.
  const text = textP ? await textP : null;
  const C = ix.manifest.columnChunk;
  const chunks = Math.ceil(n / C);
  const inScope = (d: number) => scopePlaces === null || scopePlaces[placeOf(meta, d)] === 1;
  /** Column chunks holding candidates (text matches, or records of the scope's places). */
  const candidateChunk = new Uint8Array(chunks);
  if (text) for (const d of text.docs) candidateChunk[Math.floor(d / C)] = 1;
  else if (scopePlaces)
    for (let p = 0; p < places; p++) {
      if (!scopePlaces[p]) continue;
      const a = meta.placeStart[p]!;
      const b = meta.placeStart[p + 1]!;
      for (let k = Math.floor(a / C); k * C < b; k++) candidateChunk[k] = 1;
    }
  else candidateChunk.fill(1);
  const origin = near ? unitVector(near.lat, near.lon) : undefined;
  let geo: Uint32Array | null = null;
  /** Whether the geo filter read grid cells (a distance sort then reads cells too). */
  let geoCells: number[] | undefined;
  if (near?.radiusKm !== undefined || bbox) {
    const maxChord2 = near?.radiusKm !== undefined ? kmToChord2(near.radiusKm) : 0;
    const reach = Math.sqrt(maxChord2);
    const within = (y: number, x: number): boolean => {
      if (Number.isNaN(y)) return false;
      if (origin && near?.radiusKm !== undefined) {
        const [px, py, pz] = unitVector(y, x);
        const dx = px - origin[0];
        const dy = py - origin[1];
        const dz = pz - origin[2];
        if (!(dx * dx + dy * dy + dz * dz <= maxChord2)) return false;
      }
      if (bbox) {
        const [w, s, e, nn] = bbox;
        if (!(y >= s && y <= nn && (w > e ? x >= w || x <= e : x >= w && x <= e))) return false;
      }
      return true;
    };
    const radiusOrigin = near?.radiusKm !== undefined ? origin : undefined;
    const cellOrigin = near && origin ? { lat: near.lat, lon: near.lon, xyz: origin } : undefined;
    geo = new Uint32Array(Math.max(1, Math.ceil(n / 32)));
    // The grid cells the circle and box reach, unless the candidates' column chunks cost less (a rare
    // word in a large box): ~20 bytes a record either way.
    const grid = await ix.grid();
    const cells: number[] = [];
    let cellRecords = 0;
    for (let i = 0; i < grid.cells.length; i++)
      if (cellReaches(grid.cells[i]!, radiusOrigin && cellOrigin, maxChord2, bbox)) {
        cells.push(i);
        cellRecords += grid.cells[i]!.count;
      }
    let candidates = 0;
    for (let k = 0; k < chunks; k++) candidates += candidateChunk[k]!;
    if (cellRecords <= candidates * C) {
      geoCells = cells;
      for (const cell of await Promise.all(cells.map((i) => ix.cell(i))))
        for (let j = 0; j < cell.ids.length; j++)
          if (within(cell.lat[j]!, cell.lon[j]!)) setBit(geo, cell.ids[j]!);
    } else {
      const dir = (await ix.geoDirectory()).geo;
      const wanted: number[] = [];
      for (let k = 0; k < chunks; k++) {
        const g = dir[k];
        if (!candidateChunk[k] || !g) continue;
        if (radiusOrigin) {
          const dc = Math.hypot(g[0]! - radiusOrigin[0], g[1]! - radiusOrigin[1], g[2]! - radiusOrigin[2]);
          if (dc - g[3]! > reach + 1e-9) continue;
        }
        if (bbox) {
          const [w, s, e, nn] = bbox;
          if (g[6]! < s || g[4]! > nn) continue;
          if (w <= e ? g[5]! > e || g[7]! < w : g[7]! < w && g[5]! > e) continue;
        }
        wanted.push(k);
      }
      for (const col of await Promise.all(wanted.map((k) => ix.column(k))))
        for (let i = 0; i < col.lat.length; i++)
          if (within(col.lat[i]!, col.lon[i]!)) setBit(geo, col.from + i);
    }
  }

  // Base records and matches.
  let matched: Uint32Array | null = null; // ascending; null: given by places and profiles (no text, no geo)
  let matchedScores: Int32Array | null = null;
  if (text || geo) {
    const list: number[] = [];
    const scores: number[] = [];
    if (text) {
      // Profiles of text matches come with their postings.
      for (let i = 0; i < text.docs.length; i++) {
        const d = text.docs[i]!;
        if ((geo && !has(geo, d)) || !inScope(d)) continue;
        if (add(placeOf(meta, d), ix.profileOf[d]!, 1)) {
          list.push(d);
          scores.push(text.scores[i]!);
        }
      }
    } else {
      const docs: number[] = [];
      for (let i = 0; i < geo!.length; i++) {
        let x = geo![i]!;
        while (x !== 0) {
          const t = x & -x;
          x ^= t;
          const d = (i << 5) | (31 - Math.clz32(t));
          if (inScope(d)) docs.push(d);
        }
      }
      for (const d of docs) if (add(placeOf(meta, d), ix.profileOf[d]!, 1)) list.push(d);
    }
    matched = Uint32Array.from(list);
    if (text) matchedScores = Int32Array.from(scores);
  } else {
    const h = await ix.placeProfileCounts();
    for (let i = 0; i < h.length; i += 3) {
      const place = h[i]!;
      if (scopePlaces === null || scopePlaces[place]) add(place, h[i + 1]!, h[i + 2]!);
    }
  }

  // Hits.
  const start = (page - 1) * pageSize;
  const hits: SearchHit[] = [];
  let order: number[] = [];
  if (pageSize > 0 && start < total) {
    const k = Math.min(total, start + pageSize);
    const passes = (d: number, profile: number) => {
      const place = placeOf(meta, d);
      if (scopePlaces !== null && !scopePlaces[place]) return false;
      for (const s of selections) if (!s.pass[s.profileFacet >= 0 ? profile : place]) return false;
      return true;
    };
    const matchBits = matched ? bitsOf(matched, n) : null;
    if (sort === 'relevance' && matched && matchedScores) {
      const top = new TopK(k);
      for (let i = 0; i < matched.length; i++) top.push(matched[i]!, -matchedScores[i]!);
      order = top.sorted();
    } else if (sort === 'relevance' || (sort === 'distance' && !origin)) {
      order = await firstInIdOrder(ix, meta, matched, scopePlaces, profileSelected, passes, k);
    } else if (sort === 'name' || sort === 'updated') {
      order = await byRank(ix, sort, matched, matchBits, scopePlaces, passes, total, k, meta);
    } else {
      order =
        geoCells || (!matched && !scopePlaces)
          ? await byDistanceInCells(
              ix,
              { lat: near!.lat, lon: near!.lon, xyz: origin! },
              matchBits,
              passes,
              k,
              geoCells,
            )
          : await byDistance(ix, origin!, matched, matchBits, candidateChunk, passes, k);
    }
    hits.push(...(await pageHits(ix, order.slice(start), origin, matched, matchedScores)));
  }

  const facets: SearchResult['facets'] = {};
  const tables = facetTables(meta);
  for (const { name, counts } of counted) {
    const own = selections.find((s) => s.name === name);
    facets[name] = facetList(tables[name]!, Uint32Array.from(counts), own?.values ?? [], maxFacetValues);
  }
  return { total, page, pageSize, pages: pageSize > 0 ? Math.ceil(total / pageSize) : 0, sort, hits, facets };
}

/**
 * A query that filters nothing: every record, the entry file's facet counts, and the page read straight
 * from the order (positions `start..k` of the name or update order, ids for feed order, nearest column
 * chunks for a distance sort).
 */
async function everything(
  ix: StaticIndexData,
  q: {
    page: number;
    pageSize: number;
    sort: SearchResult['sort'];
    facetNames: readonly FacetName[];
    maxFacetValues: number;
    near: { lat: number; lon: number } | undefined;
  },
): Promise<SearchResult> {
  const n = ix.n;
  const { page, pageSize, sort } = q;
  const start = (page - 1) * pageSize;
  let order: number[] = [];
  const origin = q.near ? unitVector(q.near.lat, q.near.lon) : undefined;
  if (pageSize > 0 && start < n) {
    const k = Math.min(n, start + pageSize);
    if (sort === 'name' || sort === 'updated') {
      const O = ix.manifest.orderChunk;
      const chunks = [];
      for (let c = Math.floor(start / O); c * O < k; c++) chunks.push(ix.order(sort, c));
      const loaded = await Promise.all(chunks);
      const first = Math.floor(start / O) * O;
      for (let i = start; i < k; i++) {
        const chunk = loaded[Math.floor((i - first) / O)]!;
        order.push(chunk.ids[(i - first) % O]!);
      }
    } else if (sort === 'distance' && origin) {
      order = (await byDistanceInCells(ix, { ...q.near!, xyz: origin }, null, () => true, k)).slice(start);
    } else for (let d = start; d < k; d++) order.push(d);
  }
  const facets: SearchResult['facets'] = {};
  for (const name of q.facetNames)
    facets[name] = (ix.manifest.national[name] ?? []).slice(0, q.maxFacetValues);
  return {
    total: n,
    page,
    pageSize,
    pages: pageSize > 0 ? Math.ceil(n / pageSize) : 0,
    sort,
    hits: await pageHits(ix, order, origin, null, null),
    facets,
  };
}
