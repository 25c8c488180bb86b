/**
 * The scripted national session of `pnpm bench national`: its steps (queries) and targets, and the
 * summary of a result that is compared between the browser (static index, in-memory engine) and the
 * in-memory engine run in Node on the same records. No Node or DOM API: the browser page imports it too.
 */
import type { FacetName, SearchQuery, SearchResult } from '../../packages/sdk/src/search/types.ts';

/** Targets of issue 16 (deliver 2). */
export const TARGETS = {
  first: { bytes: 1024 * 1024, ms: 2500 },
  further: { bytes: 300 * 1024, ms: 800 },
} as const;

export interface StepSpec {
  name: string;
  kind: keyof typeof TARGETS;
  query: SearchQuery;
  /** Add the most frequent value of this facet in the previous step's result to the query. */
  facetFromPrevious?: FacetName;
}

/**
 * The session: a national text query, then a new word, a one-typo word, a facet value, a département,
 * a radius around a point (the centre of the département's structures), its page 2. Words are frequent in the real Transiscope names the synthetic
 * feed cycles (so the national counts are large: the hard case).
 */
export function sessionSpecs(departement: string, centre: { lat: number; lon: number }): StepSpec[] {
  const near = { ...centre, radiusKm: 10 };
  return [
    { name: 'first national query « jardin »', kind: 'first', query: { text: 'jardin' } },
    { name: 'new word « epicerie »', kind: 'further', query: { text: 'epicerie' } },
    {
      name: 'one typo « accompagnemnet »',
      kind: 'further',
      query: { text: 'accompagnemnet' },
    },
    {
      name: 'facet value (themes, most frequent)',
      kind: 'further',
      query: { text: 'epicerie' },
      facetFromPrevious: 'themes',
    },
    {
      name: `département ${departement} (facet)`,
      kind: 'further',
      query: { text: 'epicerie', facets: { departement: [departement] } },
    },
    { name: `radius 10 km (centre of ${departement})`, kind: 'further', query: { near } },
    { name: 'page 2 of the radius query', kind: 'further', query: { near, page: 2 } },
  ];
}

/** Resolves `facetFromPrevious` with the previous step's result. */
export function resolveStep(spec: StepSpec, previous: ResultSummary | undefined): SearchQuery {
  if (!spec.facetFromPrevious) return spec.query;
  const top = previous?.facets[spec.facetFromPrevious]?.[0]?.value;
  if (!top) throw new Error(`no ${spec.facetFromPrevious} value in the previous result for “${spec.name}”`);
  return { ...spec.query, facets: { ...spec.query.facets, [spec.facetFromPrevious]: [top] } };
}

/** What is compared: total, the page of hits (id, score, distance) and every facet's counts. */
export interface ResultSummary {
  total: number;
  hits: Array<[id: string, score: number, distanceKm: number | null]>;
  facets: Partial<Record<FacetName, Array<{ value: string; count: number; selected: boolean }>>>;
}

export function summarise(result: SearchResult): ResultSummary {
  const facets: ResultSummary['facets'] = {};
  for (const [name, values] of Object.entries(result.facets))
    facets[name as FacetName] = (values ?? []).map((v) => ({
      value: v.value,
      count: v.count,
      selected: v.selected,
    }));
  return {
    total: result.total,
    hits: result.hits.map((h) => [h.record.id, h.score, h.distanceKm ?? null]),
    facets,
  };
}

/** Sort of a facet's values that does not depend on how ties were ordered. */
const byValue = (a: { value: string }, b: { value: string }) => (a.value < b.value ? -1 : 1);

/**
 * "exact" when totals and every facet count are equal (values compared as sets, as equal counts may be
 * listed in another order), else the first difference. Hits are compared apart (see {@link compareHits}).
 */
export function compareCounts(actual: ResultSummary, expected: ResultSummary): string {
  if (actual.total !== expected.total) return `total ${actual.total} ≠ ${expected.total}`;
  const names = new Set([...Object.keys(actual.facets), ...Object.keys(expected.facets)]);
  for (const name of names) {
    const a = [...(actual.facets[name as FacetName] ?? [])].sort(byValue);
    const e = [...(expected.facets[name as FacetName] ?? [])].sort(byValue);
    const ea = new Map(e.map((v) => [v.value, v.count]));
    for (const v of a)
      if (ea.get(v.value) !== v.count)
        return `${name}=${v.value}: ${v.count} ≠ ${ea.get(v.value) ?? 'absent'}`;
    if (a.length !== e.length) return `${name}: ${a.length} values ≠ ${e.length}`;
  }
  return 'exact';
}

/**
 * "same" when the page of hits is identical (ids, scores, distances, in order; distances to 1e-9 km,
 * as Node's and Chromium's trigonometry may differ in the last bits); "same up to ties" when only the
 * order of equal scores and distances differs (engines order ties by their own record order, and the
 * static index renumbers records by place); else the first difference.
 */
export function compareHits(actual: ResultSummary, expected: ResultSummary): string {
  const key = (h: ResultSummary['hits'][number]) => `${h[0]}|${h[1]}|${h[2] === null ? '' : h[2].toFixed(9)}`;
  if (actual.hits.map(key).join() === expected.hits.map(key).join()) return 'same';
  const ranks = (hits: ResultSummary['hits']) => hits.map((h) => key(h).replace(/^[^|]*/, '')).join();
  if (actual.hits.length === expected.hits.length && ranks(actual.hits) === ranks(expected.hits))
    return 'same up to ties';
  const i = actual.hits.findIndex((h, n) => key(h) !== key(expected.hits[n] ?? ['', 0, null]));
  return `hit ${i + 1}: ${actual.hits[i]?.join(' ') ?? 'none'} ≠ ${expected.hits[i]?.join(' ') ?? 'none'}`;
}
