/**
 * Opt-in URL sync (`sync-url`): the directory's query as namespaced parameters (`ess-q`, `ess-theme`…)
 * so the host page's own parameters are left alone. Written with `history.replaceState` (no new history
 * entry per keystroke); nothing here runs without the attribute.
 *
 * | parameter | query part |
 * |---|---|
 * | `ess-q` | text |
 * | `ess-family`, `ess-form`, `ess-theme`, `ess-public`, `ess-dep`, `ess-commune` | facet values (repeated) |
 * | `ess-near` | `lat,lon` reference point, `ess-near-label` its place name |
 * | `ess-radius` | radius in km |
 * | `ess-sort` | sort |
 * | `ess-page` | page (from 2) |
 */
import type { FacetName, SearchQuery, SortBy } from './types.ts';

export const URL_PREFIX = 'ess-';

const FACET_PARAMS: ReadonlyArray<readonly [FacetName, string]> = [
  ['family', 'family'],
  ['legalForms', 'form'],
  ['themes', 'theme'],
  ['publics', 'public'],
  ['departement', 'dep'],
  ['commune', 'commune'],
];
const SORTS: readonly SortBy[] = ['relevance', 'name', 'distance', 'updated'];

export interface UrlState {
  query: Partial<SearchQuery>;
  nearLabel?: string;
}

/** The query parts found in `search` (a `location.search` string); `undefined` when none is there. */
export function readUrl(search: string): UrlState | undefined {
  const p = new URLSearchParams(search);
  if (![...p.keys()].some((k) => k.startsWith(URL_PREFIX))) return undefined;
  const query: Partial<SearchQuery> = {};
  const text = p.get(`${URL_PREFIX}q`);
  if (text) query.text = text.slice(0, 200);
  const facets: Record<string, string[]> = {};
  for (const [name, param] of FACET_PARAMS) {
    const values = p.getAll(URL_PREFIX + param).filter((v) => v && v.length <= 200);
    if (values.length) facets[name] = values.slice(0, 50);
  }
  if (Object.keys(facets).length) query.facets = facets;
  const near = p.get(`${URL_PREFIX}near`)?.split(',').map(Number);
  if (
    near?.length === 2 &&
    near.every(Number.isFinite) &&
    Math.abs(near[0]!) <= 90 &&
    Math.abs(near[1]!) <= 180
  ) {
    const radius = Number(p.get(`${URL_PREFIX}radius`));
    query.near = {
      lat: near[0]!,
      lon: near[1]!,
      ...(radius > 0 && radius <= 1000 ? { radiusKm: radius } : {}),
    };
  }
  const sort = p.get(`${URL_PREFIX}sort`) as SortBy | null;
  if (sort && SORTS.includes(sort)) query.sort = sort;
  const page = Number(p.get(`${URL_PREFIX}page`));
  if (Number.isInteger(page) && page > 1) query.page = page;
  return { query, nearLabel: p.get(`${URL_PREFIX}near-label`)?.slice(0, 200) || undefined };
}

/** `href` with the query written in its `ess-*` parameters (others kept, in order; hash kept). */
export function writeUrl(href: string, query: SearchQuery, nearLabel?: string): string {
  const url = new URL(href);
  const p = url.searchParams;
  for (const key of [...p.keys()]) if (key.startsWith(URL_PREFIX)) p.delete(key);
  if (query.text) p.set(`${URL_PREFIX}q`, query.text);
  for (const [name, param] of FACET_PARAMS)
    for (const v of query.facets?.[name] ?? []) p.append(URL_PREFIX + param, v);
  if (query.near) {
    p.set(`${URL_PREFIX}near`, `${query.near.lat.toFixed(5)},${query.near.lon.toFixed(5)}`);
    if (nearLabel) p.set(`${URL_PREFIX}near-label`, nearLabel);
    if (query.near.radiusKm) p.set(`${URL_PREFIX}radius`, String(query.near.radiusKm));
  }
  if (query.sort) p.set(`${URL_PREFIX}sort`, query.sort);
  if (query.page && query.page > 1) p.set(`${URL_PREFIX}page`, String(query.page));
  return url.href;
}
