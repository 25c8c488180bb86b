/**
 * The search connector's part of the page URL (see `core/url-state.ts`): its query as `ess-q`,
 * `ess-theme`… parameters.
 *
 * @module
 */
import { readUrlState, URL_NAMESPACES, type UrlEntries } from '../core/url-state.ts';
import type { FacetName, SearchQuery, SortBy } from './types.ts';

const MAX_TEXT = 200;
const SEARCH_FACETS: ReadonlyArray<readonly [FacetName, string]> = [
  ['family', 'ess-family'],
  ['legalForms', 'ess-form'],
  ['themes', 'ess-theme'],
  ['publics', 'ess-public'],
  ['departement', 'ess-dep'],
  ['commune', 'ess-commune'],
];
const SORTS: readonly SortBy[] = ['relevance', 'name', 'distance', 'updated'];

/** The search query of the URL (`near-label` beside it); `undefined` when no search parameter is there. */
export interface SearchUrlState {
  query: Partial<SearchQuery>;
  nearLabel?: string | undefined;
}

/** The search query in `params` (the search connector's parameters; others are ignored). */
export function decodeSearchUrl(params: URLSearchParams): SearchUrlState | undefined {
  const p = readUrlState(params.toString(), URL_NAMESPACES.search);
  if (p.size === 0) return undefined;
  const query: Partial<SearchQuery> = {};
  const text = p.get('ess-q');
  if (text) query.text = text.slice(0, MAX_TEXT);
  const facets: Partial<Record<FacetName, string[]>> = {};
  for (const [name, key] of SEARCH_FACETS) {
    const values = p.getAll(key).filter((v) => v && v.length <= MAX_TEXT);
    if (values.length) facets[name] = values.slice(0, 50);
  }
  if (Object.keys(facets).length) query.facets = facets;
  const near = p.get('ess-near')?.split(',').map(Number);
  if (
    near?.length === 2 &&
    near.every(Number.isFinite) &&
    Math.abs(near[0]!) <= 90 &&
    Math.abs(near[1]!) <= 180
  ) {
    const radius = Number(p.get('ess-radius'));
    query.near = {
      lat: near[0]!,
      lon: near[1]!,
      ...(radius > 0 && radius <= 1000 ? { radiusKm: radius } : {}),
    };
  }
  const sort = p.get('ess-sort') as SortBy | null;
  if (sort && SORTS.includes(sort)) query.sort = sort;
  const page = Number(p.get('ess-page'));
  if (Number.isInteger(page) && page > 1) query.page = page;
  return { query, nearLabel: p.get('ess-near-label')?.slice(0, MAX_TEXT) || undefined };
}

/** The search connector's parameters for `query`. */
export function encodeSearchUrl(query: SearchQuery, nearLabel?: string): UrlEntries {
  const out: [string, string][] = [];
  if (query.text) out.push(['ess-q', query.text]);
  for (const [name, key] of SEARCH_FACETS) for (const v of query.facets?.[name] ?? []) out.push([key, v]);
  if (query.near) {
    out.push(['ess-near', `${query.near.lat.toFixed(5)},${query.near.lon.toFixed(5)}`]);
    if (nearLabel) out.push(['ess-near-label', nearLabel]);
    if (query.near.radiusKm) out.push(['ess-radius', String(query.near.radiusKm)]);
  }
  if (query.sort) out.push(['ess-sort', query.sort]);
  if (query.page && query.page > 1) out.push(['ess-page', String(query.page)]);
  return out;
}
