/**
 * Query execution over a {@link SearchIndex}: the text match (`text-match.ts`), the filters
 * (`filters.ts`), ranking and pagination here, and the facet counts (`facet-counts.ts`).
 *
 * @module
 */
import type { SearchIndex } from './index-data.ts';
import { chordToKm, unitVector } from './chord.ts';
import { and, has, popcount, setBit } from '../core/bitset.ts';
import { TopK } from '../core/top-k.ts';
import { queryTerms } from './tokenize.ts';
import { countFacets, facetSelections } from './facet-counts.ts';
import { bboxBits, checkBbox, checkNear, radiusBits, territoryBits, type Within } from './filters.ts';
import { gatherTop, matchText, planWord, singleScore, type WordPlan, wordBits } from './text-match.ts';
import { FACET_NAMES, type SearchHit, type SearchQuery, type SearchResult, type SortBy } from './types.ts';

/** Default hits per page. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest accepted page size. */
export const MAX_PAGE_SIZE = 1000;
/** Default number of values per facet. */
export const DEFAULT_MAX_FACET_VALUES = 100;
/** At most this many query words are used. */
export const MAX_QUERY_TERMS = 16;

function intIn(x: number | undefined, dflt: number, min: number, max: number): number {
  if (x === undefined || !Number.isFinite(x)) return dflt;
  return Math.min(max, Math.max(min, Math.floor(x)));
}

/** The sort applied for `query` (see {@link SearchQuery.sort}). */
export function effectiveSort(query: SearchQuery, hasText: boolean): SortBy {
  const s = query.sort;
  if (s && (s !== 'distance' || query.near)) return s;
  return hasText ? 'relevance' : query.near ? 'distance' : 'name';
}

/**
 * Runs `query` on `index`: text matching and ranking, facet, territory and geo filters, disjunctive
 * facet counts, sorting and pagination. Synchronous; a query over 100,000 structures takes a few
 * milliseconds at most.
 *
 * @throws RangeError when `near` or `bbox` hold impossible coordinates.
 */
export function search(index: SearchIndex, query: SearchQuery = {}): SearchResult {
  return run(index, query, MAX_PAGE_SIZE);
}

/**
 * The parts of `query` every engine reads, checked and defaulted: the in-memory one here and the static
 * index (`static-index/search.ts`) read them the same way. @internal
 *
 * @throws RangeError when `near` or `bbox` hold impossible coordinates.
 */
export function readQuery(query: SearchQuery, maxPageSize = MAX_PAGE_SIZE) {
  const words = query.text ? queryTerms(query.text).slice(0, MAX_QUERY_TERMS) : [];
  const hasText = words.length > 0;
  return {
    near: checkNear(query.near),
    bbox: checkBbox(query.bbox),
    pageSize: intIn(query.pageSize, DEFAULT_PAGE_SIZE, 0, maxPageSize),
    page: intIn(query.page, 1, 1, Number.MAX_SAFE_INTEGER),
    maxFacetValues: intIn(query.maxFacetValues, DEFAULT_MAX_FACET_VALUES, 0, Number.MAX_SAFE_INTEGER),
    words,
    hasText,
    sort: effectiveSort(query, hasText),
  };
}

function run(index: SearchIndex, query: SearchQuery, maxPageSize: number): SearchResult {
  const D = index.data;
  const n = D.n;
  const { near, bbox, pageSize, page, maxFacetValues, words, hasText, sort } = readQuery(query, maxPageSize);
  const facetNames = query.facetNames ?? FACET_NAMES;
  const { acc, cand, bitsA } = D.scratch;

  // Text: one word with many postings → a bitset of its records (scores only for the page); else
  // the candidate list with (summed) scores.
  const plans: WordPlan[] = [];
  for (let i = 0; i < words.length; i++) plans.push(planWord(D, words[i]!));
  const single = plans.length === 1 && plans[0]!.cost >= 0 ? plans[0]! : undefined;
  let textBits: Uint32Array | null = null;
  let textCount = 0;
  let c = 0;
  if (single) ({ bits: textBits, count: textCount } = wordBits(D, single));
  else if (hasText) c = matchText(D, plans, query.matching === 'any');
  const listed = hasText && !single; // candidates in cand[0..c), scores in acc
  try {
    // Scope: territory ∧ radius ∧ bbox (null = no restriction).
    if (!single) textCount = c;
    const within: Within | null = listed
      ? { list: cand, count: c }
      : textBits
        ? { bits: textBits, count: textCount }
        : null;
    let scope: Uint32Array | null = query.territory ? territoryBits(D, query.territory) : null;
    if (near?.radiusKm !== undefined) scope = and(scope, radiusBits(D, near, near.radiusKm, within));
    if (bbox) scope = and(scope, bboxBits(D, bbox, within));

    const selections = facetSelections(D, query.facets);
    let filter = scope;
    for (const s of selections) filter = and(filter, s.bits);

    // Total, and the matching records as a bitset when it is cheap.
    let total: number;
    let matchBits: Uint32Array | null = null; // null: see `listed` / all records
    if (textBits) {
      const bits = filter ? and(textBits, filter)! : textBits;
      matchBits = bits;
      total = filter ? popcount(bits) : textCount;
    } else if (listed) {
      total = 0;
      if (filter) {
        for (let i = 0; i < c; i++) if (has(filter, cand[i]!)) total++;
      } else total = c;
    } else {
      matchBits = filter;
      total = filter ? popcount(filter) : n;
    }

    // Hits.
    const start = (page - 1) * pageSize;
    const hits: SearchHit[] = [];
    if (pageSize > 0 && start < total) {
      const k = Math.min(total, start + pageSize);
      let order: number[];
      let scores: number[] | undefined;
      const walk =
        sort === 'name'
          ? D.byName
          : sort === 'updated'
            ? D.byUpdated
            : sort === 'relevance' && !hasText
              ? null
              : undefined;
      if (sort === 'relevance' && single) {
        [order, scores] = gatherTop(D, single, filter, k);
      } else if (walk !== undefined && total * total > k * n) {
        // Dense result: walk the precomputed order (null: feed order) until the page is full.
        order = [];
        for (let i = 0; i < n && order.length < k; i++) {
          const d = walk ? walk[i]! : i;
          if (matchBits ? has(matchBits, d) : listed ? acc[d]! > 0 && (!filter || has(filter, d)) : true)
            order.push(d);
        }
      } else {
        const top = new TopK(k);
        let key: (d: number) => number;
        if (sort === 'relevance') key = listed ? (d) => -acc[d]! : (d) => d;
        else if (sort === 'name') key = (d) => D.nameRank[d]!;
        else if (sort === 'updated') key = (d) => D.updatedRank[d]!;
        else {
          const [x0, y0, z0] = unitVector(near!.lat, near!.lon);
          const xyz = D.xyz;
          key = (d) => {
            const dx = xyz[3 * d]! - x0;
            const dy = xyz[3 * d + 1]! - y0;
            const dz = xyz[3 * d + 2]! - z0;
            const c2 = dx * dx + dy * dy + dz * dz;
            return Number.isNaN(c2) ? Number.POSITIVE_INFINITY : c2;
          };
        }
        if (listed && sort === 'relevance') {
          for (let i = 0; i < c; i++) {
            const d = cand[i]!;
            if (filter === null || has(filter, d)) top.push(d, -acc[d]!);
          }
        } else if (listed) {
          for (let i = 0; i < c; i++) {
            const d = cand[i]!;
            if (filter === null || has(filter, d)) top.push(d, key(d));
          }
        } else if (matchBits) {
          for (let i = 0; i < matchBits.length; i++) {
            let w = matchBits[i]!;
            while (w !== 0) {
              const t = w & -w;
              w ^= t;
              const d = (i << 5) | (31 - Math.clz32(t));
              top.push(d, key(d));
            }
          }
        } else for (let d = 0; d < n; d++) top.push(d, key(d));
        order = top.sorted();
      }
      const origin = near ? unitVector(near.lat, near.lon) : undefined;
      for (let i = start; i < order.length; i++) {
        const d = order[i]!;
        const score = scores ? scores[i]! : single ? singleScore(D, single, d) : listed ? acc[d]! : 0;
        const hit: SearchHit = { record: index.records[d]!, index: d, score };
        if (origin && !Number.isNaN(D.lat[d]!)) {
          const dx = D.xyz[3 * d]! - origin[0];
          const dy = D.xyz[3 * d + 1]! - origin[1];
          const dz = D.xyz[3 * d + 2]! - origin[2];
          hit.distanceKm = chordToKm(dx * dx + dy * dy + dz * dz);
        }
        hits.push(hit);
      }
    }

    // Facets: each counted with everything but its own selection.
    let facets: SearchResult['facets'] = {};
    if (facetNames.length > 0) {
      if (listed) {
        textBits = new Uint32Array(D.words);
        for (let i = 0; i < c; i++) setBit(textBits, cand[i]!);
      }
      facets = countFacets(D, and(textBits, scope), selections, facetNames, maxFacetValues);
    }

    return {
      total,
      page,
      pageSize,
      pages: pageSize > 0 ? Math.ceil(total / pageSize) : 0,
      sort,
      hits,
      facets,
    };
  } finally {
    for (let i = 0; i < c; i++) acc[cand[i]!] = 0;
    if (single && textBits === bitsA) bitsA.fill(0);
  }
}

/**
 * Every hit of `query` (all pages, in the query's order; facets are not counted): for exports and maps.
 */
export function searchAll(index: SearchIndex, query: SearchQuery = {}): SearchHit[] {
  // One pass with no page limit (paging 1,000 at a time would rank the top k again for every page).
  return run(index, { ...query, facetNames: [], page: 1, pageSize: index.size }, Math.max(index.size, 1))
    .hits;
}
